import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
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
    store.set({ language: 'en', notifications: { enabled: true, showPreview: false, sound: false, doNotDisturb: false } })
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

  it('falls back to the defaults for a hand-edited, invalid file', async () => {
    writeFileSync(join(app.userData, 'settings.json'), JSON.stringify({ language: 'fr', closeToTray: 'yes' }))
    expect((await electronSettingsStore()).get()).toEqual(DEFAULT_SETTINGS)
    writeFileSync(join(app.userData, 'settings.json'), '{ not json')
    expect((await electronSettingsStore()).get()).toEqual(DEFAULT_SETTINGS)
  })
})
