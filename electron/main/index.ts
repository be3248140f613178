import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'

// Placeholder shell for the foundation: one secure window. The real shell (tray, IPC, engine)
// replaces it.
function createWindow(): void {
  const win = new BrowserWindow({
    width: 900,
    height: 640,
    show: true,
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  })
  void win.loadFile(join(__dirname, '../renderer/index.html'))
}

app.whenReady().then(createWindow)
app.on('window-all-closed', () => app.quit())
