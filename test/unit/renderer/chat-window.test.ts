// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatTabs, ConversationRef } from '../../../electron/ipc/contract'
import App from '../../../renderer/src/App.vue'
// The views and dialogs App loads as chunks of their own, loaded here first: mounted, they show within the flush.
import '../../../renderer/src/views/MainView.vue'
import '../../../renderer/src/views/ChatWindowView.vue'
import '../../../renderer/src/components/dialogs/SettingsDialog.vue'
import '../../../renderer/src/components/dialogs/FriendRequestDialog.vue'
import SettingsDialog from '../../../renderer/src/components/dialogs/SettingsDialog.vue'
import { startSync } from '../../../renderer/src/app/sync'
import { chatHash, chatOf, routeOf } from '../../../renderer/src/composables/hash-route'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { useSettingsStore } from '../../../renderer/src/stores/settings'
import { chatWindowAction, neighbour } from '../../../renderer/src/views/chat-window-keys'
import { APP_INFO } from './fake-api'
import { friend, snapshot, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup, type Harness } from './harness'

const ONLINE = { kind: 'online' as const, qq: '10000', nick: '我自己', status: 'online' as const }
const MING: ConversationRef = { kind: 'friend', key: 'f:q:10001' }
const HONG: ConversationRef = { kind: 'friend', key: 'f:q:10002' }
const ROOM: ConversationRef = { kind: 'group', key: 'g:n:同学群/#1?x' }

const press = (key: string, mods: Partial<KeyboardEventInit> = {}) => {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...mods })
  window.dispatchEvent(e)
  return e
}

function online(h: Harness, list = [summary(MING.key, { title: '小明', unread: 3 }), summary(HONG.key, { title: '小红', unread: 2 })]) {
  h.api.answer('session.get', { session: ONLINE, login: { kind: 'online' } })
  h.api.answer('contacts.get', snapshot({ friends: [friend(1), friend(2)] }))
  h.api.answer('conversations.list', list)
  h.api.answer('conversation.open', ({ conversation }) => list.find((s) => s.ref.key === conversation.key) ?? summary(conversation.key))
}

async function boot(h: Harness) {
  fakeLayout()
  startSync({ chats: routeOf(location.hash) !== 'login' })
  const w = mountWith(h, App)
  unmount = () => w.unmount()
  await flushPromises()
  return w
}
let unmount: (() => void) | undefined

afterEach(() => {
  // Its window listeners go with it (a key here must not reach an earlier test's window).
  unmount?.()
  unmount = undefined
  document.body.innerHTML = ''
  location.hash = ''
  vi.restoreAllMocks()
})

describe('chat routes', () => {
  it('a conversation’s hash round-trips, its key encoded whatever it holds', () => {
    for (const ref of [MING, ROOM, { kind: 'discussion' as const, key: 'd:n:a/b c%' }]) {
      expect(chatOf(chatHash(ref))).toEqual(ref)
      expect(routeOf(chatHash(ref))).toBe('chat')
    }
    expect(routeOf('#/chats')).toBe('chats')
    expect(routeOf('#/main')).toBe('main')
  })

  it('a hash that is not a chat (unknown kind, bad escape, no key, more parts) is no chat route, never a crash', () => {
    for (const hash of ['#/chat/window/x', '#/chat/friend/%E0%A4%A', '#/chat/friend/', '#/chat/friend/a/b', '#/chat/__proto__/x', '#chat/friend/x']) {
      expect(chatOf(hash), hash).toBeUndefined()
      expect(routeOf(hash), hash).toBe('auto')
    }
  })
})

describe('chat window keys', () => {
  const k = (key: string, m: Partial<KeyboardEvent> = {}) => chatWindowAction({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...m })
  it('Esc and Ctrl+W close, Ctrl+Tab and Ctrl+Shift+Tab move; Ctrl+F and Ctrl+K are not theirs', () => {
    expect(k('Escape')).toBe('close')
    expect(k('w', { ctrlKey: true })).toBe('close')
    expect(k('W', { metaKey: true })).toBe('close')
    expect(k('Tab', { ctrlKey: true })).toBe('next')
    expect(k('Tab', { ctrlKey: true, shiftKey: true })).toBe('prev')
    for (const other of [k('f', { ctrlKey: true }), k('k', { ctrlKey: true }), k('Tab'), k('w'), k('Escape', { shiftKey: true })]) expect(other).toBeUndefined()
  })
  it('neighbour wraps around, and there is none alone or for a stranger', () => {
    expect(neighbour([MING, HONG, ROOM], ROOM, 1)).toEqual(MING)
    expect(neighbour([MING, HONG, ROOM], MING, -1)).toEqual(ROOM)
    expect(neighbour([MING], MING, 1)).toBeUndefined()
    expect(neighbour([MING, HONG], ROOM, 1)).toBeUndefined()
  })
})

