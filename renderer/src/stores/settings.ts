import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { applySettingsPatch, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '@contract'
import { useApi } from '../bridge'

export const useSettingsStore = defineStore('settings', () => {
  const api = useApi()
  const settings = shallowRef<Settings>(DEFAULT_SETTINGS)

  // Another window (or web tab) changed them: apply live.
  api.on('settings.changed', (s) => {
    settings.value = s
  })

  async function load(): Promise<void> {
    settings.value = await api.invoke('settings.get', {})
  }

  /**
   * Applied at once (a language or theme switch must not wait for a round trip), merged the way
   * the store merges it (only what the patch names moves, nested fields too), undone if refused.
   */
  async function update(patch: SettingsPatch): Promise<void> {
    const before = settings.value
    settings.value = applySettingsPatch(before, patch)
    try {
      settings.value = await api.invoke('settings.set', patch)
    } catch (e) {
      if (settings.value !== before) settings.value = before
      throw e
    }
  }

  return { settings, load, update }
})
