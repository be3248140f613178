import { beforeEach, describe, expect, it, vi } from 'vitest'
import { EVENT_NAMES } from '../../../electron/ipc/contract'
import type { Handlers } from '../../../electron/ipc/dispatch'
import { AppOrigin } from '../../../electron/main/app-url'
import { appSenders, forwardEvents, registerCommands, sendEvent } from '../../../electron/main/ipc'
import { createLoginWindow, createMainWindow } from '../../../electron/main/windows'
import { BrowserWindow, FakeFrame, ipcMain, resetElectronFake } from '../../stubs/electron'
import { idleCore, invokeEventFrom, recordingLogger, windowDeps } from './helpers'

beforeEach(() => resetElectronFake())

function setup(origin = new AppOrigin()) {
  const core = idleCore()
  const settingsSet = vi.fn(core.handlers['settings.set'])
  const handlers: Handlers = { ...core.handlers, 'settings.set': settingsSet }
  const deps = windowDeps(origin)
  const login = createLoginWindow(deps) as unknown as BrowserWindow
  const main = createMainWindow(deps, { bounds: { width: 900, height: 600 }, maximized: false }) as unknown as BrowserWindow
  const ours = () => [login.webContents, main.webContents] as never[]
  const { logger, lines } = recordingLogger()
  registerCommands(handlers, appSenders(ours, origin), logger)
  return { core, settingsSet, login, main, ours, lines }
}

describe('IPC commands', () => {
  it('registers the one command channel, and nothing else', () => {
    setup()
    expect([...ipcMain.handlers.keys()]).toEqual(['qq:cmd'])
  })

  it('refuses a name the contract does not hold, from our own page too', async () => {
    const { main } = setup()
    for (const name of ['shell.exec', 'constructor', '__proto__', 'toString', 'electron-store-get-data', 42, null]) {
      const r = await ipcMain.invoke('qq:cmd', invokeEventFrom(main.webContents), name, {})
      expect(r, String(name)).toMatchObject({ ok: false, error: { kind: 'bad-input', message: expect.stringMatching(/^unknown command/) } })
    }
  })

  it('dispatches a call from our page to the handler', async () => {
    const { main, settingsSet, core } = setup()
    const r = await ipcMain.invoke('qq:cmd', invokeEventFrom(main.webContents), 'settings.set', { language: 'en' })
    expect(r).toMatchObject({ ok: true, value: { language: 'en' } })
    expect(settingsSet).toHaveBeenCalledOnce()
    expect(core.handlers['settings.get']({})).toMatchObject({ language: 'en' })
  })

  it('refuses a call from a foreign page without calling the handler', async () => {
    const { main, settingsSet, core, lines } = setup()
    main.webContents.mainFrame.url = 'https://evil.example/'
    const r = await ipcMain.invoke('qq:cmd', invokeEventFrom(main.webContents), 'settings.set', { language: 'en' })
    expect(r).toEqual({ ok: false, error: { kind: 'bad-input', message: 'the caller is not the app' } })
    expect(settingsSet).not.toHaveBeenCalled()
    expect(core.handlers['settings.get']({})).toMatchObject({ language: 'zh-CN' })
    expect(lines).toContain("warn: refused a command from a frame that is not the app's")
  })

  it('refuses an iframe of our page, a window that is not ours, and a vanished frame', async () => {
    const { main, settingsSet } = setup()
    const iframe = new FakeFrame('app://qq/index.html')
    iframe.parent = main.webContents.mainFrame
    const stranger = new BrowserWindow()
    await stranger.loadURL('app://qq/index.html#/main')
    for (const event of [
      invokeEventFrom(main.webContents, iframe),
      invokeEventFrom(stranger.webContents),
      { sender: main.webContents, senderFrame: null },
    ]) {
      const r = await ipcMain.invoke('qq:cmd', event, 'settings.set', { language: 'en' })
      expect(r).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
    expect(settingsSet).not.toHaveBeenCalled()
  })

  it('accepts the dev server page only when running from it', async () => {
    const dev = setup(new AppOrigin('http://localhost:5173'))
    expect(await ipcMain.invoke('qq:cmd', invokeEventFrom(dev.main.webContents), 'app.info', {})).toMatchObject({ ok: true, value: { host: 'electron' } })
    resetElectronFake()
    const packaged = setup()
    packaged.main.webContents.mainFrame.url = 'http://localhost:5173/index.html#/main'
    expect(await ipcMain.invoke('qq:cmd', invokeEventFrom(packaged.main.webContents), 'app.info', {})).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
  })

  it('answers bad arguments with a typed bad-input error', async () => {
    const { main, settingsSet } = setup()
    const r = await ipcMain.invoke('qq:cmd', invokeEventFrom(main.webContents), 'settings.set', { language: 'klingon' })
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect((r as { error: { message: string } }).error.message).toMatch(/^settings\.set: /)
    expect(settingsSet).not.toHaveBeenCalled()
    const extra = await ipcMain.invoke('qq:cmd', invokeEventFrom(main.webContents), 'app.info', { sneaky: 1 })
    expect(extra).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
  })
})

describe('IPC events', () => {
  it('forwards every contract event from the core to every app page', () => {
    const { core, login, main, ours } = setup()
    forwardEvents(core, ours)
    core.emit('settings.changed', core.handlers['settings.get']({}) as never)
    core.emit('typing', { conversation: { kind: 'friend', key: 'f:q:10001' } })
    for (const win of [login, main]) {
      expect(win.webContents.sent.map((s) => s.channel)).toEqual(['qq:evt:settings.changed', 'qq:evt:typing'])
      expect(win.webContents.sent[1]?.args).toEqual([{ conversation: { kind: 'friend', key: 'f:q:10001' } }])
    }
    expect(EVENT_NAMES.every((n) => core.listenerCount(n) === 1)).toBe(true)
  })

  it('sends nothing to a closed window', () => {
    const { main } = setup()
    main.destroy()
    sendEvent(main.webContents as never, 'typing', { conversation: { kind: 'group', key: 'g:n:x' } })
    expect(main.webContents.sent).toEqual([])
  })
})
