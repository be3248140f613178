import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Logger } from '../engine/log'
import { embeddedEmulatorIn, type EmbeddedEmulator } from '../emulator/launcher'
import { AppCore } from '../backend/app-core'
import { FileVault, PLAINTEXT } from '../backend/file-vault'
import { JsonFileSettingsStore } from '../backend/settings-store'
import { version } from '../../package.json'

/** Web mode's app: the backend (and the engine) over the data folder, with the embedded emulator. */
export interface WebApp {
  core: AppCore
  embedded: EmbeddedEmulator
  /** Whether the settings' profile is the embedded emulator (its phone line is printed once it listens). */
  usesEmulator: boolean
}

/**
 * The backend's part of web mode (index.ts loads it once its web server listens, so the page
 * loads while this, the engine's code and the backend's, is read and compiled).
 */
export function createWebApp(opts: { dataDir: string; downloadDir: string | undefined; logger: Logger }): WebApp {
  const { dataDir, logger } = opts
  // The embedded server keeps the sessions it issued (a restart needs no new scan) and its TLS certificates there.
  const embedded = embeddedEmulatorIn(join(dataDir, 'emulator'))
  const settings = new JsonFileSettingsStore(join(dataDir, 'settings.json'))
  const core = new AppCore({
    dataDir,
    settings,
    // Web mode has no OS keychain: the session file is plaintext, owner-only, and the UI says so.
    vault: (profile) => new FileVault(join(dataDir, 'profiles', profile, 'session.json'), PLAINTEXT, logger),
    host: {
      kind: 'web',
      // A server cannot open the user's browser tabs; the page opens links itself.
      openExternal: async () => undefined,
      secretStorage: 'plaintext',
      // Received files: the user's Downloads folder unless told otherwise (made when the first file comes).
      downloadDir: resolve(opts.downloadDir ?? join(homedir(), 'Downloads')),
    },
    embedded,
    version,
    logger,
  })
  return { core, embedded, usesEmulator: settings.get().profile.kind === 'emulator' }
}
