import type { ErrorView } from './errors'
import { ERROR_KINDS, isOneOf } from './value-names'

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
// zod's z.number() refuses NaN and ±Infinity: so does this.
const optional = (v: unknown, type: 'number' | 'string') => v === undefined || (type === 'number' ? Number.isFinite(v) : typeof v === type)

/**
 * An ErrorView (errors.ts) read by hand, with only its own fields, as errorViewSchema reads one;
 * undefined for anything that is not one. Without zod, for the page's first chunk (issue 13:
 * web mode's frames, contract/server-frames.ts).
 */
export function readErrorView(v: unknown): ErrorView | undefined {
  if (!isRecord(v) || !isOneOf(ERROR_KINDS, v.kind) || typeof v.message !== 'string') return undefined
  if (!optional(v.retcode, 'number') || !optional(v.status, 'number') || !optional(v.reason, 'string')) return undefined
  const view: ErrorView = { kind: v.kind, message: v.message }
  if (v.retcode !== undefined) view.retcode = v.retcode as number
  if (v.status !== undefined) view.status = v.status as number
  if (v.reason !== undefined) view.reason = v.reason as string
  return view
}
