import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { ShellWords } from './strings'

/**
 * The application menu, mostly for its shortcuts (UX.md, Telegram's map): Ctrl+Q quits,
 * Ctrl+W closes the window (to the tray when set), and the edit roles make copy / paste work
 * on macOS. Hidden on Windows and Linux (autoHideMenuBar), where Alt shows it.
 */
export function applicationMenu(words: ShellWords, opts: { mac: boolean; devTools: boolean; quit(): void }): Menu {
  const quit: MenuItemConstructorOptions = { label: words.quit, accelerator: 'CmdOrCtrl+Q', click: () => opts.quit() }
  const template: MenuItemConstructorOptions[] = [
    opts.mac
      ? { label: words.appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, quit] }
      : { label: words.appName, submenu: [quit] },
    { role: 'editMenu' },
    {
      // Not the viewMenu role: on macOS a role's own items (reload, dev tools) would replace these.
      label: words.view,
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        ...(opts.devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ]
  return Menu.buildFromTemplate(template)
}
