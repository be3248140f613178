import { EventEmitter } from 'node:events'
import { toErrorView } from '../../model'
import type { LoginView, SessionView } from '../../model/views'
import { EngineError, isEngineError } from '../errors'
import { HttpClient } from '../http/client'
import type { ServerProfile } from '../http/profile'
import type { Logger } from '../log'
import type { SessionVault } from '../ports'
import type { Session } from '../session'
import { PasswordLogin } from './password-login'
import { QrLogin, type QrLoginOptions } from './qr-login'
import { restoreSession } from './restore'

/**
 * The login flow as the login window follows it: the model's LoginView, except that the QR code
 * and the captcha are the picture's bytes (what a host shows them as is the host's business).
 */
export type LoginState =
  | Exclude<LoginView, { kind: 'qr' | 'scanned' | 'captcha' }>
  | { kind: 'qr'; png: Buffer; expiresAt: number; refreshes: number }
  | { kind: 'scanned'; png: Buffer; expiresAt: number }
  /** The picture as getimage sent it (§4.2: a JPEG from the real service, a PNG from the emulator). */
  | { kind: 'captcha'; image: Buffer }

/** What a login hands its session to: the part of the client that runs a logged-in session. */
export interface SessionHost {
  /** Runs the logged-in session for a fresh login (contacts, outbox, poll loop). */
  begin(session: Session): Promise<void>
  /** Ends the running session, if any. */
  end(): Promise<void>
  /** The connection as a whole, while no session runs to say it. */
  setView(view: SessionView): void
}

export interface LoginFlowOptions {
  profile: ServerProfile
  logger: Logger
  vault: SessionVault
  qr?: QrLoginOptions
}

/**
 * How the user gets logged in, and out: the saved session first (no QR), a QR login, the legacy
 * password login (§4) with its captcha, cancel, logout. One login at a time: starting one
 * cancels any in progress and ends the running session.
 */
export class LoginFlow extends EventEmitter<{ state: [LoginState] }> {
  private current: LoginState = { kind: 'idle' }
  private ctl: AbortController | undefined
  private passwordLogin: PasswordLogin | undefined
  /** The saved session was tried at startup and its login had expired (§8.1): why a scan is needed. */
  private savedExpired = false

  constructor(
    private readonly opts: LoginFlowOptions,
    private readonly host: SessionHost,
  ) {
    super()
  }

  get state(): LoginState {
    return this.current
  }

  /** True from a restore that found the saved login expired until the next login succeeds. */
  get savedLoginExpired(): boolean {
    return this.savedExpired
  }

  private set(state: LoginState): void {
    this.current = state
    this.emit('state', state)
  }

  /** At startup: the saved session if it is still good (no QR), else nothing (the UI shows the QR). */
  async restore(): Promise<boolean> {
    const { vault, profile, logger } = this.opts
    const saved = await vault.load().catch(() => undefined)
    if (!saved) return false
    this.set({ kind: 'restoring' })
    this.host.setView({ kind: 'connecting' })
    const out = await restoreSession(saved, profile, logger)
    if (out.kind === 'dead') {
      this.host.setView({ kind: 'logged-out' })
      if (out.reason === 'network') {
        // The server is unreachable: keep the saved session for the next try.
        this.set({ kind: 'failed', error: toErrorView(out.error ?? new EngineError('network', 'server unreachable')) })
        return false
      }
      logger.info('saved session is gone; a QR scan is needed')
      this.savedExpired = out.reason === 'expired'
      await vault.clear()
      this.set({ kind: 'idle' })
      return false
    }
    await this.begin(out.session)
    return true
  }

  /** Starts a QR login (cancelling any login in progress). Resolves when it ends. */
  async startQr(): Promise<void> {
    const ctl = await this.takeOver()
    const login = new QrLogin(this.http(), this.opts.logger, this.opts.qr)
    login.on('state', (s) => {
      if (ctl.signal.aborted) return
      switch (s.kind) {
        case 'qr':
        case 'scanned':
        case 'confirming':
        case 'expired':
        case 'refused':
        case 'idle':
          return this.set(s)
        case 'failed':
          return this.set({ kind: 'failed', error: toErrorView(s.error) })
        case 'online':
          return
      }
    })
    await this.run(ctl, 'QR login', () => login.run(ctl.signal))
  }

  /** The legacy password login (§4), for servers of that era. */
  async startPassword(qq: string, password: string): Promise<void> {
    const ctl = await this.takeOver()
    const login = new PasswordLogin(this.http(), this.opts.logger)
    this.passwordLogin = login
    login.on('state', (s) => {
      if (ctl.signal.aborted) return
      if (s.kind === 'captcha') this.set({ kind: 'captcha', image: s.image })
      else if (s.kind === 'checking' || s.kind === 'logging-in') this.set({ kind: 'password-checking' })
      else if (s.kind === 'confirming') this.set({ kind: 'confirming', nick: s.nick })
      else if (s.kind === 'failed') this.set({ kind: 'password-failed', error: toErrorView(s.error), ...(s.refusal && { refusal: s.refusal }) })
      else if (s.kind === 'idle') this.set({ kind: 'idle' })
    })
    try {
      await this.run(ctl, 'password login', () => login.run({ qq, password, signal: ctl.signal }))
    } finally {
      this.passwordLogin = undefined
    }
  }

  submitCaptcha(text: string): void {
    if (!this.passwordLogin) throw new EngineError('bad-input', 'no captcha is waiting')
    this.passwordLogin.submitCaptcha(text)
  }

  refreshCaptcha(): void {
    if (!this.passwordLogin) throw new EngineError('bad-input', 'no captcha is waiting')
    this.passwordLogin.refreshCaptcha()
  }

  cancel(): void {
    this.ctl?.abort()
    this.ctl = undefined
  }

  /** Logs out: stops everything and forgets the saved session. History stays. */
  async logout(): Promise<void> {
    this.cancel()
    await this.host.end()
    await this.opts.vault.clear()
    this.set({ kind: 'idle' })
    this.host.setView({ kind: 'logged-out' })
  }

  private http(): HttpClient {
    return new HttpClient(this.opts.profile, { logger: this.opts.logger })
  }

  /** A new login: the one in progress is cancelled and the running session ended. */
  private async takeOver(): Promise<AbortController> {
    this.cancel()
    await this.host.end()
    const ctl = new AbortController()
    this.ctl = ctl
    return ctl
  }

  /** Runs a login to its end: its session begins; a failure is in the state (and the log). */
  private async run(ctl: AbortController, what: string, login: () => Promise<Session>): Promise<void> {
    try {
      await this.begin(await login())
    } catch (err) {
      if (!isEngineError(err, 'cancelled')) this.opts.logger.info(`${what} ended: ${(err as Error).message}`)
    } finally {
      if (this.ctl === ctl) this.ctl = undefined
    }
  }

  private async begin(session: Session): Promise<void> {
    await this.host.end()
    this.savedExpired = false
    this.set({ kind: 'online' })
    await this.host.begin(session)
  }
}