describe('the merged chat window (Electron #/chats)', () => {
  const tabs: ChatTabs = { open: [MING, HONG], tabs: [MING, HONG], active: MING }

  it('shows the tabs the main process keeps and the chosen one’s chat; the title is that peer and the tabs’ unread', async () => {
    location.hash = '#/chats'
    const h = setup({ host: 'electron' })
    online(h)
    h.api.answer('chat.tabs', tabs)
    const w = await boot(h)
    expect(w.findAll('[data-testid="chat-tab"]').map((t) => t.attributes('data-key'))).toEqual([MING.key, HONG.key])
    expect(w.get('[role="tab"][aria-selected="true"]').attributes('data-key')).toBe(MING.key)
    expect(w.get('[data-testid="chat-pane"]').attributes('data-key')).toBe(MING.key)
    expect(h.api.argsOf('conversation.open').at(-1)).toEqual({ conversation: MING })
    // The chosen chat is being read: the title counts the other tabs' unread (小红's).
    expect(document.title).toBe('小明（其他会话 2 条未读）')
    // The sidebar of the main window is not here.
    expect(w.find('[data-testid="conversation-row"]').exists()).toBe(false)

    // Another tab chosen by the main process (a notification's click, Ctrl+Tab elsewhere).
    h.api.emit('chat.tabs', { ...tabs, active: HONG })
    await flushPromises()
    expect(w.get('[data-testid="chat-pane"]').attributes('data-key')).toBe(HONG.key)
    expect(h.api.argsOf('conversation.open').at(-1)).toEqual({ conversation: HONG })
  })

  it('Ctrl+Tab asks for the next tab, a click on a tab for that one, Ctrl+W and Esc close the chosen one, × closes its own', async () => {
    location.hash = '#/chats'
    const h = setup({ host: 'electron' })
    online(h)
    h.api.answer('chat.tabs', tabs)
    const w = await boot(h)
    expect(press('Tab', { ctrlKey: true }).defaultPrevented).toBe(true)
    press('Tab', { ctrlKey: true, shiftKey: true })
    await w.findAll('[data-testid="chat-tab"]')[1]!.trigger('click')
    await flushPromises()
    expect(h.api.argsOf('chat.open')).toEqual([{ conversation: HONG }, { conversation: HONG }, { conversation: HONG }])
    press('w', { ctrlKey: true })
    press('Escape')
    await w.findAll('button.close')[1]!.trigger('click')
    await flushPromises()
    expect(h.api.argsOf('chat.close')).toEqual([{ conversation: MING }, { conversation: MING }, { conversation: HONG }])
  })
})

describe('web mode', () => {
  it('#/chats (Electron’s merged window) is the main view there: a browser has tabs of its own', async () => {
    location.hash = '#/chats'
    const h = setup()
    online(h)
    const w = await boot(h)
    expect(w.findAll('[data-testid="conversation-row"]').length).toBe(2)
    expect(h.api.argsOf('chat.tabs')).toEqual([])
  })
})

describe('a chat window of its own (Electron #/chat/…)', () => {
  it('shows that conversation alone, titled with its peer; Ctrl+Tab moves to the next open window’s conversation, Ctrl+W closes it', async () => {
    location.hash = chatHash(HONG)
    const h = setup({ host: 'electron' })
    online(h, [summary(MING.key, { title: '小明' }), summary(HONG.key, { title: '小红' })])
    h.api.answer('chat.tabs', { open: [MING, HONG], tabs: [], active: null })
    const w = await boot(h)
    expect(w.findAll('[data-testid="chat-pane"]').map((p) => p.attributes('data-key'))).toEqual([HONG.key])
    expect(w.find('[role="tablist"]').exists()).toBe(false)
    expect(document.title).toBe('小红')
    // Unseen (the window hidden or minimised), what arrives stays unread, and the title counts it.
    vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden')
    h.api.emit('conversations.changed', [summary(MING.key, { title: '小明' }), summary(HONG.key, { title: '小红', unread: 4 })])
    await flushPromises()
    expect(document.title).toBe('小红（4 条未读）')
    press('Tab', { ctrlKey: true })
    press('w', { ctrlKey: true })
    await flushPromises()
    expect(h.api.argsOf('chat.open')).toEqual([{ conversation: MING }])
    expect(h.api.argsOf('chat.close')).toEqual([{ conversation: HONG }])
  })
})

describe('openWindow', () => {
  it('Electron: asks the main process (chat.open)', async () => {
    const h = setup({ host: 'electron' })
    await useConversationsStore().openWindow(ROOM)
    expect(h.api.argsOf('chat.open')).toEqual([{ conversation: ROOM }])
  })

  it('web mode: a tab at the conversation’s route keeping ?token=, named for the conversation so it is reused', async () => {
    setup()
    history.replaceState(null, '', '/?token=abc')
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    await useConversationsStore().openWindow(ROOM)
    expect(open).toHaveBeenCalledWith(`/?token=abc#/chat/group/${encodeURIComponent(ROOM.key)}`, `qq-chat:group|${ROOM.key}`)
  })
})

describe('the merge setting (合并会话窗口)', () => {
  it('Electron’s settings turn it off and on (on by default); web mode has no such choice', async () => {
    const h = setup({ host: 'electron' })
    h.api.answer('app.info', { ...APP_INFO, host: 'electron' })
    await Promise.all([useSettingsStore().load(), useSessionStore().init()])
    const w = mountWith(h, SettingsDialog)
    unmount = () => w.unmount()
    await flushPromises()
    const box = w.get('[data-testid="merge-chat-windows"]')
    expect((box.element as HTMLInputElement).checked).toBe(true)
    await box.setValue(false)
    await flushPromises()
    expect(h.api.argsOf('settings.set')).toEqual([{ mergeChatWindows: false }])

    unmount()
    const web = setup()
    await Promise.all([useSettingsStore().load(), useSessionStore().init()])
    const page = mountWith(web, SettingsDialog)
    unmount = () => page.unmount()
    await flushPromises()
    expect(page.find('[data-testid="merge-chat-windows"]').exists()).toBe(false)
  })
})
