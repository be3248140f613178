import { chmodSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/ipc/contract'
import { z } from 'zod'
import { mergeSettings, SETTINGS_GROUPS, settingsFromStored, settingsSchema } from '../../../electron/ipc/contract/settings'
import { JsonFileSettingsStore, MemorySettingsStore } from '../../../electron/backend/settings-store'

const changed: Settings = {
  profile: { kind: 'custom', host: '127.0.0.1', port: 8080 },
  language: 'en',
  theme: 'dark',
  notifications: { enabled: false, showPreview: false, sound: false, doNotDisturb: true },
  sendKey: 'ctrl-enter',
  closeToTray: false,
  mergeChatWindows: false,
  rememberSession: false,
  sendSpacingSeconds: 10,
}

describe('a settings patch changes only what it names', () => {
  it('a theme change keeps the language, a do-not-disturb change keeps the send key', () => {
    const store = new MemorySettingsStore()
    store.set({ language: 'en' })
    store.set({ theme: 'dark' })
    store.set({ sendKey: 'ctrl-enter' })
    store.set({ notifications: { doNotDisturb: true } })
    expect(store.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en', theme: 'dark', sendKey: 'ctrl-enter', notifications: { ...DEFAULT_SETTINGS.notifications, doNotDisturb: true } })
  })

  it('a server choice keeps every other setting, each one of them', () => {
    expect(mergeSettings(changed, { profile: { kind: 'emulator' } })).toEqual({ ...changed, profile: { kind: 'emulator' } })
    for (const key of Object.keys(changed) as Array<keyof Settings>) {
      const patch = { [key]: DEFAULT_SETTINGS[key] }
      expect(mergeSettings(changed, patch)).toEqual({ ...changed, [key]: DEFAULT_SETTINGS[key] })
    }
  })

  it('a nested patch changes one notification field and keeps the other three', () => {
    expect(mergeSettings(changed, { notifications: { sound: true } }).notifications).toEqual({ enabled: false, showPreview: false, sound: true, doNotDisturb: true })
  })

  it('the profile is replaced whole: no host or port of a custom server lingers', () => {
    expect(mergeSettings(changed, { profile: { kind: 'tencent' } }).profile).toEqual({ kind: 'tencent' })
  })

  it("the groups a patch changes field by field (without zod, for the page) are the schema's nested objects", () => {
    const nested = Object.entries(settingsSchema.shape).filter(([, field]) => field instanceof z.ZodObject).map(([key]) => key)
    expect([...SETTINGS_GROUPS].sort()).toEqual(nested.sort())
  })

  it('an empty patch changes nothing', () => {
    expect(mergeSettings(changed, {})).toEqual(changed)
  })

  it('refuses an invalid or unknown field, nested too, and changes nothing', () => {
    const store = new MemorySettingsStore(changed)
    expect(() => store.set({ theme: 'neon' } as never)).toThrow()
    expect(() => store.set({ notifications: { sound: 'loud' } } as never)).toThrow()
    expect(() => store.set({ notifications: { volume: 3 } } as never)).toThrow()
    expect(() => store.set({ colour: 'red' } as never)).toThrow()
    expect(store.get()).toEqual(changed)
  })
})

describe('a stored settings file is read field by field', () => {
  it('keeps every valid field when one is invalid', () => {
    expect(settingsFromStored({ ...changed, theme: 'neon' })).toEqual({ ...changed, theme: 'system' })
  })

  it('keeps the valid nested fields when one nested field is invalid or missing', () => {
    const stored = { ...changed, notifications: { enabled: false, showPreview: 'yes', doNotDisturb: true } }
    expect(settingsFromStored(stored).notifications).toEqual({ enabled: false, showPreview: true, sound: true, doNotDisturb: true })
  })

  it('fills in fields an older file does not have, drops ones it no longer knows', () => {
    expect(settingsFromStored({ language: 'en', fontSize: 30 })).toEqual({ ...DEFAULT_SETTINGS, language: 'en' })
  })

  it('a custom profile without a port falls back to the emulator profile alone', () => {
    expect(settingsFromStored({ ...changed, profile: { kind: 'custom', host: 'x' } })).toEqual({ ...changed, profile: { kind: 'emulator' } })
  })

  it('anything that is not an object gives the defaults', () => {
    for (const raw of [undefined, null, 'en', 42, [changed]]) expect(settingsFromStored(raw)).toEqual(DEFAULT_SETTINGS)
    expect(settingsFromStored({ ...changed, notifications: 'off' }).notifications).toEqual(DEFAULT_SETTINGS.notifications)
  })
})

/** A folder of its own, as userData or web mode's data folder is. */
const settingsFile = () => join(mkdtempSync(join(tmpdir(), 'qq-settings-')), 'settings.json')

describe('the settings file (both hosts)', () => {
  it('starts from the defaults and keeps each patch across a restart', () => {
    const file = settingsFile()
    const store = new JsonFileSettingsStore(file)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    store.set({ language: 'en' })
    store.set({ theme: 'dark' })
    store.set({ notifications: { doNotDisturb: true } })
    const want = { ...DEFAULT_SETTINGS, language: 'en', theme: 'dark', notifications: { ...DEFAULT_SETTINGS.notifications, doNotDisturb: true } }
    expect(store.get()).toEqual(want)
    expect(new JsonFileSettingsStore(file).get()).toEqual(want)
  })

  it('reads the file electron-store wrote in userData (name "settings"), so an existing user keeps every setting', () => {
    const file = settingsFile()
    // electron-store 11 (conf's JSON, tab-indented) with the settings of the previous version.
    writeFileSync(file, JSON.stringify(changed, undefined, '\t'), { mode: 0o600 })
    const store = new JsonFileSettingsStore(file)
    expect(store.get()).toEqual(changed)
    store.set({ language: 'zh-CN' })
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...changed, language: 'zh-CN' })
  })

  it('refuses an invalid patch and keeps the stored value, on disk too', () => {
    const file = settingsFile()
    const store = new JsonFileSettingsStore(file)
    store.set({ theme: 'dark' })
    expect(() => store.set({ theme: 'neon' } as never)).toThrow()
    expect(store.get().theme).toBe('dark')
    expect(new JsonFileSettingsStore(file).get().theme).toBe('dark')
  })

  it.skipIf(process.platform === 'win32')('writes the file owner-only (also over an older 0644 one) in an owner-only folder, nothing left beside it', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'qq-settings-')), 'data')
    const file = join(dir, 'settings.json')
    new JsonFileSettingsStore(file).set({ language: 'en' })
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    chmodSync(file, 0o644)
    new JsonFileSettingsStore(file).set({ theme: 'dark' })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readdirSync(dir)).toEqual(['settings.json'])
  })

  it('keeps the valid fields of a hand-edited file, nested too; the defaults only for the invalid ones', () => {
    const file = settingsFile()
    writeFileSync(file, JSON.stringify({ language: 'fr', theme: 'dark', sendKey: 'alt-enter', closeToTray: 'yes', notifications: { sound: false, enabled: 'no' } }))
    expect(new JsonFileSettingsStore(file).get()).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', notifications: { ...DEFAULT_SETTINGS.notifications, sound: false } })
  })

  it('a damaged file never throws: it reads as the defaults and is written anew on the next change', () => {
    for (const damaged of ['{ not json', '', '\u0000\u00ff\ufffe', 'null', '"en"', '[1,2]', '42', '{"__proto__":{"theme":"dark"}}', `${'['.repeat(10_000)}`]) {
      const file = settingsFile()
      writeFileSync(file, damaged)
      const store = new JsonFileSettingsStore(file)
      expect(store.get()).toEqual(DEFAULT_SETTINGS)
      expect(readFileSync(file, 'utf8')).toBe(damaged) // untouched until the user changes something
      store.set({ language: 'en' })
      expect(new JsonFileSettingsStore(file).get()).toEqual({ ...DEFAULT_SETTINGS, language: 'en' })
    }
  })
})
