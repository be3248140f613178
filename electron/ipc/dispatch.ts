import { z } from 'zod'
import { commands, isCommandName, toErrorView, type CommandInput, type CommandName, type CommandOutcome, type CommandResult } from './contract'

/** One handler per command, receiving validated arguments. */
export type Handlers = { [N in CommandName]: (args: CommandInput<N>) => Promise<CommandResult<N>> | CommandResult<N> }

/**
 * The main-process boundary: the command name must be in the contract and its arguments must
 * pass the contract's schema; a bad call gets a typed `bad-input` error, never a crash.
 */
export async function dispatch(handlers: Handlers, name: unknown, args: unknown): Promise<CommandOutcome> {
  if (!isCommandName(name)) return { ok: false, error: { kind: 'bad-input', message: `unknown command ${JSON.stringify(typeof name === 'string' ? name.slice(0, 64) : typeof name)}` } }
  const parsed = commands[name].args.safeParse(args ?? {})
  if (!parsed.success) return { ok: false, error: { kind: 'bad-input', message: `${name}: ${z.prettifyError(parsed.error)}` } }
  try {
    const handler = handlers[name] as (a: unknown) => unknown
    return { ok: true, value: (await handler(parsed.data)) ?? null }
  } catch (err) {
    return { ok: false, error: toErrorView(err) }
  }
}
