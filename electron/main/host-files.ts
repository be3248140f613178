import { copyFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, shell } from 'electron'
import type { HostServices } from '../backend/ports'
import { EngineError } from '../engine/errors'

/**
 * The shell's part in pictures and files: the download folder is the OS one, a picture is
 * saved where the user picks in a dialog of the main process (the renderer names no path), and
 * a saved file is opened or shown by the OS. The backend only ever passes paths it made.
 */
export function electronFileServices(): Pick<HostServices, 'downloadDir' | 'saveCopy' | 'openPath' | 'revealPath'> {
  return {
    downloadDir: app.getPath('downloads'),
    saveCopy: async (file, defaultName) => {
      const parent = BrowserWindow.getFocusedWindow()
      const options = { defaultPath: join(app.getPath('downloads'), defaultName) }
      const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options)
      if (chosen.canceled || !chosen.filePath) return
      await copyFile(file, chosen.filePath)
    },
    openPath: async (file) => {
      // shell.openPath resolves with an error message, empty when it worked.
      const problem = await shell.openPath(file)
      if (problem) throw new EngineError('unavailable', `the file did not open: ${problem}`)
    },
    revealPath: (file) => shell.showItemInFolder(file),
  }
}
