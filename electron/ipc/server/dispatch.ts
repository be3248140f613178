import { z } from 'zod'
import { errorView } from '../../engine/error-view'
import { EngineError } from '../../engine/errors'
import { commandSchemas, isCommandName, type CommandInput, type CommandName, type CommandResults, type ErrorView } from '../contract'

/** One handler per command, receiving validated arguments. */
export type Handlers = { [N in CommandName]: (args: CommandInput<N>) => Promise<CommandResults[N]> | CommandResults[N] }

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ErrorView }

/**
 * The main-process boundary: the command name must be in the contract and its arguments must
 * pass the contract's schema; a bad call gets a typed `bad-input` error, never a crash.
 */
export async function dispatch(handlers: Handlers, name: unknown, args: unknown): Promise<DispatchResult> {
  if (!isCommandName(name)) return { ok: false, error: { kind: 'bad-input', message: `unknown command ${JSON.stringify(String(name).slice(0, 64))}` } }
  const parsed = commandSchemas[name].safeParse(args ?? {})
  if (!parsed.success) return { ok: false, error: { kind: 'bad-input', message: `${name}: ${z.prettifyError(parsed.error)}` } }
  try {
    const handler = handlers[name] as (a: unknown) => unknown
    return { ok: true, value: (await handler(parsed.data)) ?? null }
  } catch (err) {
    return { ok: false, error: errorView(err instanceof Error ? err : new EngineError('malformed', String(err))) }
  }
}
