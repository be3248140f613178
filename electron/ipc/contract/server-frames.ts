import type { ErrorView } from '../../model'
import { readErrorView } from '../../model/read-error-view'

/** A frame web mode's server sends, as read: an event's name is any string until the page checks it (isEventName). */
export type ReadFrame =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: ErrorView }
  | { t: 'event'; name: string; payload: unknown }

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * A frame from web mode's server, checked by hand so that the page's first chunk loads no zod
 * (issue 13): a command's result (a value, or a failure with an ErrorView) or an event; anything
 * else is undefined and dropped. This guards the page against frames it cannot use; what the
 * page sends is checked by the backend (dispatch.ts, ws-transport.ts), the boundary.
 */
export function readServerFrame(json: unknown): ReadFrame | undefined {
  if (!isRecord(json)) return undefined
  if (json.t === 'event') return typeof json.name === 'string' ? { t: 'event', name: json.name, payload: json.payload } : undefined
  if (json.t !== 'result' || typeof json.id !== 'number') return undefined
  if (json.ok === true) return { t: 'result', id: json.id, ok: true, value: json.value }
  const error = json.ok === false ? readErrorView(json.error) : undefined
  return error && { t: 'result', id: json.id, ok: false, error }
}
