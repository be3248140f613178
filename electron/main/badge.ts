import { app, type BrowserWindow } from 'electron'

/**
 * Unread attention outside the tray (UX.md): the OS badge count where Electron has one
 * (macOS dock, Linux Unity launchers; not Windows) and a taskbar flash until the window is focused.
 */
export class Badge {
  private readonly flashing = new WeakSet<BrowserWindow>()

  constructor(private readonly platform: NodeJS.Platform = process.platform) {}

  setCount(unread: number): void {
    if (this.platform !== 'win32') app.setBadgeCount(unread)
  }

  flash(win: BrowserWindow | undefined): void {
    if (!win || win.isDestroyed() || win.isFocused() || this.flashing.has(win)) return
    this.flashing.add(win)
    win.flashFrame(true)
    win.once('focus', () => {
      this.flashing.delete(win)
      if (!win.isDestroyed()) win.flashFrame(false)
    })
  }
}
