import type { CommandName, EventName } from './index'
import type { ErrorView } from '../../model'

/**
 * Frames of the WebSocket transport (web mode): the same contract as Electron IPC, as JSON
 * text frames. The socket URL is `/ws?token=<token>`; the token is the one in the URL web mode
 * prints (the page passes on its own `?token=`).
 */
export type ClientFrame = { t: 'invoke'; id: number; name: CommandName; args: unknown }

export type ServerFrame =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: ErrorView }
  | { t: 'event'; name: EventName; payload: unknown }

export const WS_PATH = '/ws'
