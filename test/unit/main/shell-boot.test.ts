import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AppInfo, ChatMessage, ChatTabs, LoginView, SessionView } from '../../../electron/ipc/contract'
import { decodeQr, Phone } from '../../support/emulator'
import { app, BrowserWindow, FakeEvent, ipcMain, Menu, Notification, protocol, resetElectronFake, session, Tray } from '../../stubs/electron'
import { invokeEventFrom } from './helpers'

/**
 * The whole shell (electron/main/index.ts) booted against the fake Electron, with the real
 * backend and its embedded emulator: the login window at start, a phone scan, the switch to
 * the main window, a notification for a friend's message, and a clean quit.
 */

const windowFor = (route: string) => BrowserWindow.getAllWindows().find((w) => w.webContents.loadedUrl?.endsWith(`#/${route}`))
const eventsOf = <T>(win: BrowserWindow | undefined, name: string) => (win?.webContents.sent ?? []).filter((s) => s.channel === `qq:evt:${name}`).map((s) => s.args[0] as T)
const invoke = (win: BrowserWindow, name: string, args: unknown = {}) => ipcMain.invoke('qq:cmd', invokeEventFrom(win.webContents), name, args) as Promise<{ ok: boolean; value: any }>

let phone: Phone
let friend: any
let quitStarted = false

beforeAll(async () => {
  resetElectronFake()
  app.userData = mkdtempSync(join(tmpdir(), 'qq-shell-'))
  await import('../../../electron/main/index')
}, 30_000)

afterAll(async () => {
  if (quitStarted) return
  app.emit('before-quit')
  app.emit('will-quit', new FakeEvent())
  await vi.waitFor(() => expect(app.quitCalls).toBeGreaterThan(0), { timeout: 10_000 })
})

