/**
 * The performance marks the embedded emulator sets as it starts; web mode's `--verbose` startup
 * line (electron/web/index.ts) reads them. A module of its own, so a host names them without
 * loading the emulator.
 */

/** The embedded emulator listens (launcher.ts). */
export const EMULATOR_LISTENING = 'embedded emulator listening'

/** A folder's TLS material is ready: read, or made on a first start (tls.ts). */
export const TLS_MATERIAL_READY = 'emulator TLS material ready'
