import { join } from 'node:path'

export interface IconPaths {
  /** The window and notification icon. */
  app: string
  tray: string
  trayUnread: string
}

/**
 * The images under resources/. Packaged, electron-builder copies them next to app.asar
 * (`extraResources` → resources/icons); unpackaged, they are read from the project folder.
 * The tray's `@2x` variants are picked by Electron from the same base name.
 */
export function iconPaths(where: { isPackaged: boolean; appPath: string; resourcesPath: string }): IconPaths {
  const dir = where.isPackaged ? join(where.resourcesPath, 'icons') : join(where.appPath, 'resources')
  return { app: join(dir, 'icon-256.png'), tray: join(dir, 'tray.png'), trayUnread: join(dir, 'tray-unread.png') }
}
