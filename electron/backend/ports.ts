import type { SessionVault } from '../engine/ports'
import type { HostKind, SecretStorage, SessionSetAside } from '../model'
import type { Settings, SettingsPatch } from '../ipc/contract'

/** What the backend needs from its host (Electron shell or web mode). */
export interface HostServices {
  readonly kind: HostKind
  /** Opens an http(s) URL in the user's browser (validated before it gets here). */
  openExternal(url: string): Promise<void>
  /** How the saved session is protected at rest. */
  readonly secretStorage: SecretStorage
}

/** A profile's saved-session vault, as a host makes it: it says when it set an unreadable session aside. */
export interface HostVault extends SessionVault {
  readonly setAside?: SessionSetAside
}

/** Settings persistence. */
export interface SettingsStore {
  get(): Settings
  set(patch: SettingsPatch): Settings
}

/**
 * The server the default profile connects to: the hosts pass in the embedded emulator
 * (electron/emulator/launcher.ts), so the backend never starts it itself.
 */
export interface EmbeddedServer {
  /** Starts it on first use; where it listens and its phone page. */
  start(): Promise<{ host: string; port: number; phoneUrl: string }>
  stop(): Promise<void>
}
