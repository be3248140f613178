import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type ChatMessage, type ChatTabs, type ConversationRef, type ConversationSummary, type Settings } from '../../../electron/ipc/contract'
import { AppOrigin } from '../../../electron/main/app-url'
import { ChatWindows } from '../../../electron/main/chat-windows'
import { appSenders } from '../../../electron/main/ipc'
import { ConversationCache } from '../../../electron/main/conversation-cache'
import { Notifier } from '../../../electron/main/notifications'
import { wordsFor } from '../../../electron/main/strings'
import { AppTray, TRAY_UNREAD_ITEMS } from '../../../electron/main/tray'
import { ChatWindowPlaces, CHAT_DEFAULT } from '../../../electron/main/window-state'
import { createChatWindow } from '../../../electron/main/windows'
import { BrowserWindow, FakeWebContents, Notification, resetElectronFake, Tray, type MenuItemOptions } from '../../stubs/electron'
import { invokeEventFrom, settle, windowDeps } from './helpers'

/**
 * The chat-window manager (issue 11) against the recording fake of Electron, with the real
 * window factory (windows.ts) and the real place file (window-state.ts).
 */

const XIAOMING: ConversationRef = { kind: 'friend', key: 'f:q:10002' }
const XIAOHONG: ConversationRef = { kind: 'friend', key: 'f:q:10003' }
const CLASS: ConversationRef = { kind: 'group', key: 'g:n:同学群/2024 #1' }
const SCREEN = [{ x: 0, y: 0, width: 1920, height: 1080 }]

const asFake = (w: unknown) => w as BrowserWindow
const hashOf = (w: BrowserWindow) => w.webContents.loadedUrl?.split('#')[1]
const live = () => BrowserWindow.getAllWindows()

beforeEach(() => resetElectronFake())

function setup(over: { merge?: boolean; placesFile?: string } = {}) {
  let merge = over.merge ?? false
  const published: Array<{ tabs: ChatTabs; to: number }> = []
  const places = new ChatWindowPlaces(over.placesFile ?? join(mkdtempSync(join(tmpdir(), 'qq-chatwin-')), 'chat-windows.json'), () => SCREEN)
  const chats = new ChatWindows({
    create: (route, place) => createChatWindow(windowDeps(), route, place),
    places,
    merge: () => merge,
    publish: (tabs, to) => published.push({ tabs, to: to.length }),
  })
  const open = async (ref: ConversationRef) => {
    const win = asFake(chats.open(ref))
    await settle() // loaded: a window being created shows itself when painted
    win.emit('ready-to-show')
    return win
  }
  return { chats, published, open, setMerge: (on: boolean) => (merge = on) }
}

describe('one chat window per conversation (mergeChatWindows off)', () => {
  it('opens a window per conversation at its #/chat route, its key encoded', async () => {
    const { chats, open } = setup()
    const a = await open(XIAOMING)
    const b = await open(CLASS)
    expect(a).not.toBe(b)
    expect(hashOf(a)).toBe('/chat/friend/f%3Aq%3A10002')
    expect(hashOf(b)).toBe(`/chat/group/${encodeURIComponent(CLASS.key)}`)
    expect(chats.tabs()).toEqual({ open: [XIAOMING, CLASS], tabs: [], active: null })
    expect(chats.contents()).toEqual([a.webContents, b.webContents])
  })

  it('opening it again reuses that window and brings it forward (shown, restored, focused)', async () => {
    const { open } = setup()
    const a = await open(XIAOMING)
    await open(XIAOHONG)
    a.hide()
    a.minimized = true
    expect(await open(XIAOMING)).toBe(a)
    expect(a.isVisible()).toBe(true)
    expect(a.isMinimized()).toBe(false)
    expect(a.isFocused()).toBe(true)
    expect(live()).toHaveLength(2)
  })

  it('runs sandboxed and isolated like every app window', () => {
    const { chats } = setup()
    const prefs = asFake(chats.open(XIAOMING)).options.webPreferences
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webviewTag: false, preload: '/app/out/preload/index.js' })
  })

  it('close (Esc, Ctrl+W) closes that window; a closed window is forgotten and opens anew', async () => {
    const { chats, open, published } = setup()
    const a = await open(XIAOMING)
    await open(XIAOHONG)
    chats.close(XIAOMING)
    expect(a.isDestroyed()).toBe(true)
    expect(chats.tabs().open).toEqual([XIAOHONG])
    expect(published.at(-1)).toEqual({ tabs: { open: [XIAOHONG], tabs: [], active: null }, to: 1 })
    const again = await open(XIAOMING)
    expect(again).not.toBe(a)
    expect(chats.windowOf(XIAOMING)).toBe(again)
  })

  it('remembers each conversation’s size and place, and reopens it there', async () => {
    const placesFile = join(mkdtempSync(join(tmpdir(), 'qq-chatwin-')), 'chat-windows.json')
    const first = setup({ placesFile })
    const a = await first.open(XIAOMING)
    expect(a.options).toMatchObject(CHAT_DEFAULT.bounds)
    Object.assign(a, { bounds: { x: 300, y: 200, width: 700, height: 640 } })
    a.close()
    const b = await first.open(XIAOHONG)
    b.maximize()
    b.close()

    const later = setup({ placesFile })
    expect((await later.open(XIAOMING)).options).toMatchObject({ x: 300, y: 200, width: 700, height: 640 })
    const hong = await later.open(XIAOHONG)
    expect(hong.isMaximized()).toBe(true)
    // One never opened before: the default size.
    expect((await later.open(CLASS)).options).toMatchObject({ width: CHAT_DEFAULT.bounds.width, height: CHAT_DEFAULT.bounds.height })
  })

  it('closeAll closes every chat window (the session ended)', async () => {
    const { chats, open } = setup()
    await open(XIAOMING)
    await open(CLASS)
    chats.closeAll()
    expect(live()).toEqual([])
    expect(chats.tabs().open).toEqual([])
  })
})

