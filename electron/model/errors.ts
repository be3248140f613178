import { z } from 'zod'
import { readErrorView } from './read-error-view'
import { errorKindSchema } from './values'

/** A failure as it crosses to the UI: words come from i18n by `kind` (and retcode), never from `message`. */
export const errorViewSchema = z.object({
  kind: errorKindSchema,
  message: z.string(),
  retcode: z.number().optional(),
  status: z.number().optional(),
  reason: z.string().optional(),
})
export type ErrorView = z.infer<typeof errorViewSchema>

/**
 * Anything thrown or rejected, as an ErrorView: an ErrorView itself, an error that serialises to
 * one (the engine's EngineError), a wrapped `{ error }` (a command failure crossing IPC); anything
 * else is `malformed`, so the UI can still word it. Read by hand (readErrorView, the schema's
 * twin tested against it) so the page's first chunk, which shows failures, needs no zod.
 */
export function toErrorView(e: unknown): ErrorView {
  for (const candidate of [e, jsonOf(e), wrapped(e)]) {
    const view = readErrorView(candidate)
    if (view) return view
  }
  return { kind: 'malformed', message: e instanceof Error ? e.message : String(e) }
}

function jsonOf(e: unknown): unknown {
  return typeof e === 'object' && e !== null && typeof (e as { toJSON?: unknown }).toJSON === 'function' ? (e as { toJSON(): unknown }).toJSON() : undefined
}

function wrapped(e: unknown): unknown {
  return typeof e === 'object' && e !== null && 'error' in e ? (e as { error: unknown }).error : undefined
}
