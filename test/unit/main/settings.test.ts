import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../../electron/ipc/contract'
import { electronSettingsStore } from '../../../electron/main/settings'
import { app, resetElectronFake } from '../../stubs/electron'

beforeEach(() => {
  resetElectronFake()
  app.userData = mkdtempSync(join(tmpdir(), 'qq-settings-'))
})

describe('electron-store settings', () => {
  it('starts from the defaults and persists a validated patch in userData/settings.json', async () => {
    const store = await electronSettingsStore()
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    store.set({ language: 'en', notifications: { showPreview: false, sound: false } })
    const onDisk = JSON.parse(readFileSync(join(app.userData, 'settings.json'), 'utf8'))
    expect(onDisk).toMatchObject({ language: 'en', notifications: { showPreview: false } })
    const again = await electronSettingsStore()
    expect(again.get()).toMatchObject({ language: 'en', closeToTray: true, notifications: { showPreview: false, sound: false } })
  })

  it('refuses an invalid patch and keeps the stored value', async () => {
    const store = await electronSettingsStore()
    expect(() => store.set({ theme: 'neon' } as never)).toThrow()
    expect(store.get().theme).toBe('system')
  })

  it('each patch keeps what earlier patches chose, across a restart', async () => {
    const store = await electronSettingsStore()
    store.set({ language: 'en' })
    store.set({ theme: 'dark' })
    store.set({ sendKey: 'ctrl-enter' })
    store.set({ notifications: { doNotDisturb: true } })
    const want = { ...DEFAULT_SETTINGS, language: 'en', theme: 'dark', sendKey: 'ctrl-enter', notifications: { ...DEFAULT_SETTINGS.notifications, doNotDisturb: true } }
    expect(store.get()).toEqual(want)
    expect((await electronSettingsStore()).get()).toEqual(want)
  })

  it('writes the file readable by its owner only', async () => {
    ;(await electronSettingsStore()).set({ language: 'en' })
    expect(statSync(join(app.userData, 'settings.json')).mode & 0o777).toBe(0o600)
  })

  it('keeps the valid fields of a hand-edited file, nested too; the defaults only for the invalid ones', async () => {
    writeFileSync(join(app.userData, 'settings.json'), JSON.stringify({ language: 'fr', theme: 'dark', closeToTray: 'yes', notifications: { sound: false, enabled: 'no' } }))
    expect((await electronSettingsStore()).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', notifications: { ...DEFAULT_SETTINGS.notifications, sound: false } })
  })

  it('falls back to the defaults for a file that is not JSON', async () => {
    writeFileSync(join(app.userData, 'settings.json'), '{ not json')
    expect((await electronSettingsStore()).get()).toEqual(DEFAULT_SETTINGS)
  })
})
