import { EventEmitter } from 'node:events'
import type { SessionView } from '../model/views'
import { EngineError } from './errors'
import type { ServerProfile } from './http/profile'
import { LoginFlow, type LoginFlowOptions, type LoginState } from './login/login-flow'
import { OnlineSession, type OnlineSessionEvents, type OnlineSessionOptions } from './online/online-session'
import type { Session } from './session'

/** What the login flow and each logged-in session need (tests make the timings fast). */
export type QQClientOptions = LoginFlowOptions & OnlineSessionOptions

/** The running session's events (whichever session runs), with the login flow and the connection as a whole. */
export interface QQClientEvents extends Omit<OnlineSessionEvents, 'health'> {
  login: [LoginState]
  session: [SessionView]
}

/**
 * The SmartQQ client for one server profile: the login flow (`login`), and the logged-in
 * session's parts (`online()`) once a login succeeds. Its events follow whichever session runs.
 * The backend's commands drive these parts directly; nothing else of the engine.
 */
export class QQClient extends EventEmitter<QQClientEvents> {
  readonly login: LoginFlow
  private view: SessionView = { kind: 'logged-out' }
  private running: OnlineSession | undefined

  constructor(private readonly opts: QQClientOptions) {
    super()
    this.login = new LoginFlow(opts, { begin: (s) => this.begin(s), end: () => this.end(), setView: (v) => this.setView(v) })
    this.login.on('state', (s) => this.emit('login', s))
  }

  /** The connection as a whole. */
  get session(): SessionView {
    return this.view
  }
  get profile(): ServerProfile {
    return this.opts.profile
  }

  /** The logged-in session, or undefined while logged out. */
  get current(): OnlineSession | undefined {
    return this.running
  }

  /** The logged-in session; while logged out, an EngineError of kind `session-lost`. */
  online(): OnlineSession {
    if (!this.running) throw new EngineError('session-lost', 'not logged in')
    return this.running
  }

  /** The spacing between sends (§8.5, the user's setting), for the running session and the next ones. */
  setSendSpacing(ms: number): void {
    this.opts.sender = { ...this.opts.sender, refillMs: ms }
    this.running?.sender.setSpacing(ms)
  }

  /** Stops all activity (app quit); the saved session stays for the next start. */
  async shutdown(): Promise<void> {
    this.login.cancel()
    await this.end()
  }

  private setView(v: SessionView): void {
    this.view = v
    this.emit('session', v)
  }

  private async begin(session: Session): Promise<void> {
    this.setView({ kind: 'connecting' })
    const on = new OnlineSession(session, this.opts)
    this.running = on
    on.on('health', (h) => this.setView(h))
    on.on('contacts', (v) => this.emit('contacts', v))
    on.on('presence', (v) => this.emit('presence', v))
    on.on('message', (v) => this.emit('message', v))
    on.on('status', (v) => this.emit('status', v))
    on.on('conversations', (v) => this.emit('conversations', v))
    on.on('deleted', (v) => this.emit('deleted', v))
    on.on('friendRequest', (v) => this.emit('friendRequest', v))
    on.on('typing', (v) => this.emit('typing', v))
    on.on('updated', (v) => this.emit('updated', v))
    on.on('transfer', (v) => this.emit('transfer', v))
    await on.start()
  }

  private async end(): Promise<void> {
    const on = this.running
    if (!on) return
    this.running = undefined
    await on.stop()
  }
}
