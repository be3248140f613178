import type { BrowserWindow, WebContents } from 'electron'
import type { SessionView } from '../ipc/contract'

export interface AppWindowsDeps {
  createLogin(): BrowserWindow
  createMain(): BrowserWindow
  /** Read at each close: the setting can change while the app runs. */
  closeToTray(): boolean
  /** The main window closed for good (not to the tray): the app quits, chat windows too, as QQ does. */
  quit(): void
}

/** Logged out, or lost beyond what the engine can repair: only a new login helps. */
export function needsLogin(session: SessionView): boolean {
  return session.kind === 'logged-out' || session.kind === 'session-lost'
}

/**
 * Which window the user sees follows the session: the login window until the session is
 * online, then the main window; back to the login window when the session is logged out or
 * lost. Closing a window hides it to the tray (setting `closeToTray`) unless the app is quitting;
 * with the setting off, closing the main window quits (the chat windows would be left orphaned).
 */
export class AppWindows {
  private login: BrowserWindow | undefined
  private main: BrowserWindow | undefined
  /** Set when the app quits: windows then really close. */
  quitting = false

  constructor(private readonly deps: AppWindowsDeps) {}

  follow(session: SessionView): void {
    if (session.kind === 'online') this.showMain()
    else if (needsLogin(session)) this.showLogin()
  }

  showLogin(): BrowserWindow {
    const win = alive(this.login) ?? (this.login = this.adopt(this.deps.createLogin()))
    reveal(win)
    alive(this.main)?.destroy()
    return win
  }

  showMain(): BrowserWindow {
    const win = alive(this.main) ?? (this.main = this.adopt(this.deps.createMain()))
    reveal(win)
    alive(this.login)?.destroy()
    return win
  }

  /** The window the user had last (tray "open", a second start, macOS dock click). */
  showCurrent(): BrowserWindow {
    return alive(this.main) ? this.showMain() : this.showLogin()
  }

  get mainWindow(): BrowserWindow | undefined {
    return alive(this.main)
  }

  /** Every live app page, for events. */
  contents(): WebContents[] {
    return [alive(this.login), alive(this.main)].filter((w) => w !== undefined).map((w) => w.webContents)
  }

  private adopt(win: BrowserWindow): BrowserWindow {
    win.on('close', (event) => {
      if (this.quitting) return
      if (!this.deps.closeToTray()) {
        if (win === this.main) this.deps.quit()
        return
      }
      event.preventDefault()
      win.hide()
    })
    return win
  }
}

export function alive(win: BrowserWindow | undefined): BrowserWindow | undefined {
  return win && !win.isDestroyed() ? win : undefined
}

/** A window being created shows itself when painted (windows.ts); an existing one comes forward. */
export function reveal(win: BrowserWindow): BrowserWindow {
  if (win.webContents.isLoading()) return win
  if (win.isMinimized()) win.restore()
  win.show()
  win.focus()
  return win
}
