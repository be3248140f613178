import type { ErrorKind } from '../model'

/**
 * Errors are values with a kind (STYLE.md): the UI picks its words from the kind, never from a
 * message string. The kinds are the model's (electron/model/values.ts), one definition for the
 * engine and the UI.
 */
export type EngineErrorKind = ErrorKind

export interface EngineErrorDetails {
  endpoint?: string
  retcode?: number
  status?: number
  /** Human-readable reason from the service (kick text), safe to show. */
  reason?: string
  cause?: unknown
}

export class EngineError extends Error {
  readonly kind: EngineErrorKind
  readonly endpoint: string | undefined
  readonly retcode: number | undefined
  readonly status: number | undefined
  readonly reason: string | undefined

  constructor(kind: EngineErrorKind, message: string, details: EngineErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause })
    this.name = 'EngineError'
    this.kind = kind
    this.endpoint = details.endpoint
    this.retcode = details.retcode
    this.status = details.status
    this.reason = details.reason
  }

  /** A plain object safe to send over IPC and to log. */
  toJSON(): { kind: EngineErrorKind; message: string; endpoint?: string; retcode?: number; status?: number; reason?: string } {
    return {
      kind: this.kind,
      message: this.message,
      ...(this.endpoint !== undefined && { endpoint: this.endpoint }),
      ...(this.retcode !== undefined && { retcode: this.retcode }),
      ...(this.status !== undefined && { status: this.status }),
      ...(this.reason !== undefined && { reason: this.reason }),
    }
  }
}

export function isEngineError(e: unknown, kind?: EngineErrorKind): e is EngineError {
  return e instanceof EngineError && (kind === undefined || e.kind === kind)
}

export function protocolError(endpoint: string, retcode: number, extra: Omit<EngineErrorDetails, 'endpoint' | 'retcode'> = {}): EngineError {
  return new EngineError('protocol', `${endpoint} answered retcode ${retcode}`, { endpoint, retcode, ...extra })
}

export function cancelled(): EngineError {
  return new EngineError('cancelled', 'cancelled')
}
