import type { Settings, SettingsPatch } from '../ipc/contract'
import { mergeSettings, settingsFromStored } from '../ipc/contract/settings'
import type { SettingsStore } from '../backend/ports'

/**
 * The user's settings in electron-store (userData/settings.json), readable by the user only.
 * Whatever the file holds is validated on the way in, field by field: a hand-edited or older
 * file keeps every valid field. electron-store is ESM-only and imports electron, hence the
 * dynamic import (TOOLCHAIN.md item 4).
 */
export async function electronSettingsStore(): Promise<SettingsStore> {
  const { default: Store } = await import('electron-store')
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: true, configFileMode: 0o600 })
  let value = settingsFromStored(store.store)
  return {
    get: (): Settings => value,
    set(patch: SettingsPatch): Settings {
      value = mergeSettings(value, patch)
      store.store = { ...value }
      return value
    },
  }
}
