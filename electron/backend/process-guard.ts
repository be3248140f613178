import type { Logger } from '../engine/log'

/**
 * The last line, behind the validation at every boundary: an exception nobody caught (a throw
 * in a timer or an event listener) or a promise rejection nobody handled is logged, and the
 * backend — web mode's process, Electron's main process — keeps serving. Node's default would
 * end the process, and with it every window and the session. Returns the uninstaller.
 */
export function keepRunningOnUncaught(logger: Pick<Logger, 'error'>, proc: NodeJS.Process = process): () => void {
  const describe = (err: unknown) => (err instanceof Error ? (err.stack ?? err.message) : String(err))
  const log = (what: string, err: unknown) => {
    try {
      logger.error(`${what} (kept running): ${describe(err)}`)
    } catch {
      // A throwing log sink here would end the process after all; there is nowhere left to tell.
    }
  }
  const onException = (err: unknown) => log('uncaught exception', err)
  const onRejection = (reason: unknown) => log('unhandled rejection', reason)
  proc.on('uncaughtException', onException)
  proc.on('unhandledRejection', onRejection)
  return () => {
    proc.off('uncaughtException', onException)
    proc.off('unhandledRejection', onRejection)
  }
}
