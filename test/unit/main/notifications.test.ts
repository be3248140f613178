import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, shouldNotify, type ChatMessage, type ConversationRef, type Settings } from '../../../electron/ipc/contract'
import { notificationText, Notifier, trackOpenConversation } from '../../../electron/main/notifications'
import { wordsFor } from '../../../electron/main/strings'
import { FakeWebContents, Notification, resetElectronFake } from '../../stubs/electron'
import { idleCore } from './helpers'

const FRIEND: ConversationRef = { kind: 'friend', key: 'f:q:10002' }
const GROUP: ConversationRef = { kind: 'group', key: 'g:n:同学群' }

function message(over: Partial<ChatMessage> = {}): ChatMessage {
  return { id: 'm1', conversation: FRIEND, direction: 'in', time: 1, order: 1, segments: [{ type: 'text', text: '晚上吃什么？' }, { type: 'face', id: 14 }], status: 'received', ...over }
}

const notifications = (over: Partial<Settings['notifications']> = {}) => ({ ...DEFAULT_SETTINGS.notifications, ...over })

beforeEach(() => resetElectronFake())

describe('shouldNotify', () => {
  const ctx = { notifications: notifications(), muted: false, onScreen: undefined }

  it('notifies an incoming message by default', () => {
    expect(shouldNotify(message(), ctx)).toBe(true)
  })
  it('never for own messages', () => {
    expect(shouldNotify(message({ direction: 'out' }), ctx)).toBe(false)
  })
  it('not for a muted conversation', () => {
    expect(shouldNotify(message(), { ...ctx, muted: true })).toBe(false)
  })
  it('not when that conversation is on screen in the focused window, but yes for another one', () => {
    expect(shouldNotify(message(), { ...ctx, onScreen: FRIEND })).toBe(false)
    expect(shouldNotify(message({ conversation: GROUP }), { ...ctx, onScreen: FRIEND })).toBe(true)
  })
  it('not in do-not-disturb, nor with notifications off', () => {
    expect(shouldNotify(message(), { ...ctx, notifications: notifications({ doNotDisturb: true }) })).toBe(false)
    expect(shouldNotify(message(), { ...ctx, notifications: notifications({ enabled: false }) })).toBe(false)
  })
})

describe('notificationText', () => {
  const zh = wordsFor('zh-CN')
  it('friend: the name as title, the preview as body (faces as their emoji)', () => {
    expect(notificationText(message(), '小明', true, zh)).toEqual({ title: '小明', body: '晚上吃什么？🙂' })
  })
  it('group: the group as title, sender: preview as body', () => {
    const m = message({ conversation: GROUP, sender: { uin: '1', name: '小红' }, segments: [{ type: 'image', ref: 'x' }] })
    expect(notificationText(m, '同学群', true, zh)).toEqual({ title: '同学群', body: '小红: [图片]' })
    expect(notificationText(m, '同学群', true, wordsFor('en'))).toEqual({ title: '同学群', body: '小红: [Image]' })
  })
  it('with previews off, nothing of the message or its sender', () => {
    const text = notificationText(message({ conversation: GROUP, sender: { uin: '1', name: '小红' } }), '同学群', false, zh)
    expect(text).toEqual({ title: 'QQ', body: '新消息' })
  })
  it('cuts a long message', () => {
    const body = notificationText(message({ segments: [{ type: 'text', text: '字'.repeat(500) }] }), 'x', true, zh).body
    expect(body.length).toBe(200)
    expect(body.endsWith('…')).toBe(true)
  })
})

