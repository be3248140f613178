import type { ErrorView } from '../../model'
import type { CommandArgs, CommandName, CommandResult } from './commands'
import type { EventName, Events } from './events'

/**
 * The one IPC contract (DESIGN.md "Typed IPC"): renderer → main commands (commands.ts) and main
 * → renderer events (events.ts), over the app model (electron/model, re-exported here so the
 * renderer imports one module). Both transports — Electron IPC and web mode's WebSocket — are
 * generic over it.
 */

export * from '../../model'
export * from './commands'
export * from './events'
export * from './limits'
export * from './ws-protocol'
export * from './server-frames'
export * from './routes'
export type { Settings, SettingsPatch } from './settings'
export { DEFAULT_SETTINGS, applySettingsPatch, mergeSettings, settingsFromStored, settingsSchema } from './settings'

/** A command's failure as it crosses IPC. */
export interface CommandError {
  error: ErrorView
}

/** What a transport carries back for one command. */
export type CommandOutcome = { ok: true; value: unknown } | { ok: false; error: ErrorView }

/**
 * The API the renderer talks to, whatever the transport: the preload exposes it as
 * `window.qq` in Electron; web mode builds it over a WebSocket.
 */
export interface QqApi {
  invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}
