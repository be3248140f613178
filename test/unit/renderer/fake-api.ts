import {
  COMMAND_NAMES,
  DEFAULT_SETTINGS,
  mergeSettings,
  type AppInfo,
  type CommandArgs,
  type CommandError,
  type CommandName,
  type CommandResult,
  type ContactsSnapshot,
  type ErrorView,
  type EventName,
  type Events,
  type QqApi,
} from '../../../electron/ipc/contract'
import { dispatch, type Handlers } from '../../../electron/ipc/dispatch'

type Answer<N extends CommandName> = CommandResult<N> | ((args: CommandArgs<N>) => CommandResult<N> | Promise<CommandResult<N>>)

export const EMPTY_CONTACTS: ContactsSnapshot = { self: undefined, categories: [], friends: [], groups: [], discussions: [], recent: [], failures: [], loading: [] }

export const APP_INFO: AppInfo = { version: '0.1.0', host: 'web', profile: 'emulator', phoneUrl: 'http://127.0.0.1:9/phone', secretStorage: 'encrypted', platform: 'linux' }

/** What a command answers when a test did not say otherwise. */
const DEFAULTS: Partial<{ [N in CommandName]: Answer<N> }> = {
  'app.info': APP_INFO,
  'session.get': { session: { kind: 'logged-out' }, login: { kind: 'idle' } },
  'settings.get': DEFAULT_SETTINGS,
  'settings.set': (patch) => mergeSettings(DEFAULT_SETTINGS, patch),
  'contacts.get': EMPTY_CONTACTS,
  'contacts.retry': true,
  'conversations.list': [],
  'history.page': [],
  'history.around': [],
  'history.search': [],
  'avatar.get': null,
  'file.list': [],
  'friendRequest.list': [],
}

/**
 * The transport edge, faked behind the real boundary: records every invoke and hands it to the
 * main process's `dispatch`, so arguments the contract's schema refuses fail with its bad-input
 * error; past it, answers with canned results (or a function of the arguments), fails a command
 * on request, and lets a test push events.
 */
export class FakeApi implements QqApi {
  readonly calls: Array<{ name: CommandName; args: unknown }> = []
  private readonly answers = new Map<CommandName, unknown>()
  private readonly failures = new Map<CommandName, ErrorView>()
  private readonly listeners = new Map<EventName, Set<(payload: never) => void>>()
  private readonly handlers = Object.fromEntries(COMMAND_NAMES.map((name) => [name, (args: unknown) => this.respond(name, args)])) as unknown as Handlers

  answer<N extends CommandName>(name: N, answer: Answer<N>): this {
    this.failures.delete(name)
    this.answers.set(name, answer)
    return this
  }

  fail(name: CommandName, error: ErrorView): this {
    this.failures.set(name, error)
    return this
  }

  async invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
    this.calls.push({ name, args })
    const outcome = await dispatch(this.handlers, name, args)
    if (!outcome.ok) throw { error: outcome.error } satisfies CommandError
    return outcome.value as CommandResult<N>
  }

  /** A command's handler: the failure or the answer the test set, else the default answer. */
  private respond(name: CommandName, args: unknown): unknown {
    const failure = this.failures.get(name)
    if (failure) throw failure
    const answer = this.answers.has(name) ? this.answers.get(name) : DEFAULTS[name]
    return typeof answer === 'function' ? (answer as (a: unknown) => unknown)(args) : answer
  }

  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
    let set = this.listeners.get(event)
    if (!set) this.listeners.set(event, (set = new Set()))
    set.add(listener)
    return () => set.delete(listener)
  }

  emit<E extends EventName>(event: E, payload: Events[E]): void {
    for (const l of this.listeners.get(event) ?? []) (l as (p: Events[E]) => void)(payload)
  }

  /** The arguments of every call to one command, in order. */
  argsOf<N extends CommandName>(name: N): CommandArgs<N>[] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as CommandArgs<N>)
  }

  clearCalls(): void {
    this.calls.length = 0
  }
}
