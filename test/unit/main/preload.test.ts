import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { QqApi } from '../../../electron/ipc/contract'
import { AppOrigin } from '../../../electron/main/app-url'
import { appSenders, registerCommands, sendEvent } from '../../../electron/main/ipc'
import { BrowserWindow, contextBridge, ipcMain, ipcRenderer, resetElectronFake } from '../../stubs/electron'
import { idleCore, invokeEventFrom, recordingLogger } from './helpers'

let qq: QqApi

beforeAll(async () => {
  resetElectronFake()
  await import('../../../electron/preload/index')
  expect([...contextBridge.exposed.keys()]).toEqual(['qq'])
  qq = contextBridge.exposed.get('qq') as QqApi
})

/** The page in a window of ours, its invokes going through the real main-process wrapper. */
let page: BrowserWindow
beforeEach(async () => {
  ipcMain.handlers.clear()
  ipcRenderer.removeAllListeners()
  ipcRenderer.invoked.length = 0
  page = new BrowserWindow()
  await page.loadURL('app://qq/index.html#/main')
  registerCommands(idleCore().handlers, appSenders(() => [page.webContents as never], new AppOrigin()), recordingLogger().logger)
  ipcRenderer.invokeImpl = (channel, ...args) => ipcMain.invoke(channel, invokeEventFrom(page.webContents), ...args)
})

/** An event as the main process sends it, delivered to the renderer's listeners. */
function deliver(contents: BrowserWindow['webContents']) {
  for (const { channel, args } of contents.sent.splice(0)) ipcRenderer.emit(channel, { sender: ipcRenderer }, ...args)
}

describe('preload window.qq', () => {
  it('exposes only invoke and on', () => {
    expect(Object.keys(qq).sort()).toEqual(['invoke', 'on'])
  })

  it('invokes a contract command and resolves with its value', async () => {
    await expect(qq.invoke('settings.set', { theme: 'dark' })).resolves.toMatchObject({ theme: 'dark' })
    expect(ipcRenderer.invoked).toEqual(['qq:cmd'])
  })

  it('a command that is not in the contract is refused by the main process, as a typed error', async () => {
    for (const name of ['shell.exec', 'constructor', '__proto__', 'toString', 'electron-store-get-data']) {
      await expect(qq.invoke(name as never, {} as never)).rejects.toEqual({ error: { kind: 'bad-input', message: `unknown command ${JSON.stringify(name)}` } })
    }
  })

  it('a name that is not even a string never reaches IPC', async () => {
    for (const name of [42, null, {}, ['logout']]) await expect(qq.invoke(name as never, {} as never)).rejects.toMatchObject({ error: { kind: 'bad-input' } })
    expect(ipcRenderer.invoked).toEqual([])
  })

  it('unwraps a failure into a rejection carrying the ErrorView', async () => {
    await expect(qq.invoke('settings.set', { theme: 'neon' } as never)).rejects.toMatchObject({ error: { kind: 'bad-input', message: expect.stringMatching(/^settings\.set: /) } })
    // The backend's own errors come through the same way (no engine yet: the app is starting).
    await expect(qq.invoke('contacts.get', {})).rejects.toMatchObject({ error: { kind: 'unavailable' } })
  })

  it('delivers contract events to listeners, payload only, until unsubscribed', () => {
    const got: unknown[] = []
    const off = qq.on('typing', (payload) => got.push(payload))
    sendEvent(page.webContents as never, 'typing', { conversation: { kind: 'friend', key: 'f:q:1' } })
    deliver(page.webContents)
    expect(got).toEqual([{ conversation: { kind: 'friend', key: 'f:q:1' } }])
    off()
    sendEvent(page.webContents as never, 'typing', { conversation: { kind: 'friend', key: 'f:q:2' } })
    deliver(page.webContents)
    expect(got).toHaveLength(1)
    expect(ipcRenderer.listenerCount('qq:evt:typing')).toBe(0)
  })

  it('refuses to subscribe to an event that is not in the contract', () => {
    for (const name of ['electron-store-get-data', 'qq:cmd:logout', 'hasOwnProperty']) {
      expect(() => qq.on(name as never, () => undefined)).toThrow(/unknown event/)
    }
    expect(ipcRenderer.eventNames()).toEqual([])
  })
})
