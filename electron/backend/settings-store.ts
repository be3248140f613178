import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../ipc/contract'
import { mergeSettings, settingsFromStored } from '../ipc/contract/settings'
import { privateDir } from '../engine/private-files'
import type { SettingsStore } from './ports'
import { writePrivateFile } from './private-write'

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
 * file electron-store, and then conf, wrote: tab-indented JSON) and web mode's
 * <data-dir>/settings.json. Written whole, atomically and owner-only (private-write.ts, with the
 * writer conf used). conf itself is no longer needed: its schema validation was never used, and
 * loading it (ajv, ajv-formats, fast-uri, semver) cost every start ~10 ms of CPU (issue 13).
 *
 * The contract's settings.ts stays the one validation: the file is read field by field (a
 * hand-edited, older or damaged file keeps every valid field), every change goes through
 * mergeSettings. A file that is not JSON reads as empty and is written anew on the next change.
 */
export class JsonFileSettingsStore implements SettingsStore {
  private value: Settings

  constructor(private readonly file: string) {
    // Owner-only whoever writes there first.
    privateDir(dirname(file))
    this.value = settingsFromStored(readStored(file))
  }

  get(): Settings {
    return this.value
  }

  /** An invalid patch, or a file that cannot be written, throws and changes nothing. */
  set(patch: SettingsPatch): Settings {
    const next = mergeSettings(this.value, patch)
    writePrivateFile(this.file, JSON.stringify(next, undefined, '\t'))
    this.value = next
    return next
  }
}

/** What the file holds; nothing for a missing file or one that is not JSON (any other read error throws). */
function readStored(file: string): unknown {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
