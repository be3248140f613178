import { faceById, plainText, ZH_PREVIEW_NAMES, type Notice, type PreviewNames, type Segment, type Settings, type SettableStatus } from '../ipc/contract'

/**
 * The few words the main process shows itself (tray, menus, notifications), in the user's
 * language; everything inside the windows comes from renderer/i18n.
 */

export interface ShellWords {
  appName: string
  open: string
  view: string
  status: string
  statuses: Record<SettableStatus, string>
  logout: string
  quit: string
  notSignedIn: string
  unread(count: number): string
  newMessage: string
  /** How the non-text parts of a message read in a preview. */
  previewNames: PreviewNames
}

const ZH: ShellWords = {
  appName: 'QQ',
  open: '打开主面板',
  view: '视图',
  status: '我的状态',
  statuses: { online: '我在线上', callme: 'Q我吧', away: '离开', busy: '忙碌', silent: '请勿打扰', hidden: '隐身' },
  logout: '注销',
  quit: '退出',
  notSignedIn: '未登录',
  unread: (n) => `${n} 条未读消息`,
  newMessage: '新消息',
  previewNames: ZH_PREVIEW_NAMES,
}

const EN: ShellWords = {
  appName: 'QQ',
  open: 'Open QQ',
  view: 'View',
  status: 'My status',
  statuses: { online: 'Online', callme: 'Call me', away: 'Away', busy: 'Busy', silent: 'Do not disturb', hidden: 'Invisible' },
  logout: 'Log out',
  quit: 'Quit',
  notSignedIn: 'Not signed in',
  unread: (n) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  newMessage: 'New message',
  previewNames: { face: (id) => faceById(id)?.emoji ?? '[Face]', image: '[Image]', file: (name) => `[File] ${name}`, callInvite: '[Video call invitation]', notice: englishNotice, other: '[Message]' },
}

export function wordsFor(language: Settings['language']): ShellWords {
  return language === 'en' ? EN : ZH
}

/** A message as one line of text, in the user's language. */
export function previewOf(words: ShellWords, segments: readonly Segment[]): string {
  return plainText(segments, words.previewNames)
}

function englishNotice(n: Notice): string {
  switch (n.kind) {
    case 'shake':
      return '[Window shake]'
    case 'tips':
      return n.text
    case 'member-joined':
      return n.by ? `${n.by} invited ${n.member} to the group` : `${n.member} joined the group`
    case 'member-left':
      return `${n.member} left the group`
    case 'member-removed':
      return n.by ? `${n.member} was removed from the group by ${n.by}` : `${n.member} was removed from the group`
    case 'admin-changed':
      return n.admin ? `${n.member} is now an admin` : `${n.member} is no longer an admin`
  }
}
