// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../electron/ipc/contract'
import App from '../../../renderer/src/App.vue'
// The views and dialogs App loads as chunks of their own, loaded here first: mounted, they show within the flush.
import '../../../renderer/src/views/MainView.vue'
import '../../../renderer/src/views/ChatWindowView.vue'
import '../../../renderer/src/components/dialogs/SettingsDialog.vue'
import '../../../renderer/src/components/dialogs/FriendRequestDialog.vue'
import type { LinkSource, LinkState } from '../../../renderer/src/bridge/link'
import { startSync } from '../../../renderer/src/app/sync'
import { routeOf } from '../../../renderer/src/composables/hash-route'
import en from '../../../renderer/src/i18n/en'
import zhCN from '../../../renderer/src/i18n/zh-CN'
import { friend, snapshot, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup, type Harness } from './harness'

const ONLINE = { kind: 'online' as const, qq: '10000', nick: '我自己', status: 'online' as const }

async function boot(h: Harness) {
  fakeLayout()
  startSync({ chats: routeOf(location.hash) !== 'login' })
  const w = mountWith(h, App)
  await flushPromises()
  return w
}

function keysOf(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keysOf(v as object, `${prefix}${k}.`)))
}

describe('app', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    location.hash = ''
  })

  it('has the same message keys in both languages', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort())
  })

  it('shows the login view in web mode until online, then the main view with the session data', async () => {
    const h = setup()
    const w = await boot(h)
    expect(w.find('[data-testid="login-state"]').exists()).toBe(true)
    h.api.answer('contacts.get', snapshot({ self: { qq: '10000', uin: '1', nick: '我自己', face: 0, lnick: '签名', status: 'online', gender: '', city: '' }, friends: [friend(1)] }))
    h.api.answer('conversations.list', [summary('f:q:10001', { title: 'Friend 1' })])
    h.api.emit('login.state', { kind: 'online' })
    h.api.emit('session.state', ONLINE)
    await flushPromises()
    expect(w.find('[data-testid="login-state"]').exists()).toBe(false)
    expect(w.get('[data-testid="self-nick"]').text()).toBe('我自己')
    expect((w.get('[data-testid="self-status"]').element as HTMLSelectElement).value).toBe('online')
    expect(w.findAll('[data-testid="conversation-row"]').map((r) => r.attributes('data-key'))).toEqual(['f:q:10001'])
    // Lost: the main view stays, with the banner.
    h.api.emit('session.state', { kind: 'session-lost', reason: 'kicked' })
    await flushPromises()
    expect(w.find('[data-testid="conn-banner"]').exists()).toBe(true)
    expect(w.find('[data-testid="conversation-row"]').exists()).toBe(true)
  })

  it('titles the main window with the unread count (99+ past 99), written again only when it reads differently', async () => {
    const h = setup()
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    h.api.answer('contacts.get', snapshot({ friends: [friend(1), friend(2)] }))
    h.api.answer('conversations.list', [summary('f:q:10001', { title: 'Friend 1', unread: 120 })])
    const writes: string[] = []
    // The accessor wherever the DOM defines it (happy-dom: on a prototype of the document).
    let proto: object | null = document
    while (proto && !Object.getOwnPropertyDescriptor(proto, 'title')) proto = Object.getPrototypeOf(proto) as object | null
    const title = Object.getOwnPropertyDescriptor(proto!, 'title')!
    Object.defineProperty(document, 'title', { configurable: true, get: () => title.get!.call(document), set: (v: string) => (writes.push(v), title.set!.call(document, v)) })
    try {
      await boot(h)
      expect(document.title).toBe('(99+) QQ')
      const before = writes.length
      // A busy group not open: each message one more unread, and the title still reads 99+.
      for (let i = 0; i < 5; i++) {
        h.api.emit('conversations.changed', [summary('f:q:10001', { title: 'Friend 1', unread: 121 + i, lastMessage: { preview: `第 ${i} 句`, time: i, direction: 'in', status: 'received' } }), summary('f:q:10002', { title: 'Friend 2' })])
        await flushPromises()
      }
      expect(writes.slice(before)).toEqual([])
      h.api.emit('conversations.changed', [summary('f:q:10001', { title: 'Friend 1', unread: 3 })])
      await flushPromises()
      expect(writes.slice(before)).toEqual(['(3) QQ'])
    } finally {
      delete (document as { title?: string }).title
    }
  })

  it('follows the hash in Electron: #/login stays the login view', async () => {
    location.hash = '#/login'
    const h = setup({ host: 'electron' })
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    const w = await boot(h)
    expect(w.get('[data-testid="login-state"]').text()).toBe('登录成功')
    // The login window leaves contacts and chats to the main window.
    await flushPromises()
    expect(h.api.argsOf('contacts.get')).toHaveLength(0)
    expect(h.api.argsOf('conversation.open')).toHaveLength(0)
  })

  it('switches the language from the lang switch, and applies settings.changed live', async () => {
    const h = setup()
    const w = await boot(h)
    expect(w.text()).toContain('扫码登录')
    await w.get('[data-testid="lang-switch"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('settings.set')).toEqual([{ language: 'en' }])
    expect(w.text()).toContain('Sign in to QQ')
    expect(document.documentElement.lang).toBe('en')
    h.api.emit('settings.changed', { ...DEFAULT_SETTINGS, language: 'zh-CN', theme: 'dark' })
    await flushPromises()
    expect(w.text()).toContain('登录 QQ')
    expect(document.documentElement.dataset.theme).toBe('dark')
  })

  it('moves between chats with Ctrl+Tab and Alt+Up, and focuses search with Ctrl+K', async () => {
    const h = setup()
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    const list = [
      summary('a', { lastMessage: { preview: '', time: 3, direction: 'in', status: '' } }),
      summary('b', { lastMessage: { preview: '', time: 2, direction: 'in', status: '' } }),
    ]
    h.api.answer('conversations.list', list)
    h.api.answer('conversation.open', (args) => list.find((s) => s.ref.key === args.conversation.key)!)
    const w = await boot(h)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', ctrlKey: true }))
    await flushPromises()
    expect(w.get('[data-testid="chat-pane"]').attributes('data-key')).toBe('a')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', altKey: true }))
    await flushPromises()
    expect(w.get('[data-testid="chat-pane"]').attributes('data-key')).toBe('b')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', ctrlKey: true, shiftKey: true }))
    await flushPromises()
    expect(w.get('[data-testid="chat-pane"]').attributes('data-key')).toBe('a')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true }))
    await flushPromises()
    expect(document.activeElement?.getAttribute('data-testid')).toBe('search-input')
  })

  it('shows a friend request as a card in the friend tab, with a badge and a notice that takes no focus; refusing answers deny', async () => {
    const h = setup()
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    const w = await boot(h)
    const before = document.activeElement
    h.api.emit('friend.request', { account: '123456', nick: '路人', message: '加个好友', time: 0 })
    await flushPromises()
    expect(w.find('[role="dialog"]').exists()).toBe(false)
    expect(document.activeElement).toBe(before)
    expect(w.get('[data-testid="friend-request-notice"]').text()).toContain('路人 请求添加你为好友')
    expect(w.get('[data-testid="friend-requests-badge"]').text()).toBe('1')
    await w.get('[data-testid="friend-request-notice-show"]').trigger('click')
    const card = w.get('[data-testid="friend-request"]')
    expect(card.text()).toContain('路人 请求添加你为好友')
    expect(card.text()).toContain('123456')
    expect(card.text()).toContain('附言：加个好友')
    expect(w.find('[data-testid="friend-request-notice"]').exists()).toBe(false)
    await card.get('[data-testid="friend-request-deny"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('friendRequest.answer')).toEqual([{ account: '123456', answer: { kind: 'deny', reason: '' } }])
    expect(w.find('[data-testid="friend-request"]').exists()).toBe(false)
    expect(w.find('[data-testid="friend-requests-badge"]').exists()).toBe(false)
  })

  it('lists the friend requests pending at start; a requester without a nick is named by the number; accepting with a remark sends it', async () => {
    const h = setup()
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    h.api.answer('friendRequest.list', [{ account: '55555', nick: '', message: '', time: 2 }, { account: '44444', nick: '老同学', message: '', time: 1 }])
    const w = await boot(h)
    await w.get('[data-testid="tab-friends"]').trigger('click')
    await w.get('[data-testid="friend-requests-toggle"]').trigger('click')
    const cards = w.findAll('[data-testid="friend-request"]')
    expect(cards.map((c) => c.get('[data-testid="friend-request-nick"]').text())).toEqual(['老同学', '55555'])
    await cards[1]!.get('[data-testid="friend-request-remark"]').trigger('click')
    await cards[1]!.get('[data-testid="friend-request-remark-input"]').setValue(' 新朋友 ')
    await cards[1]!.get('form').trigger('submit')
    await flushPromises()
    expect(h.api.argsOf('friendRequest.answer')).toEqual([{ account: '55555', answer: { kind: 'accept', category: 0, markname: '新朋友' } }])
    expect(w.findAll('[data-testid="friend-request"]')).toHaveLength(1)
  })

  it('asks before logging out and says what happens; cancel keeps the session', async () => {
    const h = setup()
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    const w = await boot(h)
    await w.get('[data-testid="self-logout"]').trigger('click')
    const dialog = w.get('[data-testid="logout-confirm"]')
    expect(dialog.text()).toContain('扫码')
    expect(dialog.text()).toContain('聊天记录')
    await w.get('[data-testid="logout-cancel"]').trigger('click')
    expect(h.api.argsOf('logout')).toEqual([])
    await w.get('[data-testid="self-logout"]').trigger('click')
    await w.get('[data-testid="logout-confirm-button"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('logout')).toHaveLength(1)
  })

  it('saves settings from the settings dialog', async () => {
    const h = setup()
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    const w = await boot(h)
    await w.get('[data-testid="settings-button"]').trigger('click')
    // The dialog is a chunk of its own: it shows once that has loaded.
    await flushPromises()
    await w.get('[data-testid="send-key-ctrl"]').setValue(true)
    await w.get('[data-testid="settings-theme"]').setValue('light')
    await flushPromises()
    expect(h.api.argsOf('settings.set')).toEqual([{ sendKey: 'ctrl-enter' }, { theme: 'light' }])
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await flushPromises()
    expect(w.find('[data-testid="settings-dialog"]').exists()).toBe(false)
  })
})

describe('resync', () => {
  it('asks for the whole state again after web mode’s socket comes back', async () => {
    let listener: (s: LinkState) => void = () => {}
    const link: LinkSource = { link: () => ({ kind: 'open' }), onLink: (l) => ((listener = l), () => {}) }
    const h = setup({ link })
    h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
    await boot(h)
    expect(h.api.argsOf('session.get')).toHaveLength(1)
    expect(h.api.argsOf('contacts.get')).toHaveLength(1)
    listener({ kind: 'waiting', attempt: 1, retryAt: 0 })
    listener({ kind: 'connecting', attempt: 1 })
    listener({ kind: 'open' })
    await flushPromises()
    expect(h.api.argsOf('session.get')).toHaveLength(2)
    expect(h.api.argsOf('settings.get')).toHaveLength(2)
    expect(h.api.argsOf('contacts.get')).toHaveLength(2)
    expect(h.api.argsOf('conversations.list')).toHaveLength(2)
  })
})
