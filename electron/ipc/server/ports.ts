import type { Settings, SettingsPatch } from '../contract'

/** What the backend needs from its host (Electron shell or web mode). */
export interface HostServices {
  readonly kind: 'electron' | 'web'
  /** Opens an http(s) URL in the user's browser (validated before it gets here). */
  openExternal(url: string): Promise<void>
  /** Shows a file in the system file manager. */
  revealFile(path: string): Promise<void>
  /** How the saved session is protected at rest. */
  readonly secretStorage: 'encrypted' | 'plaintext' | 'unavailable'
}

/** Settings persistence (electron-store in the app, a JSON file in web mode). */
export interface SettingsStore {
  get(): Settings
  set(patch: SettingsPatch): Settings
}
