import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import type { Logger } from '../engine/log'
import type { AppOrigin, Route } from './app-url'
import { guardContents } from './security'
import type { SavedWindow } from './window-state'

export interface WindowDeps {
  preload: string
  origin: AppOrigin
  icon: string
  openLink: (url: string) => Promise<void>
  logger: Logger
}

/** The small, fixed-size window with the QR code (and the password form of old servers). */
export function createLoginWindow(deps: WindowDeps): BrowserWindow {
  return appWindow(deps, 'login', { width: 380, height: 560, resizable: false, maximizable: false, fullscreenable: false })
}

/** The contact panel and chat; opens where the user left it. */
export function createMainWindow(deps: WindowDeps, saved: SavedWindow): BrowserWindow {
  const win = appWindow(deps, 'main', { ...saved.bounds, minWidth: 720, minHeight: 480 })
  if (saved.maximized) win.maximize()
  return win
}

/**
 * A chat window: one conversation (`chat/<kind>/<key>`) or the merged, tabbed one (`chats`),
 * where the user last left it. Its title is the page's (the peer and its unread count).
 */
export function createChatWindow(deps: WindowDeps, route: string, saved: SavedWindow): BrowserWindow {
  const win = appWindow(deps, route, { ...saved.bounds, minWidth: 420, minHeight: 360 })
  if (saved.maximized) win.maximize()
  return win
}

/**
 * Every window is made here, with the one set of web preferences: the renderer is untrusted UI
 * (DESIGN.md), so it runs sandboxed and isolated with nothing but the preload's `window.qq`.
 * Written out in the constructor call so static checkers (electronegativity) can read it.
 */
function appWindow(deps: WindowDeps, route: Route, shape: BrowserWindowConstructorOptions): BrowserWindow {
  const win = new BrowserWindow({
    ...shape,
    title: 'QQ',
    icon: deps.icon,
    show: false,
    autoHideMenuBar: true,
    webPreferences: {
      preload: deps.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      safeDialogs: true,
      navigateOnDragDrop: false,
      // Middle-click opens new windows outside the new-window handler's view.
      disableBlinkFeatures: 'Auxclick',
    },
  })
  guardContents(win.webContents, deps.origin, deps.openLink, deps.logger)
  // Shown once painted, so a window never flashes white before the UI.
  win.once('ready-to-show', () => win.show())
  win.loadURL(deps.origin.entry(route)).catch((err: unknown) => deps.logger.error(`the ${route} window did not load: ${(err as Error).message}`))
  return win
}
