/**
 * A small, honest fake of the `electron` APIs the shell uses: importing the real module outside
 * Electron throws (TOOLCHAIN.md item 4), so vitest aliases `electron` to this file. It keeps
 * what the code under test did (window options, handlers, sent events, shown notifications) so
 * tests can assert it; `resetElectronFake()` starts each test clean.
 */
import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** An Electron-style event whose default can be prevented. */
export class FakeEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

// ---- app ----

class FakeApp extends EventEmitter {
  userData = mkdtempSync(join(tmpdir(), 'qq-electron-fake-'))
  isPackaged = false
  badgeCount = 0
  appUserModelId: string | undefined
  quitCalls = 0
  singleInstance = true
  getPath(name: string): string {
    return name === 'userData' ? this.userData : join(this.userData, name)
  }
  getAppPath(): string {
    return process.cwd()
  }
  getVersion(): string {
    return '0.0.0-test'
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id
  }
  setBadgeCount(count?: number): boolean {
    this.badgeCount = count ?? 0
    return true
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance
  }
  enableSandbox(): void {}
  whenReady(): Promise<void> {
    return Promise.resolve()
  }
  quit(): void {
    this.quitCalls++
  }
  exitCode: number | undefined
  exit(code = 0): void {
    this.exitCode = code
  }
}
export const app = new FakeApp()

// ---- windows and web contents ----

export class FakeFrame {
  parent: FakeFrame | null = null
  constructor(public url: string) {}
}

let nextContentsId = 1

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++
  readonly mainFrame = new FakeFrame('')
  readonly sent: Array<{ channel: string; args: unknown[] }> = []
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined
  private destroyed = false
  private loading = false
  loadedUrl: string | undefined

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: structuredClone(args) })
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  isLoading(): boolean {
    return this.loading
  }
  load(url: string): Promise<void> {
    this.loadedUrl = url
    this.mainFrame.url = url
    this.loading = true
    return Promise.resolve().then(() => {
      this.loading = false
      this.emit('did-finish-load')
    })
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('destroyed')
  }
  /**
   * Emits an Electron event the way Electron does: a preventable event object carrying the
   * details (e.g. `url`), then the legacy positional arguments. Returns the event object.
   */
  fire(name: string, details: Record<string, unknown> = {}, ...args: unknown[]): FakeEvent {
    const e = Object.assign(new FakeEvent(), details)
    this.emit(name, e, ...(args.length ? args : Object.values(details)))
    return e
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = []
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.all.filter((w) => !w.destroyed)
  }
  static getFocusedWindow(): BrowserWindow | null {
    return BrowserWindow.getAllWindows().find((w) => w.focused) ?? null
  }

  readonly webContents = new FakeWebContents()
  readonly flashes: boolean[] = []
  visible = false
  focused = false
  minimized = false
  maximized = false
  private destroyed = false
  private bounds: { x: number; y: number; width: number; height: number }

  constructor(readonly options: Record<string, any> = {}) {
    super()
    this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 }
    BrowserWindow.all.push(this)
  }
  loadURL(url: string): Promise<void> {
    return this.webContents.load(url)
  }
  show(): void {
    this.visible = true
    this.focused = true
    this.emit('show')
    this.emit('focus')
  }
  hide(): void {
    this.visible = false
    this.focused = false
    this.emit('hide')
  }
  focus(): void {
    this.focused = true
    this.emit('focus')
  }
  blur(): void {
    this.focused = false
    this.emit('blur')
  }
  isVisible(): boolean {
    return this.visible
  }
  isFocused(): boolean {
    return this.focused
  }
  isMinimized(): boolean {
    return this.minimized
  }
  isMaximized(): boolean {
    return this.maximized
  }
  maximize(): void {
    this.maximized = true
  }
  restore(): void {
    this.minimized = false
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
  getNormalBounds() {
    return { ...this.bounds }
  }
  flashFrame(on: boolean): void {
    this.flashes.push(on)
  }
  /** Like Electron: 'close' can be prevented; otherwise the window is destroyed. */
  close(): void {
    if (this.destroyed) return
    const e = new FakeEvent()
    this.emit('close', e)
    if (!e.defaultPrevented) this.destroy()
  }
  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    this.visible = false
    this.webContents.destroy()
    this.emit('closed')
  }
}

// ---- IPC ----

