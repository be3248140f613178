import { join } from 'node:path'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index'

/**
 * The embedded emulator as the app's hosts hand it to the backend (electron/backend/ports.ts
 * `EmbeddedServer`): started on first use on a free loopback port, stopped with the app.
 */
export interface EmbeddedEmulator {
  start(): Promise<{ host: string; port: number; phoneUrl: string; httpsPort?: number; ca?: string }>
  stop(): Promise<void>
  /** The running emulator (tests drive its phone), while it runs. */
  readonly running: RunningEmulator | undefined
}

/** The performance mark set when the embedded emulator listens. */
export const EMULATOR_LISTENING = 'embedded emulator listening'

export function embeddedEmulator(opts: EmulatorOptions = {}): EmbeddedEmulator {
  let starting: Promise<RunningEmulator> | undefined
  let running: RunningEmulator | undefined
  return {
    get running() {
      return running
    },
    async start() {
      starting ??= startEmulator({ host: '127.0.0.1', port: 0, ...opts }).then((emu) => {
        // The hosts' startup timeline (web mode's --verbose) reads it.
        performance.mark(EMULATOR_LISTENING)
        return (running = emu)
      })
      const emu = await starting
      return { host: emu.host, port: emu.port, phoneUrl: emu.phoneUrl, ...(emu.httpsPort !== undefined && { httpsPort: emu.httpsPort, ca: emu.caCert }) }
    },
    async stop() {
      const emu = await starting?.catch(() => undefined)
      starting = undefined
      running = undefined
      await emu?.stop()
    },
  }
}

/**
 * The hosts' embedded emulator, kept in a folder of the data folder: the sessions it issued
 * and its world (a restart needs no new scan and shows the contacts as they were, issue 12) and
 * its own CA and server certificate (made once, keys 0600), so it serves https as the real service did and the engine's https choices are the ones
 * used. Only the emulator profile trusts that CA (AppCore hands it to emulatorProfile).
 */
export function embeddedEmulatorIn(folder: string, opts: EmulatorOptions = {}): EmbeddedEmulator {
  return embeddedEmulator({ sessionFile: join(folder, 'sessions.sqlite'), tls: { httpsPort: 0, certDir: join(folder, 'tls') }, ...opts })
}
