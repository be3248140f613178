import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain Node script, without type declarations
import { chooseMode, downloadElectron, electronBinary, runElectron } from '../../scripts/start.mjs'

/** `npm start`'s launcher: Electron where it can run, else web mode, with the reason. */

const BINARY = '/x/node_modules/electron/dist/electron'

describe('npm start chooses Electron or web mode', () => {
  it('Electron when its binary is there and there is a display (X11 or Wayland) on Linux', () => {
    expect(chooseMode({ binary: BINARY, platform: 'linux', env: { DISPLAY: ':0' } })).toEqual({ mode: 'electron', binary: BINARY })
    expect(chooseMode({ binary: BINARY, platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toEqual({ mode: 'electron', binary: BINARY })
  })

  it('Electron on Windows and macOS without DISPLAY (they always have a display)', () => {
    for (const platform of ['win32', 'darwin']) expect(chooseMode({ binary: BINARY, platform, env: {} }).mode).toBe('electron')
  })

  it('the first-use download when the binary is missing and a display can show the app', () => {
    for (const platform of ['linux', 'win32', 'darwin']) expect(chooseMode({ binary: undefined, platform, env: { DISPLAY: ':0' } })).toEqual({ mode: 'download' })
  })

  it('no download without a display: web mode at once', () => {
    expect(chooseMode({ binary: undefined, platform: 'linux', env: {} }).mode).toBe('web')
  })

  it('web mode, saying why, on Linux or a BSD without a display (a server, CI, ssh)', () => {
    for (const platform of ['linux', 'freebsd']) {
      expect(chooseMode({ binary: BINARY, platform, env: {} })).toEqual({ mode: 'web', reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' })
      expect(chooseMode({ binary: BINARY, platform, env: { DISPLAY: '' } }).mode).toBe('web')
    }
  })
})

describe('finding the Electron binary without downloading it', () => {
  function electronDir(pathTxt?: string, binary?: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'qq-electron-pkg-'))
    if (pathTxt !== undefined) writeFileSync(join(dir, 'path.txt'), pathTxt)
    if (binary) {
      mkdirSync(join(dir, 'dist'), { recursive: true })
      writeFileSync(join(dir, 'dist', binary), '')
    }
    return dir
  }

  it('is path.txt inside dist/ when both are there', () => {
    const dir = electronDir('electron', 'electron')
    expect(electronBinary(dir, {})).toBe(join(dir, 'dist', 'electron'))
  })

  it('is missing without path.txt (the download never ran) or without the file it names', () => {
    expect(electronBinary(electronDir(), {})).toBeUndefined()
    expect(electronBinary(electronDir('electron'), {})).toBeUndefined()
  })

  it('follows ELECTRON_OVERRIDE_DIST_PATH as electron does', () => {
    const dist = mkdtempSync(join(tmpdir(), 'qq-electron-dist-'))
    writeFileSync(join(dist, 'electron'), '')
    expect(electronBinary(electronDir(), { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(join(dist, 'electron'))
  })
})

describe("Electron's first-use download", () => {
  function script(body: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'qq-electron-install-'))
    writeFileSync(join(dir, 'install.js'), body)
    return join(dir, 'install.js')
  }

  it('a failed download (a closed network) is reported by its first error line', async () => {
    expect(await downloadElectron(script('console.error("RequestError: getaddrinfo ENOTFOUND github.com\\n  at x"); process.exit(1)'))).toEqual({
      ok: false,
      error: 'RequestError: getaddrinfo ENOTFOUND github.com',
    })
  })

  it('a download that hangs gives up after its time limit', async () => {
    const got = await downloadElectron(script('setInterval(() => {}, 1000)'), { timeoutMs: 200 })
    expect(got).toEqual({ ok: false, error: 'no answer within 1 s' })
  })

  it('a download that succeeds is ok', async () => {
    expect(await downloadElectron(script('process.exit(0)'))).toEqual({ ok: true })
  })
})

describe('an Electron that dies at once', () => {
  it('is reported by its first error line, so web mode takes over', async () => {
    const run = await runElectron(process.execPath, ['-e', 'console.error("Missing X server or $DISPLAY\\n    at stack line"); process.exit(1)'])
    expect(run).toEqual({ started: false, error: 'Missing X server or $DISPLAY' })
  })

  it('a binary that cannot be spawned is reported too', async () => {
    const run = await runElectron(join(tmpdir(), 'no-such-electron-binary'), [])
    expect(run.started).toBe(false)
    expect(run.error).toMatch(/ENOENT/)
  })

  it('an Electron that quits cleanly is not a failure (another instance had the lock)', async () => {
    expect(await runElectron(process.execPath, ['-e', 'process.exit(0)'])).toEqual({ started: true, code: 0 })
  })
})
