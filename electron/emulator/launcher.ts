import { startEmulator, type EmulatorOptions, type RunningEmulator } from './index'

/**
 * The embedded emulator as the app's hosts hand it to the backend (electron/backend/ports.ts
 * `EmbeddedServer`): started on first use on a free loopback port, stopped with the app.
 */
export interface EmbeddedEmulator {
  start(): Promise<{ host: string; port: number; phoneUrl: string }>
  stop(): Promise<void>
  /** The running emulator (tests drive its phone), while it runs. */
  readonly running: RunningEmulator | undefined
}

export function embeddedEmulator(opts: EmulatorOptions = {}): EmbeddedEmulator {
  let starting: Promise<RunningEmulator> | undefined
  let running: RunningEmulator | undefined
  return {
    get running() {
      return running
    },
    async start() {
      starting ??= startEmulator({ host: '127.0.0.1', port: 0, ...opts }).then((emu) => (running = emu))
      const emu = await starting
      return { host: emu.host, port: emu.port, phoneUrl: emu.phoneUrl }
    },
    async stop() {
      const emu = await starting?.catch(() => undefined)
      starting = undefined
      running = undefined
      await emu?.stop()
    },
  }
}
