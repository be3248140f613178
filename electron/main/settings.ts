import type { Settings, SettingsPatch } from '../ipc/contract'
import type { SettingsStore } from '../ipc/server/ports'
import { mergeSettings, parseStoredSettings } from '../ipc/server/settings-store'

/**
 * The user's settings in electron-store (userData/settings.json). Whatever the file holds is
 * validated on the way in: a hand-edited or older file falls back to the defaults.
 * electron-store is ESM-only and imports electron, hence the dynamic import (TOOLCHAIN.md item 4).
 */
export async function electronSettingsStore(): Promise<SettingsStore> {
  const { default: Store } = await import('electron-store')
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true })
  let value = parseStoredSettings(store.store)
  return {
    get: (): Settings => value,
    set(patch: SettingsPatch): Settings {
      value = mergeSettings(value, patch)
      store.store = { ...value }
      return value
    },
  }
}