describe('Notifier', () => {
  function setup(over: { settings?: Partial<Settings['notifications']>; muted?: boolean; onScreen?: ConversationRef; title?: string; platform?: NodeJS.Platform } = {}) {
    const opened: ConversationRef[] = []
    const notifier = new Notifier({
      settings: () => ({ ...DEFAULT_SETTINGS, notifications: notifications(over.settings) }),
      isMuted: () => over.muted ?? false,
      title: (ref) => (ref.kind === 'friend' ? (over.title ?? '小明') : undefined),
      onScreen: () => over.onScreen,
      icon: '/icon.png',
      open: (ref) => opened.push(ref),
      platform: over.platform,
    })
    return { notifier, opened }
  }

  it('with the app chime, the notification is silent and the chime plays once; with sound off, neither', () => {
    const played: string[] = []
    const withChime = (sound: boolean) =>
      new Notifier({
        settings: () => ({ ...DEFAULT_SETTINGS, notifications: notifications({ sound }) }),
        isMuted: () => false,
        title: () => '小明',
        onScreen: () => undefined,
        icon: '/icon.png',
        open: () => undefined,
        playSound: () => played.push('chime'),
      })
    expect(withChime(true).onMessage(message())).toBe(true)
    expect(Notification.shown[0]?.options.silent).toBe(true)
    expect(played).toEqual(['chime'])
    expect(withChime(false).onMessage(message())).toBe(true)
    expect(Notification.shown[1]?.options.silent).toBe(true)
    expect(played).toEqual(['chime'])
  })

  it('shows sender and preview with sound, and a click opens the conversation', () => {
    const { notifier, opened } = setup()
    expect(notifier.onMessage(message())).toBe(true)
    const [n] = Notification.shown
    expect(n?.options).toEqual({ title: '小明', body: '晚上吃什么？🙂', silent: false, icon: '/icon.png' })
    n!.emit('click')
    expect(opened).toEqual([FRIEND])
  })

  it('is silent when sound is off, and hides the preview when showPreview is off', () => {
    const { notifier } = setup({ settings: { sound: false, showPreview: false } })
    notifier.onMessage(message())
    expect(Notification.shown[0]?.options).toMatchObject({ title: 'QQ', body: '新消息', silent: true })
  })

  it('shows nothing when muted, in DND, or looking at that chat', () => {
    expect(setup({ muted: true }).notifier.onMessage(message())).toBe(false)
    expect(setup({ settings: { doNotDisturb: true } }).notifier.onMessage(message())).toBe(false)
    expect(setup({ onScreen: FRIEND }).notifier.onMessage(message())).toBe(false)
    expect(Notification.shown).toEqual([])
  })

  it('on Linux, gives the daemon no markup from a name or a message, in words that read the same either way', () => {
    const { notifier } = setup({ platform: 'linux', title: '<b>老板</b>' })
    notifier.onMessage(message({ segments: [{ type: 'text', text: '<a href="http://evil.example">点我领红包</a> &amp; <img src="x">' }] }))
    const room = message({ conversation: GROUP, sender: { uin: '1', name: '<i>Tom & Jerry</i>' }, segments: [{ type: 'text', text: 'a<b' }] })
    notifier.onMessage(room)
    const [friend, group] = Notification.shown.map((n) => n.options)
    expect(friend).toMatchObject({ title: '＜b＞老板＜/b＞', body: '＜a href="http://evil.example"＞点我领红包＜/a＞ ＆amp; ＜img src="x"＞' })
    expect(group).toMatchObject({ title: '＜i＞Tom ＆ Jerry＜/i＞', body: '＜i＞Tom ＆ Jerry＜/i＞: a＜b' })
    for (const n of [friend, group]) expect(`${n!.title}${n!.body}`).not.toMatch(/[<>&]/)
  })

  it('elsewhere, shows names and messages exactly as written (no daemon reads markup there)', () => {
    setup({ platform: 'win32', title: 'Tom & Jerry <3' }).notifier.onMessage(message({ segments: [{ type: 'text', text: '<b>hi</b>' }] }))
    expect(Notification.shown[0]?.options).toMatchObject({ title: 'Tom & Jerry <3', body: '<b>hi</b>' })
  })

  it('shows nothing where the OS has no notifications', () => {
    Notification.supported = false
    expect(setup().notifier.onMessage(message())).toBe(false)
  })
})

describe('trackOpenConversation', () => {
  const summary = (conversation: ConversationRef) => ({ ref: conversation, title: 't', face: 0, unread: 0, pinned: false, muted: false })

  it('remembers the conversation each page opened, apart (the main window and a chat window each show their own)', async () => {
    const core = idleCore()
    const tracked = trackOpenConversation({ ...core.handlers, 'conversation.open': async ({ conversation }) => summary(conversation) })
    const main = new FakeWebContents()
    const chat = new FakeWebContents()
    expect(tracked.current(main)).toBeUndefined()
    await tracked.handlersFor(main)['conversation.open']({ conversation: GROUP })
    await tracked.handlersFor(chat)['conversation.open']({ conversation: FRIEND })
    expect(tracked.current(main)).toEqual(GROUP)
    expect(tracked.current(chat)).toEqual(FRIEND)
    tracked.forget()
    expect(tracked.current(main)).toBeUndefined()
  })

  it('forgets a page that is gone', async () => {
    const tracked = trackOpenConversation({ ...idleCore().handlers, 'conversation.open': async ({ conversation }) => summary(conversation) })
    const chat = new FakeWebContents()
    await tracked.handlersFor(chat)['conversation.open']({ conversation: FRIEND })
    chat.destroy()
    expect(tracked.current(chat)).toBeUndefined()
  })

  it('does not change on a failed open', async () => {
    const tracked = trackOpenConversation(idleCore().handlers)
    const main = new FakeWebContents()
    await expect(tracked.handlersFor(main)['conversation.open']({ conversation: GROUP })).rejects.toMatchObject({ kind: 'unavailable' })
    expect(tracked.current(main)).toBeUndefined()
  })
})
