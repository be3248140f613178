import type { SessionVault } from '../engine/ports'
import type { HostKind, SecretStorage, SessionSetAside } from '../model'
import type { ChatTabs, ConversationRef, Settings, SettingsPatch } from '../ipc/contract'

/** What the backend needs from its host (Electron shell or web mode). */
export interface HostServices {
  readonly kind: HostKind
  /** Opens an http(s) URL in the user's browser (validated before it gets here). */
  openExternal(url: string): Promise<void>
  /** How the saved session is protected at rest. */
  readonly secretStorage: SecretStorage
  /**
   * Where received files are saved: the host decides (Electron: the OS downloads folder; web
   * mode: ~/Downloads or --download-dir), never the renderer. Created when the first file is.
   */
  readonly downloadDir: string
  /** Electron: asks the user where to save a copy of `file` (a save dialog, `defaultName` offered) and copies it there. Web mode has none (the page downloads). */
  saveCopy?(file: string, defaultName: string): Promise<void>
  /** Electron: opens a file this app saved with its default application. */
  openPath?(file: string): Promise<void>
  /** Electron: shows a file this app saved in its folder. */
  revealPath?(file: string): void
  /** Electron: opens that conversation's chat window (or its tab in the merged window), or brings it forward. Web mode opens a browser tab itself. */
  openChat?(conversation: ConversationRef): void
  /** Electron: closes that conversation's chat window or tab. */
  closeChat?(conversation: ConversationRef): void
  /** Electron: the conversations open in chat windows. */
  chatTabs?(): ChatTabs
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
  /** Starts it on first use; where it listens (http, and https with the PEM of its own CA) and its phone page. */
  start(): Promise<{ host: string; port: number; phoneUrl: string; httpsPort?: number; ca?: string }>
  stop(): Promise<void>
}