type Handler = (event: unknown, ...args: unknown[]) => unknown

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>()
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  }
  /** What `ipcRenderer.invoke` would do: runs the handler for that channel. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel)
    if (!h) throw new Error(`No handler registered for '${channel}'`)
    return structuredClone(await h(event, ...structuredClone(args)))
  }
}
export const ipcMain = new FakeIpcMain()

class FakeIpcRenderer extends EventEmitter {
  /** Where invokes go; tests route them to `ipcMain.invoke` with a chosen sender. */
  invokeImpl: (channel: string, ...args: unknown[]) => Promise<unknown> = (channel) => Promise.reject(new Error(`no main process for ${channel}`))
  readonly invoked: string[] = []
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push(channel)
    return this.invokeImpl(channel, ...args)
  }
}
export const ipcRenderer = new FakeIpcRenderer()

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`)
    contextBridge.exposed.set(key, api)
  },
}

// ---- shell, protocol, net, session ----

export const shell = {
  opened: [] as string[],
  revealed: [] as string[],
  /** Files handed to the OS to open; `openPathResult` is what openPath resolves with ('' = it worked). */
  openedPaths: [] as string[],
  openPathResult: '',
  async openPath(path: string): Promise<string> {
    shell.openedPaths.push(path)
    return shell.openPathResult
  },
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url)
  },
  showItemInFolder(path: string): void {
    shell.revealed.push(path)
  },
}

/** Save dialogs: what was asked, and the answer the next one gives (`savePath`; undefined = cancelled). */
export const dialog = {
  asked: [] as Array<{ defaultPath?: string }>,
  savePath: undefined as string | undefined,
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    dialog.asked.push(args[args.length - 1] as { defaultPath?: string })
    return dialog.savePath ? { canceled: false, filePath: dialog.savePath } : { canceled: true }
  },
}

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>): void {
    protocol.privileged.push(...schemes)
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    protocol.handlers.set(scheme, handler)
  },
}

export const net = {
  /** Only `file:` URLs, which is all the shell fetches. */
  async fetch(url: string): Promise<Response> {
    const u = new URL(url)
    if (u.protocol !== 'file:') throw new Error(`the fake net.fetch only reads file: URLs, not ${u.protocol}`)
    try {
      return new Response(readFileSync(fileURLToPath(u)), { status: 200, headers: { 'content-type': u.pathname.endsWith('.html') ? 'text/html' : 'application/octet-stream' } })
    } catch {
      return new Response(null, { status: 404 })
    }
  },
}

type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
) => void

/** Also an emitter: the shell listens for session events ('will-download'). */
class FakeSession extends EventEmitter {
  headersListener: HeadersListener | undefined
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: unknown) => boolean) | undefined
  devicePermissionHandler: ((details: unknown) => boolean) | undefined
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener): void => {
      this.headersListener = listener
    },
  }
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = h
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = h
  }
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = h
  }
}
export const session = { defaultSession: new FakeSession() }

// ---- safeStorage ----

/**
 * Reversible but not the identity, so a test can tell encrypted bytes from plain ones. Like
 * Chromium on Linux, `basic_text` writes `v10` (a fixed key every backend reads) and a keyring
 * writes `v11` with a key only that keyring holds (here: its name in the bytes), so a test can
 * switch backends under a saved session.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable(): boolean {
    return safeStorage.available
  },
  getSelectedStorageBackend(): string {
    return safeStorage.backend
  },
  encryptString(plain: string): Buffer {
    if (!safeStorage.available) throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.')
    const head = safeStorage.backend === 'basic_text' ? 'v10' : `v11${safeStorage.backend}:`
    return Buffer.concat([Buffer.from(head), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)])
  },
  decryptString(data: Buffer): string {
    const head = [`v11${safeStorage.backend}:`, 'v10'].find((h) => data.subarray(0, h.length).toString() === h)
    if (!head) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.')
    return Buffer.from(data.subarray(head.length).map((b) => b ^ 0x5a)).toString('utf8')
  },
}

// ---- images, tray, menus, notifications, screen ----

export interface FakeImage {
  path: string
  isEmpty(): boolean
}
export const nativeImage = {
  createFromPath(path: string): FakeImage {
    return { path, isEmpty: () => false }
  },
}

export interface MenuItemOptions {
  label?: string
  type?: string
  role?: string
  accelerator?: string
  enabled?: boolean
  checked?: boolean
  submenu?: MenuItemOptions[] | Menu
  click?: (...args: unknown[]) => void
}

export class Menu {
  static application: Menu | null = null
  constructor(readonly items: MenuItemOptions[] = []) {}
  static buildFromTemplate(template: MenuItemOptions[]): Menu {
    return new Menu(template)
  }
  static setApplicationMenu(menu: Menu | null): void {
    Menu.application = menu
  }
}

export class Tray extends EventEmitter {
  static readonly all: Tray[] = []
  tooltip = ''
  menu: Menu | undefined
  destroyed = false
  constructor(public image: FakeImage) {
    super()
    Tray.all.push(this)
  }
  setImage(image: FakeImage): void {
    this.image = image
  }
  setToolTip(text: string): void {
    this.tooltip = text
  }
  setContextMenu(menu: Menu): void {
    this.menu = menu
  }
  destroy(): void {
    this.destroyed = true
  }
}

export class Notification extends EventEmitter {
  static supported = true
  static readonly shown: Notification[] = []
  static isSupported(): boolean {
    return Notification.supported
  }
  constructor(readonly options: { title?: string; body?: string; silent?: boolean; icon?: unknown } = {}) {
    super()
  }
  show(): void {
    Notification.shown.push(this)
  }
}

export const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
}

/** Forgets everything recorded, so each test starts from a fresh Electron. */
export function resetElectronFake(): void {
  app.removeAllListeners()
  app.isPackaged = false
  app.badgeCount = 0
  app.appUserModelId = undefined
  app.quitCalls = 0
  app.exitCode = undefined
  app.singleInstance = true
  for (const w of BrowserWindow.all.splice(0)) w.removeAllListeners()
  ipcMain.handlers.clear()
  ipcMain.removeAllListeners()
  ipcRenderer.removeAllListeners()
  ipcRenderer.invoked.length = 0
  ipcRenderer.invokeImpl = (channel) => Promise.reject(new Error(`no main process for ${channel}`))
  contextBridge.exposed.clear()
  shell.opened.length = 0
  shell.revealed.length = 0
  shell.openedPaths.length = 0
  shell.openPathResult = ''
  dialog.asked.length = 0
  dialog.savePath = undefined
  protocol.privileged.length = 0
  protocol.handlers.clear()
  session.defaultSession = new FakeSession()
  safeStorage.available = true
  safeStorage.backend = 'gnome_libsecret'
  Tray.all.length = 0
  Menu.application = null
  Notification.supported = true
  Notification.shown.length = 0
}

export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  dialog,
  protocol,
  net,
  session,
  safeStorage,
  nativeImage,
  Menu,
  Tray,
  Notification,
  screen,
}
