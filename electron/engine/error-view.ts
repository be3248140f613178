import type { ErrorView } from '../ipc/contract/model'
import { isEngineError } from './errors'

/** Any error as the plain `ErrorView` the UI gets (an unexpected one counts as malformed). */
export function errorView(err: unknown): ErrorView {
  if (isEngineError(err)) return err.toJSON()
  return { kind: 'malformed', message: err instanceof Error ? err.message : String(err) }
}
