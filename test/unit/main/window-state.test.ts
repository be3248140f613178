import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { CHAT_DEFAULT, ChatWindowPlaces, MAX_CHAT_PLACES, WindowStateFile } from '../../../electron/main/window-state'
import { BrowserWindow, resetElectronFake } from '../../stubs/electron'

const SCREEN = [{ x: 0, y: 0, width: 1920, height: 1080 }]
const file = () => join(mkdtempSync(join(tmpdir(), 'qq-winstate-')), 'window-state.json')

beforeEach(() => resetElectronFake())

describe('main window state', () => {
  it('defaults without a file, and remembers bounds and maximized when the window closes', () => {
    const path = file()
    const state = new WindowStateFile(path, () => SCREEN)
    expect(state.load()).toEqual({ bounds: { width: 960, height: 680 }, maximized: false })
    const win = new BrowserWindow({ x: 100, y: 120, width: 1000, height: 700 })
    win.maximize()
    state.track(win as never)
    win.close()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ x: 100, y: 120, width: 1000, height: 700, maximized: true })
    expect(state.load()).toEqual({ bounds: { x: 100, y: 120, width: 1000, height: 700 }, maximized: true })
  })

  it.skipIf(process.platform === 'win32')('writes the file owner-only (0600), also over an older 0644 one, atomically (nothing left beside it)', () => {
    const path = file()
    writeFileSync(path, '{}', { mode: 0o644 })
    const win = new BrowserWindow({ x: 10, y: 10, width: 800, height: 600 })
    new WindowStateFile(path, () => SCREEN).track(win as never)
    win.close()
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ width: 800 })
    expect((statSync(path).mode & 0o777).toString(8)).toBe('600')
    expect(readdirSync(dirname(path))).toEqual(['window-state.json'])
  })

  it('drops a position no display shows any more, keeping the size', () => {
    const path = file()
    writeFileSync(path, JSON.stringify({ x: 3000, y: 100, width: 900, height: 600, maximized: false }))
    expect(new WindowStateFile(path, () => SCREEN).load()).toEqual({ bounds: { width: 900, height: 600 }, maximized: false })
    expect(new WindowStateFile(path, () => [...SCREEN, { x: 1920, y: 0, width: 1920, height: 1080 }]).load().bounds).toMatchObject({ x: 3000 })
  })

  it('ignores a corrupt or absurd file', () => {
    const path = file()
    writeFileSync(path, JSON.stringify({ x: 0, y: 0, width: 5, height: 1e9, maximized: 'no' }))
    expect(new WindowStateFile(path, () => SCREEN).load()).toEqual({ bounds: { width: 960, height: 680 }, maximized: false })
  })
})

describe('chat windows’ places', () => {
  const place = (x: number) => ({ x, y: 10, width: 600, height: 500 })

  it('one place per conversation, off-screen positions dropped, a damaged entry or file gives the default', () => {
    const path = file()
    writeFileSync(path, JSON.stringify({ 'friend|a': { ...place(3000), maximized: false }, 'friend|b': { x: 'no' } }))
    const places = new ChatWindowPlaces(path, () => SCREEN)
    expect(places.load('friend|a')).toEqual({ bounds: { width: 600, height: 500 }, maximized: false })
    expect(places.load('friend|b')).toEqual(CHAT_DEFAULT)
    writeFileSync(path, '[1, 2')
    expect(places.load('friend|a')).toEqual(CHAT_DEFAULT)
  })

  it(`keeps the ${MAX_CHAT_PLACES} most recently closed, forgetting the oldest`, () => {
    const path = file()
    const places = new ChatWindowPlaces(path, () => SCREEN)
    for (let i = 0; i <= MAX_CHAT_PLACES; i++) {
      const win = new BrowserWindow(place(i))
      places.track(`friend|${i}`, win as never)
      win.close()
    }
    const saved = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
    expect(Object.keys(saved)).toHaveLength(MAX_CHAT_PLACES)
    expect(saved['friend|0']).toBeUndefined()
    expect(places.load(`friend|${MAX_CHAT_PLACES}`).bounds).toEqual(place(MAX_CHAT_PLACES))
  })
})
