import { basename, dirname, extname } from 'node:path'
import Conf from 'conf'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../ipc/contract'
import { mergeSettings, settingsFromStored } from '../ipc/contract/settings'
import { privateDir } from '../engine/private-files'
import type { SettingsStore } from './ports'

/** Settings in memory only (tests). */
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

/**
 * The user's settings in a JSON file, for both hosts: Electron's userData/settings.json (the
 * file electron-store wrote with name 'settings': conf is its engine, so the file is the same)
 * and web mode's <data-dir>/settings.json. conf writes it whole, atomically and owner-only.
 *
 * The contract's settings.ts stays the one validation: the file is read field by field (a
 * hand-edited, older or damaged file keeps every valid field), every change goes through
 * mergeSettings. A file that is not JSON reads as empty (clearInvalidConfig) and is written
 * anew on the next change.
 */
export class JsonFileSettingsStore implements SettingsStore {
  private readonly conf: Conf<Record<string, unknown>>
  private value: Settings

  constructor(file: string) {
    // conf makes a missing folder with the default mode: owner-only whoever writes there first.
    privateDir(dirname(file))
    const ext = extname(file)
    this.conf = new Conf({ cwd: dirname(file), configName: basename(file, ext), fileExtension: ext.slice(1), clearInvalidConfig: true, configFileMode: 0o600 })
    this.value = settingsFromStored(this.conf.store)
  }

  get(): Settings {
    return this.value
  }

  /** An invalid patch, or a file that cannot be written, throws and changes nothing. */
  set(patch: SettingsPatch): Settings {
    const next = mergeSettings(this.value, patch)
    this.conf.store = { ...next }
    this.value = next
    return next
  }
}