describe('merged into one tabbed window (mergeChatWindows on, the default)', () => {
  it('every conversation opens as a tab of one #/chats window, the last one chosen', async () => {
    const { chats, open, published } = setup({ merge: true })
    const w = await open(XIAOMING)
    expect(hashOf(w)).toBe('/chats')
    expect(await open(CLASS)).toBe(w)
    expect(live()).toHaveLength(1)
    expect(chats.tabs()).toEqual({ open: [XIAOMING, CLASS], tabs: [XIAOMING, CLASS], active: CLASS })
    // Opening an open tab chooses it and brings the window forward; no second tab.
    w.hide()
    expect(await open(XIAOMING)).toBe(w)
    expect(w.isVisible()).toBe(true)
    expect(published.at(-1)?.tabs).toEqual({ open: [XIAOMING, CLASS], tabs: [XIAOMING, CLASS], active: XIAOMING })
  })

  it('closing a tab chooses the one beside it; the last tab closes the window', async () => {
    const { chats, open } = setup({ merge: true })
    const w = await open(XIAOMING)
    await open(XIAOHONG)
    await open(CLASS)
    chats.close(XIAOHONG) // not the chosen one: the choice stays
    expect(chats.tabs()).toMatchObject({ tabs: [XIAOMING, CLASS], active: CLASS })
    chats.close(CLASS)
    expect(chats.tabs()).toMatchObject({ tabs: [XIAOMING], active: XIAOMING })
    chats.close(XIAOMING)
    expect(w.isDestroyed()).toBe(true)
    expect(chats.tabs()).toEqual({ open: [], tabs: [], active: null })
  })

  it('the window’s own close button closes all its tabs; the next open starts afresh where it was', async () => {
    const { chats, open } = setup({ merge: true })
    const w = await open(XIAOMING)
    Object.assign(w, { bounds: { x: 50, y: 60, width: 800, height: 700 } })
    w.close()
    expect(chats.tabs().tabs).toEqual([])
    const again = await open(CLASS)
    expect(again).not.toBe(w)
    expect(again.options).toMatchObject({ x: 50, y: 60, width: 800, height: 700 })
    expect(chats.tabs().tabs).toEqual([CLASS])
  })

  it('turning the setting on or off while windows are open: each open conversation keeps its place', async () => {
    const t = setup({ merge: false })
    const own = await t.open(XIAOMING)
    t.setMerge(true)
    expect(await t.open(XIAOMING)).toBe(own)
    const merged = await t.open(CLASS)
    expect(merged).not.toBe(own)
    t.setMerge(false)
    expect(await t.open(CLASS)).toBe(merged)
    expect(t.chats.tabs()).toEqual({ open: [CLASS, XIAOMING], tabs: [CLASS], active: CLASS })
  })

  it('focused() is the chosen tab of the focused merged window, or the focused window’s conversation', async () => {
    const t = setup({ merge: true })
    const w = await t.open(XIAOMING)
    await t.open(CLASS)
    expect(t.chats.focused()).toEqual(CLASS)
    w.blur()
    expect(t.chats.focused()).toBeUndefined()
    t.setMerge(false)
    await t.open(XIAOHONG)
    expect(t.chats.focused()).toEqual(XIAOHONG)
  })
})

describe('chat windows are app windows, and nothing else is', () => {
  it('the IPC sender check accepts a chat window’s main frame and refuses a stranger, an iframe and a foreign page', async () => {
    const { chats, open } = setup({ merge: true })
    const w = await open(XIAOMING)
    const main = new FakeWebContents()
    void main.load('app://qq/index.html#/main')
    await settle()
    const isOurs = appSenders(() => [main as never, ...chats.contents()], new AppOrigin())
    expect(isOurs(invokeEventFrom(w.webContents) as never)).toBe(true)
    const stranger = new FakeWebContents()
    void stranger.load('app://qq/index.html#/chats')
    await settle()
    expect(isOurs(invokeEventFrom(stranger) as never)).toBe(false)
    const frame = Object.assign(Object.create(Object.getPrototypeOf(w.webContents.mainFrame)), { url: 'app://qq/index.html', parent: w.webContents.mainFrame })
    expect(isOurs(invokeEventFrom(w.webContents, frame) as never)).toBe(false)
    w.webContents.mainFrame.url = 'https://evil.example/'
    expect(isOurs(invokeEventFrom(w.webContents) as never)).toBe(false)
    w.close()
    expect(chats.contents()).toEqual([])
  })
})

