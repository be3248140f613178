import { join } from 'node:path'
import { Logger } from '../../electron/engine/log'
import { NO_VAULT } from '../../electron/engine/ports'
import type { EmulatorOptions, RunningEmulator } from '../../electron/emulator'
import { embeddedEmulator } from '../../electron/emulator/launcher'
import { AppCore, type AppCoreOptions } from '../../electron/backend/app-core'
import { MemorySettingsStore } from '../../electron/backend/settings-store'
import { eventually, FAST, tempDir } from './client'
import { decodeQr, Phone } from './emulator'

/**
 * A real backend (AppCore) as web mode runs it, with its own embedded emulator, fast timings and
 * in-memory settings: what integration and e2e tests start. Pass what a test wants different.
 */
export function testBackend(opts: Partial<Omit<AppCoreOptions, 'embedded'>> & { emulator?: EmulatorOptions } = {}): {
  core: AppCore
  /** The embedded emulator, once the backend started it. */
  emulator(): RunningEmulator
} {
  const { emulator: emulatorOpts, ...rest } = opts
  // Made only when the test brings none (a test may watch what appears in the temp folder).
  const dataDir = rest.dataDir ?? tempDir()
  // https as in the app: its own CA and certificate in the data folder, trusted by this profile alone.
  const embedded = embeddedEmulator({ chatter: false, pollHoldMs: 300, tls: { httpsPort: 0, certDir: join(dataDir, 'emulator', 'tls') }, ...emulatorOpts })
  const core = new AppCore({
    dataDir,
    settings: new MemorySettingsStore(),
    vault: () => NO_VAULT,
    // Received files land in the test's data folder (made when the first file comes), never the user's Downloads.
    host: { kind: 'web', openExternal: async () => undefined, secretStorage: 'plaintext', downloadDir: join(dataDir, 'downloads') },
    embedded,
    version: '0.0.0-test',
    logger: new Logger(),
    client: FAST,
    ...rest,
  })
  return {
    core,
    emulator: () => {
      if (!embedded.running) throw new Error('the backend has not started its emulator yet')
      return embedded.running
    },
  }
}

/** Logs a started backend in through its phone (the QR code it shows, scanned and confirmed); resolves once the session is online. */
export async function logInBackend(core: AppCore, emulator: () => RunningEmulator): Promise<void> {
  let qr: string | undefined
  let online = false
  core.on('login.state', (v) => {
    if (v.kind === 'qr') qr = decodeQr(Buffer.from(v.image.split(',')[1]!, 'base64'))
  })
  core.on('session.state', (v) => (online ||= v.kind === 'online'))
  await core.start()
  const phone = Phone.for(emulator())
  const text = await eventually(() => qr, 10_000, 'the QR code')
  await phone.scan(text)
  await phone.confirm(text)
  await eventually(() => online, 10_000, 'online')
}
