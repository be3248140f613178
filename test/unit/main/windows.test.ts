import { beforeEach, describe, expect, it } from 'vitest'
import { AppOrigin } from '../../../electron/main/app-url'
import { AppWindows } from '../../../electron/main/app-windows'
import { createLoginWindow, createMainWindow } from '../../../electron/main/windows'
import { BrowserWindow, resetElectronFake, shell } from '../../stubs/electron'
import { settle, windowDeps } from './helpers'

const asFake = (w: unknown) => w as BrowserWindow

const kinds = {
  login: (deps: ReturnType<typeof windowDeps>) => asFake(createLoginWindow(deps)),
  main: (deps: ReturnType<typeof windowDeps>) => asFake(createMainWindow(deps, { bounds: { width: 1000, height: 700 }, maximized: false })),
}

beforeEach(() => resetElectronFake())

describe('secure windows', () => {
  for (const [kind, create] of Object.entries(kinds)) {
    describe(`${kind} window`, () => {
      it('runs its page sandboxed and isolated, with no Node anywhere, web security on and no <webview>', () => {
        const prefs = create(windowDeps()).options.webPreferences ?? {}
        // Written out, not left to Electron's defaults, so static checkers can read them.
        expect(prefs.sandbox).toBe(true)
        expect(prefs.contextIsolation).toBe(true)
        // The page, its workers and its frames: where a preference is left out, Electron's default (off) holds.
        for (const name of ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames'] as const) expect(prefs[name] ?? false, name).toBe(false)
        expect(prefs.webSecurity ?? true).toBe(true)
        expect(prefs.allowRunningInsecureContent ?? false).toBe(false)
        expect(prefs.webviewTag ?? false).toBe(false)
        // window.qq is the preload's, and the preload is the app's own.
        expect(prefs.preload).toBe('/app/out/preload/index.js')
      })

      it('stays hidden until its page is ready to show', async () => {
        const win = create(windowDeps())
        // Electron shows a window at once unless told not to.
        expect(win.options.show).toBe(false)
        await settle()
        expect(win.isVisible()).toBe(false)
        win.emit('ready-to-show')
        expect(win.isVisible()).toBe(true)
      })

      it(`loads the app page for #/${kind} from app://`, () => {
        const win = create(windowDeps())
        expect(win.webContents.loadedUrl).toBe(`app://qq/index.html#/${kind}`)
      })

      it('loads from the dev server when one is given', () => {
        const win = create(windowDeps(new AppOrigin('http://localhost:5173')))
        expect(win.webContents.loadedUrl).toBe(`http://localhost:5173/index.html#/${kind}`)
      })

      it('never navigates or redirects away from the app', () => {
        const deps = windowDeps()
        const wc = create(deps).webContents
        for (const event of ['will-navigate', 'will-redirect']) {
          expect(wc.fire(event, { url: 'https://evil.example/phish' }).defaultPrevented).toBe(true)
          expect(wc.fire(event, { url: 'file:///etc/passwd' }).defaultPrevented).toBe(true)
          expect(wc.fire(event, { url: 'app://other/index.html' }).defaultPrevented).toBe(true)
          expect(wc.fire(event, { url: 'app://qq/index.html#/main' }).defaultPrevented).toBe(false)
        }
        expect(deps.lines.some((l) => l.includes('blocked a navigation') && l.includes('https://evil.example/phish'))).toBe(true)
        expect(shell.opened).toEqual([])
      })

      it('denies new windows and sends only http(s) links to the browser', async () => {
        const wc = create(windowDeps()).webContents
        expect(wc.windowOpenHandler?.({ url: 'https://example.com/a?b=1' })).toEqual({ action: 'deny' })
        expect(wc.windowOpenHandler?.({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' })
        expect(wc.windowOpenHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' })
        await settle()
        expect(shell.opened).toEqual(['https://example.com/a?b=1'])
      })

      it('refuses to attach a <webview>', () => {
        const wc = create(windowDeps()).webContents
        expect(wc.fire('will-attach-webview', {}).defaultPrevented).toBe(true)
      })
    })
  }

  it('the login window is small and fixed; the main window reopens where it was', () => {
    const deps = windowDeps()
    const login = kinds.login(deps)
    expect(login.options).toMatchObject({ resizable: false, maximizable: false, width: 380, height: 560 })
    const main = asFake(createMainWindow(deps, { bounds: { x: 40, y: 50, width: 1111, height: 777 }, maximized: true }))
    expect(main.options).toMatchObject({ x: 40, y: 50, width: 1111, height: 777 })
    expect(main.isMaximized()).toBe(true)
  })
})

describe('AppWindows follows the session', () => {
  function setup(closeToTray = true) {
    const deps = windowDeps()
    const quits: string[] = []
    const windows = new AppWindows({
      createLogin: () => createLoginWindow(deps),
      createMain: () => createMainWindow(deps, { bounds: { width: 900, height: 600 }, maximized: false }),
      closeToTray: () => closeToTray,
      quit: () => quits.push('quit'),
    })
    const route = () => BrowserWindow.getAllWindows().map((w) => w.webContents.loadedUrl?.split('#')[1])
    return { windows, route, quits }
  }

  it('login window until online, then the main window; back to login when logged out or lost', () => {
    const { windows, route } = setup()
    windows.showLogin()
    expect(route()).toEqual(['/login'])
    windows.follow({ kind: 'connecting' })
    expect(route()).toEqual(['/login'])
    windows.follow({ kind: 'online', qq: '10001', nick: 'me', status: 'online' })
    expect(route()).toEqual(['/main'])
    windows.follow({ kind: 'reconnecting', attempt: 1 })
    expect(route()).toEqual(['/main'])
    windows.follow({ kind: 'session-lost', reason: 'kicked' })
    expect(route()).toEqual(['/login'])
    windows.follow({ kind: 'online', qq: '10001', nick: 'me', status: 'online' })
    windows.follow({ kind: 'logged-out' })
    expect(route()).toEqual(['/login'])
    expect(windows.contents()).toHaveLength(1)
  })

  it('closing hides to the tray unless quitting or the setting is off', () => {
    const { windows } = setup(true)
    const main = asFake(windows.showMain())
    main.close()
    expect(main.isDestroyed()).toBe(false)
    expect(main.isVisible()).toBe(false)
    expect(windows.showCurrent()).toBe(main)
    windows.quitting = true
    main.close()
    expect(main.isDestroyed()).toBe(true)

    const off = setup(false)
    const login = asFake(off.windows.showLogin())
    login.close()
    expect(login.isDestroyed()).toBe(true)
    expect(off.quits).toEqual([])
  })

  it('with closeToTray off, closing the main window quits the app (its chat windows would be orphans); a logout does not', () => {
    const off = setup(false)
    asFake(off.windows.showMain())
    off.windows.showLogin() // logged out: the main window goes, the app stays
    expect(off.quits).toEqual([])
    const main = asFake(off.windows.showMain())
    main.close()
    expect(main.isDestroyed()).toBe(true)
    expect(off.quits).toEqual(['quit'])
    // Hidden to the tray instead, the app keeps running.
    const on = setup(true)
    asFake(on.windows.showMain()).close()
    expect(on.quits).toEqual([])
  })

  it('a second showMain reuses the window and brings it forward', async () => {
    const { windows } = setup()
    const main = asFake(windows.showMain())
    await settle()
    main.hide()
    main.minimized = true
    expect(windows.showMain()).toBe(main)
    expect(main.isVisible()).toBe(true)
    expect(main.isMinimized()).toBe(false)
    expect(BrowserWindow.getAllWindows()).toHaveLength(1)
  })
})
