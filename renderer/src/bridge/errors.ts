import { z } from 'zod'
import type { CommandError, ErrorView } from '@contract'

export const errorViewSchema = z.object({
  kind: z.enum(['network', 'timeout', 'http', 'protocol', 'malformed', 'session-lost', 'cancelled', 'bad-input']),
  message: z.string(),
  retcode: z.number().optional(),
  status: z.number().optional(),
  reason: z.string().optional(),
}) satisfies z.ZodType<ErrorView>

/** A command that failed on the other side (or never got there): carries the `ErrorView`. */
export class CommandFailure extends Error implements CommandError {
  constructor(readonly error: ErrorView) {
    super(error.message)
    this.name = 'CommandFailure'
  }
}

/**
 * Whatever a transport rejected with, as an `ErrorView`: a `CommandFailure`, a bare
 * `{ error }` (the contract's `CommandError`), an `ErrorView` itself, or — for anything else —
 * a `malformed` view so the UI can still word it.
 */
export function toErrorView(e: unknown): ErrorView {
  const direct = errorViewSchema.safeParse(e)
  if (direct.success) return direct.data
  if (typeof e === 'object' && e !== null && 'error' in e) {
    const wrapped = errorViewSchema.safeParse((e as { error: unknown }).error)
    if (wrapped.success) return wrapped.data
  }
  return { kind: 'malformed', message: e instanceof Error ? e.message : String(e) }
}
