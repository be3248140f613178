import type { CommandError, ErrorView } from '@contract'

/**
 * A command that failed on the other side (or never got there): carries the `ErrorView`. The
 * model's `toErrorView` reads it back (as a wrapped `{ error }`).
 */
export class CommandFailure extends Error implements CommandError {
  constructor(readonly error: ErrorView) {
    super(error.message)
    this.name = 'CommandFailure'
  }
}