describe('the Electron shell', () => {
  it('shows the login window with a QR code at startup', async () => {
    await vi.waitFor(() => expect(eventsOf<LoginView>(windowFor('login'), 'login.state').some((v) => v.kind === 'qr')).toBe(true), { timeout: 15_000 })
    expect(BrowserWindow.getAllWindows()).toHaveLength(1)
    expect(Tray.all).toHaveLength(1)
    expect(Tray.all[0]!.tooltip).toBe('QQ — 未登录')
    const info = await invoke(windowFor('login')!, 'app.info')
    expect(info.value as AppInfo).toMatchObject({ host: 'electron', profile: 'emulator', secretStorage: 'encrypted' })
    phone = Phone.fromPageUrl((info.value as AppInfo).phoneUrl!)
  })

  it('starts with its app id, the app:// scheme, the locked-down session, the IPC and a menu', () => {
    expect(app.appUserModelId).toBe('com.qqdesktop.app')
    expect(app.exitCode).toBeUndefined()
    expect(protocol.privileged.map((p) => p.scheme)).toEqual(['app', 'qq-media'])
    expect([...protocol.handlers.keys()]).toEqual(['app', 'qq-media'])
    expect(session.defaultSession.headersListener).toBeDefined()
    expect(session.defaultSession.permissionCheckHandler?.({}, 'notifications', 'app://qq', {})).toBe(false)
    expect([...ipcMain.handlers.keys()]).toEqual(['qq:cmd'])
    expect(Menu.application?.items[0]?.submenu).toEqual([expect.objectContaining({ label: '退出', accelerator: 'CmdOrCtrl+Q' })])
  })

  it('a second start brings the login window forward', () => {
    const login = windowFor('login')!
    login.hide()
    app.emit('second-instance')
    expect(login.isVisible()).toBe(true)
  })

  it('switches to the main window once the phone confirms the QR login', async () => {
    const qr = eventsOf<LoginView>(windowFor('login'), 'login.state').findLast((v) => v.kind === 'qr') as Extract<LoginView, { kind: 'qr' }>
    const text = decodeQr(Buffer.from(qr.image.replace(/^data:image\/png;base64,/, ''), 'base64'))
    expect((await phone.scan(text)).status).toBe(200)
    expect((await phone.confirm(text)).status).toBe(200)
    await vi.waitFor(() => expect(windowFor('main')).toBeDefined(), { timeout: 15_000 })
    expect(windowFor('login')).toBeUndefined()
    const main = windowFor('main')!
    const session = (await invoke(main, 'session.get')).value.session as SessionView
    expect(session.kind).toBe('online')
    expect(Tray.all[0]!.tooltip).toContain(`(${(session as Extract<SessionView, { kind: 'online' }>).qq})`)
  })

  it("notifies a friend's message while the window is not focused (silent, the main window plays the chime), and the click opens that chat's window", async () => {
    const main = windowFor('main')!
    main.blur()
    const world = await phone.contacts()
    friend = world.friends.find((f: { bot?: boolean }) => !f.bot)
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['开会了吗', { face: 14 }] })
    // (How the face reads in the preview is strings.ts's to say.)
    const isIt = (x: Notification) => x.options.body?.startsWith('开会了吗') === true
    await vi.waitFor(() => expect(Notification.shown.some(isIt)).toBe(true), { timeout: 10_000 })
    const n = Notification.shown.find(isIt)!
    expect([friend.markname, friend.nick]).toContain(n.options.title)
    expect(n.options.silent).toBe(true)
    expect(eventsOf(main, 'ui.playSound')).toEqual([{ sound: 'message' }])
    expect(main.flashes).toContain(true)
    n.emit('click')
    // mergeChatWindows is on by default: the tabbed window, with that conversation's tab chosen.
    const chats = windowFor('chats')!
    expect(chats).toBeDefined()
    const tabs = (await invoke(chats, 'chat.tabs')).value as ChatTabs
    expect(tabs.tabs).toEqual([{ kind: 'friend', key: expect.any(String) }])
    expect(tabs.active).toEqual(tabs.tabs[0])
  })

  it('a chat window is an app window: its commands are answered and it hears the events', async () => {
    const chats = windowFor('chats')!
    const tabs = (await invoke(chats, 'chat.tabs')).value as ChatTabs
    const summary = await invoke(chats, 'conversation.open', { conversation: tabs.active })
    expect(summary.ok).toBe(true)
    expect(eventsOf<ChatTabs>(chats, 'chat.tabs').at(-1)).toEqual(tabs)
    expect((await invoke(chats, 'conversation.read', { conversation: tabs.active })).ok).toBe(true)
    await vi.waitFor(() => expect(eventsOf(chats, 'conversations.changed').length).toBeGreaterThan(0), { timeout: 5_000 })
  })

  it('closing the main window hides it to the tray; the chat window stays, and notifications still come', async () => {
    const main = windowFor('main')!
    main.close()
    expect(main.isDestroyed()).toBe(false)
    expect(main.isVisible()).toBe(false)
    const chats = windowFor('chats')!
    expect(chats.isDestroyed()).toBe(false)
    chats.blur()
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['还在吗'] })
    await vi.waitFor(() => expect(Notification.shown.some((n) => n.options.body === '还在吗')).toBe(true), { timeout: 10_000 })
    // The conversation's own window flashes, not the hidden main window.
    expect(chats.flashes).toContain(true)
  })

  it('a message in the conversation on screen in the focused chat window does not notify', async () => {
    const chats = windowFor('chats')!
    chats.focus()
    const before = Notification.shown.length
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['看得到'] })
    await vi.waitFor(async () => expect(((await invoke(chats, 'history.page', { conversation: ((await invoke(chats, 'chat.tabs')).value as ChatTabs).active })).value as ChatMessage[]).some((m) => m.segments.some((x) => x.type === 'text' && x.text === '看得到'))).toBe(true), { timeout: 10_000 })
    expect(Notification.shown.length).toBe(before)
  })

  it('goes back to the login window when the session is lost (kicked by another login)', async () => {
    const qq = ((await invoke(windowFor('main')!, 'session.get')).value.session as Extract<SessionView, { kind: 'online' }>).qq
    expect((await phone.post('/control/sessions/end', { qq, reason: 'kicked' })).status).toBe(200)
    await vi.waitFor(() => expect(windowFor('login')).toBeDefined(), { timeout: 10_000 })
    expect(windowFor('main')).toBeUndefined()
    // No chat window outlives its session.
    expect(windowFor('chats')).toBeUndefined()
    expect(Tray.all[0]!.tooltip).toBe('QQ — 未登录')
  })

  it('quitting stops the backend and quits', async () => {
    const login = windowFor('login')!
    quitStarted = true
    app.emit('before-quit')
    const willQuit = new FakeEvent()
    app.emit('will-quit', willQuit)
    expect(willQuit.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(app.quitCalls).toBe(1), { timeout: 10_000 })
    expect(Tray.all[0]!.destroyed).toBe(true)
    login.close()
    expect(login.isDestroyed()).toBe(true)
    await expect(phone.fetch('/control/state')).rejects.toThrow()
  })
})
