import { readFileSync, writeFileSync, mkdirSync, renameSync } from 'node:fs'
import { dirname } from 'node:path'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../ipc/contract'
import { mergeSettings, settingsFromStored } from '../ipc/contract/settings'
import type { SettingsStore } from './ports'

export class MemorySettingsStore implements SettingsStore {
  constructor(private value: Settings = DEFAULT_SETTINGS) {}
  get(): Settings {
    return this.value
  }
  set(patch: SettingsPatch): Settings {
    this.value = mergeSettings(this.value, patch)
    return this.value
  }
}

/** Settings in a JSON file (web mode), written atomically. */
export class JsonFileSettingsStore implements SettingsStore {
  private value: Settings

  constructor(private readonly file: string) {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      raw = undefined
    }
    this.value = settingsFromStored(raw)
  }

  get(): Settings {
    return this.value
  }

  set(patch: SettingsPatch): Settings {
    this.value = mergeSettings(this.value, patch)
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify(this.value, null, 2), { mode: 0o600 })
    renameSync(tmp, this.file)
    return this.value
  }
}