describe('notifications, tray and the chat windows together', () => {
  const summary = (ref: ConversationRef, unread: number, time: number, over: Partial<ConversationSummary> = {}): ConversationSummary => ({
    ref,
    title: ref.key === XIAOMING.key ? '小明' : ref.key === XIAOHONG.key ? '小红' : '同学群',
    face: 0,
    unread,
    pinned: false,
    muted: false,
    lastMessage: { preview: 'hi', time, direction: 'in', status: 'received' },
    ...over,
  })
  const message = (conversation: ConversationRef): ChatMessage => ({ id: 'm1', conversation, direction: 'in', time: 1, order: 1, segments: [{ type: 'text', text: '在吗' }], status: 'received' })

  function shell(over: { notifications?: Partial<Settings['notifications']>; muted?: ConversationRef[] } = {}) {
    const t = setup({ merge: true })
    const cache = new ConversationCache()
    const played: string[] = []
    const notifier = new Notifier({
      settings: () => ({ ...DEFAULT_SETTINGS, notifications: { ...DEFAULT_SETTINGS.notifications, ...over.notifications } }),
      isMuted: (ref) => (over.muted ?? []).some((m) => m.key === ref.key),
      title: (ref) => cache.find(ref)?.title,
      onScreen: () => t.chats.focused(),
      icon: '/icon.png',
      open: (ref) => t.chats.open(ref),
      playSound: () => played.push('chime'),
    })
    return { ...t, cache, notifier, played }
  }

  it('a notification’s click opens that conversation’s chat window (its tab chosen)', async () => {
    const s = shell()
    const w = await s.open(XIAOMING)
    w.blur()
    expect(s.notifier.onMessage(message(CLASS))).toBe(true)
    Notification.shown[0]!.emit('click')
    expect(s.chats.tabs()).toMatchObject({ tabs: [XIAOMING, CLASS], active: CLASS })
    expect(s.chats.windowOf(CLASS)).toBe(w)
    expect(s.played).toEqual(['chime'])
  })

  it('with merging off, the click opens (or brings forward) the conversation’s own window', async () => {
    const s = shell()
    s.setMerge(false)
    expect(s.notifier.onMessage(message(XIAOHONG))).toBe(true)
    Notification.shown[0]!.emit('click')
    await settle()
    const own = asFake(s.chats.windowOf(XIAOHONG))
    expect(hashOf(own)).toBe('/chat/friend/f%3Aq%3A10003')
    own.emit('ready-to-show')
    own.blur()
    s.notifier.onMessage(message(XIAOHONG))
    Notification.shown[1]!.emit('click')
    expect(live()).toHaveLength(1)
    expect(own.isFocused()).toBe(true)
  })

  it('no notification (and no chime) for the conversation on screen in the focused chat window, nor when muted, nor in do-not-disturb', async () => {
    const s = shell()
    await s.open(XIAOMING)
    expect(s.notifier.onMessage(message(XIAOMING))).toBe(false)
    expect(shell({ muted: [CLASS] }).notifier.onMessage(message(CLASS))).toBe(false)
    expect(shell({ notifications: { doNotDisturb: true } }).notifier.onMessage(message(CLASS))).toBe(false)
    expect(Notification.shown).toEqual([])
    expect(s.played).toEqual([])
  })

  it('the tray lists the unread conversations (not the muted ones), with the unread icon and count; a click opens its chat window', async () => {
    const s = shell()
    s.cache.update([summary(XIAOMING, 2, 10), summary(CLASS, 5, 20), summary(XIAOHONG, 9, 30, { muted: true })])
    const opened: string[] = []
    const tray = new AppTray(
      { normal: '/tray.png', unread: '/tray-unread.png' },
      { open: () => opened.push('main'), openConversation: (ref) => void s.chats.open(ref), setStatus: () => undefined, logout: () => undefined, quit: () => undefined },
    )
    tray.render({ session: { kind: 'online', qq: '10001', nick: '我', status: 'online' }, unreadTotal: s.cache.unreadTotal, unread: s.cache.unread(TRAY_UNREAD_ITEMS), words: wordsFor('zh-CN') })
    const fake = Tray.all[0]!
    expect(fake.image.path).toBe('/tray-unread.png')
    expect(fake.tooltip).toContain('7')
    const items = fake.menu!.items as MenuItemOptions[]
    const listed = items.filter((i) => i.label?.includes('('))
    expect(listed.map((i) => i.label)).toEqual(['同学群 (5)', '小明 (2)'])
    listed[1]!.click!()
    await settle()
    expect(s.chats.tabs().tabs).toEqual([XIAOMING])
    expect(opened).toEqual([])
  })
})
