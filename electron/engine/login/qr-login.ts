import { EventEmitter } from 'node:events'
import { hash33 } from '../../smartqq/hash'
import type { StatusName } from '../../smartqq/status'
import { EngineError, isEngineError } from '../errors'
import type { HttpClient } from '../http/client'
import type { Logger } from '../log'
import { ptqrlogin, ptqrshow } from '../endpoints/login-endpoints'
import type { Session } from '../session'
import { sleep } from '../sleep'
import { establishSession } from './establish'
import { openLoginPage } from './login-page'
import { preconnect } from './preconnect'

/**
 * The QR login (§3.2–3.7) as a state machine:
 *   idle → qr → scanned → confirming → online
 *                 ↘ expired (after too many automatic refreshes) | refused | failed
 * A code that expires (65) is replaced automatically, a bounded number of times.
 */
export type QrLoginState =
  | { kind: 'idle' }
  /** A QR image to show; `expiresAt` is an estimate (the service's TTL was ≈120 s). */
  | { kind: 'qr'; png: Buffer; expiresAt: number; refreshes: number }
  | { kind: 'scanned'; png: Buffer; expiresAt: number }
  | { kind: 'confirming'; nick: string }
  | { kind: 'online'; session: Session }
  | { kind: 'expired' }
  | { kind: 'refused' }
  | { kind: 'failed'; error: EngineError }

export interface QrLoginOptions {
  /** Time between ptqrlogin polls (clients used 1–3 s). */
  pollIntervalMs?: number
  /** How many expired codes are replaced automatically before giving up. */
  maxRefreshes?: number
  /** Assumed QR lifetime, for the countdown. */
  qrLifetimeMs?: number
  /** Consecutive network failures tolerated while polling. */
  maxNetworkFailures?: number
  /** Status asked for at login2. */
  status?: StatusName
}

export class QrLogin extends EventEmitter<{ state: [QrLoginState] }> {
  private current: QrLoginState = { kind: 'idle' }
  private readonly opts: Required<QrLoginOptions>

  constructor(
    private readonly http: HttpClient,
    private readonly logger: Logger,
    opts: QrLoginOptions = {},
  ) {
    super()
    this.opts = {
      pollIntervalMs: 1500,
      maxRefreshes: 4,
      qrLifetimeMs: 120_000,
      maxNetworkFailures: 5,
      status: 'online',
      ...opts,
    }
  }

  get state(): QrLoginState {
    return this.current
  }

  private set(state: QrLoginState): void {
    this.current = state
    this.emit('state', state)
  }

  /** Runs the whole login. Resolves with the session; rejects with an EngineError (state says why). */
  async run(signal?: AbortSignal): Promise<Session> {
    try {
      return await this.flow(signal)
    } catch (err) {
      const error = isEngineError(err) ? err : new EngineError('network', (err as Error).message, { cause: err })
      if (error.kind === 'cancelled') this.set({ kind: 'idle' })
      else if (this.current.kind !== 'expired' && this.current.kind !== 'refused') this.set({ kind: 'failed', error })
      throw error
    }
  }

  private async flow(signal?: AbortSignal): Promise<Session> {
    // The login page (§3.1, optional) and the first QR code (§3.2, which needs nothing from it)
    // are asked at once, on their two hosts: the QR shows a round trip and a TLS handshake
    // sooner (issue 13). Only ptqrlogin sends the page's login_sig, so only it waits for it.
    const loginSig = openLoginPage(this.http, this.logger, signal)
    // Awaited before the first poll, where a cancel still rejects; never left unhandled meanwhile.
    loginSig.catch(() => undefined)
    const pageOpened = Date.now()

    for (let refreshes = 0; ; refreshes++) {
      const png = await this.http.call(ptqrshow, undefined, { signal })
      const qrsig = await this.http.cookie('qrsig', 'https://ssl.ptlogin2.qq.com/')
      if (!qrsig) throw new EngineError('malformed', 'ptqrshow set no qrsig cookie', { endpoint: 'ptqrshow' })
      this.logger.addSecrets(qrsig)
      const expiresAt = Date.now() + this.opts.qrLifetimeMs
      this.set({ kind: 'qr', png, expiresAt, refreshes })

      const outcome = await this.pollCode(hash33(qrsig), await loginSig, pageOpened, png, expiresAt, signal)
      if (outcome === 'expired') {
        if (refreshes >= this.opts.maxRefreshes) {
          this.set({ kind: 'expired' })
          throw new EngineError('protocol', 'QR code expired too many times', { endpoint: 'ptqrlogin', retcode: 65 })
        }
        continue
      }
      this.set({ kind: 'confirming', nick: outcome.nick })
      const session = await establishSession(this.http, this.logger, {
        checkSigUrl: outcome.url,
        nick: outcome.nick,
        status: this.opts.status,
        signal,
      })
      this.set({ kind: 'online', session })
      return session
    }
  }

  /** Polls ptqrlogin for one code until it expires or is confirmed. */
  private async pollCode(
    ptqrtoken: number,
    loginSig: string,
    pageOpened: number,
    png: Buffer,
    expiresAt: number,
    signal?: AbortSignal,
  ): Promise<'expired' | { url: string; nick: string }> {
    let failures = 0
    for (;;) {
      await sleep(this.opts.pollIntervalMs, signal)
      let answer
      try {
        answer = await this.http.call(ptqrlogin, { ptqrtoken, loginSig, elapsedMs: Date.now() - pageOpened }, { signal })
        failures = 0
      } catch (err) {
        // A dropped connection is not the end of the login: keep polling a few times.
        if (isEngineError(err) && (err.kind === 'network' || err.kind === 'timeout') && ++failures < this.opts.maxNetworkFailures) {
          this.logger.warn(`ptqrlogin: ${err.message}; retrying`)
          continue
        }
        throw err
      }
      switch (answer.code) {
        case '66':
          continue
        case '67':
          if (this.current.kind !== 'scanned') {
            this.set({ kind: 'scanned', png, expiresAt })
            preconnect(this.http, this.logger, signal)
          }
          continue
        case '65':
          return 'expired'
        case '68':
          this.set({ kind: 'refused' })
          throw new EngineError('protocol', 'login refused on the phone', { endpoint: 'ptqrlogin', retcode: 68, reason: answer.message })
        case '0':
          return { url: answer.url, nick: answer.nick }
        default:
          throw new EngineError('protocol', `ptqrlogin: code ${answer.code}`, {
            endpoint: 'ptqrlogin',
            retcode: Number(answer.code) || -1,
            reason: answer.message,
          })
      }
    }
  }
}
