import { faceById } from './faces'
import type { Notice, Segment } from './messages'

/** How the parts of a message that are not text read in one line of text, in some language. */
export interface PreviewNames {
  /** The whole piece a face reads as: its emoji, as the bubble shows it (UX.md: never a `[名字]` code). */
  face: (id: number) => string
  image: string
  file: (name: string) => string
  callInvite: string
  notice: (n: Notice) => string
  other: string
}

/** A message's segments as one line of text: for previews, notifications, search and composer recall. */
export function plainText(segments: readonly Segment[], names: PreviewNames): string {
  return segments
    .map((s) => {
      switch (s.type) {
        case 'text':
          return s.text
        case 'face':
          return names.face(s.id)
        case 'image':
          return names.image
        case 'file':
          return names.file(s.name)
        case 'call-invite':
          return names.callInvite
        case 'notice':
          return names.notice(s.notice)
        case 'unsupported':
          return names.other
      }
    })
    .join('')
}

/** The Chinese names: the stored text of every message (search, previews) and the default UI language. */
export const ZH_PREVIEW_NAMES: PreviewNames = {
  face: (id) => faceById(id)?.emoji ?? '[表情]',
  image: '[图片]',
  file: (name) => `[文件] ${name}`,
  callInvite: '[视频通话邀请]',
  notice: (n) => {
    switch (n.kind) {
      case 'shake':
        return '[窗口抖动]'
      case 'tips':
        return n.text
      case 'member-joined':
        return n.by ? `${n.by} 邀请 ${n.member} 加入了群` : `${n.member} 加入了群`
      case 'member-left':
        return `${n.member} 退出了群`
      case 'member-removed':
        return n.by ? `${n.member} 被 ${n.by} 移出了群` : `${n.member} 被移出了群`
      case 'admin-changed':
        return n.admin ? `${n.member} 成为管理员` : `${n.member} 不再是管理员`
    }
  },
  other: '[消息]',
}
