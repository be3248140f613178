import { EventEmitter } from 'node:events'
import type { PasswordRefusal } from '../../model/views'
import { encodeRsaTea, encodeUinSalt } from '../../smartqq/password'
import type { StatusName } from '../../smartqq/status'
import { EngineError, cancelled, isEngineError } from '../errors'
import type { HttpClient } from '../http/client'
import type { Logger } from '../log'
import { check, getimage, login } from '../endpoints/password-endpoints'
import type { Session } from '../session'
import { establishSession } from './establish'
import { establishWebqqSession } from './webqq-session'
import { openLoginPage } from './login-page'

/**
 * The legacy password login (§4) as a state machine:
 *   idle → checking → (captcha → logging-in)* → logging-in → confirming → online
 *                                                        ↘ failed
 * A wrong captcha answer (code 4) brings a fresh picture and the user answers again without
 * starting over; a wrong password (3) and every other code end the login, with the code as
 * the error's retcode and the service's text as its reason, and the failed state says which
 * refusal it was (`refusalOf`).
 */
export type PasswordLoginState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  /** A captcha picture to show; `rejected` when it replaces one that was answered wrongly. */
  | { kind: 'captcha'; image: Buffer; rejected: boolean }
  | { kind: 'logging-in' }
  | { kind: 'confirming'; nick: string }
  | { kind: 'online'; session: Session }
  /** `refusal` when ptlogin refused the login (a code of §4.4), not when it broke off. */
  | { kind: 'failed'; error: EngineError; refusal?: PasswordRefusal }

export interface PasswordLoginOptions {
  /** Status asked for at login2. */
  status?: StatusName
}

type CaptchaInput = { kind: 'answer'; text: string } | { kind: 'refresh' }

const PTLOGIN_URL = 'https://ssl.ptlogin2.qq.com/'

/** ptlogin's `login` codes (§4.4 table). */
const REFUSALS: Readonly<Record<string, PasswordRefusal>> = {
  '1': 'busy',
  '2': 'account-invalid',
  '3': 'wrong-password',
  '4': 'wrong-captcha',
  '5': 'verification-failed',
  '6': 'retry',
  '7': 'bad-parameters',
  '8': 'too-many-logins',
  '24': 'cookies-disabled',
  '71': 'banned',
  '10005': 'needs-second-factor',
}
/**
 * What `login` has answered every password login since w.qq.com dropped them on 2015-09-30
 * (§8.6). The doc gives the text, not the code (the emulator answers code 1, "busy"), so the
 * text decides: the user must hear "use the QR code", not "try again later".
 */
const REMOVED_TEXT = '登录失败，请稍后再试。'

/** Whether login's success URL names check_sig (then its host is checked there, checkSigTarget). */
function isCheckSigUrl(url: string): boolean {
  return URL.canParse(url) && new URL(url).pathname === '/check_sig'
}

/** Which refusal a `login` answer's code and text mean. */
export function refusalOf(code: string, message: string): PasswordRefusal {
  if (message.trim() === REMOVED_TEXT) return 'password-login-removed'
  return (Object.hasOwn(REFUSALS, code) && REFUSALS[code]) || 'unknown'
}

export class PasswordLogin extends EventEmitter<{ state: [PasswordLoginState] }> {
  private current: PasswordLoginState = { kind: 'idle' }
  private running = false
  /** Hands the user's captcha input to the waiting flow; set only while in `captcha`. */
  private deliver: ((input: CaptchaInput) => void) | undefined
  private readonly status: StatusName

  constructor(
    private readonly http: HttpClient,
    private readonly logger: Logger,
    opts: PasswordLoginOptions = {},
  ) {
    super()
    this.status = opts.status ?? 'online'
  }

  get state(): PasswordLoginState {
    return this.current
  }

  private set(state: PasswordLoginState): void {
    this.current = state
    this.emit('state', state)
  }

  /** Runs the whole login. Resolves with the session; rejects with an EngineError (state says why). */
  async run(opts: { qq: string; password: string; signal?: AbortSignal }): Promise<Session> {
    if (this.running) throw new EngineError('bad-input', 'a password login is already running')
    this.running = true
    try {
      return await this.flow(opts.qq, opts.password, opts.signal)
    } catch (err) {
      const error = isEngineError(err) ? err : new EngineError('network', (err as Error).message, { cause: err })
      const refusal = error.kind === 'protocol' && error.endpoint === 'login' ? refusalOf(String(error.retcode), error.reason ?? '') : undefined
      this.set(error.kind === 'cancelled' ? { kind: 'idle' } : { kind: 'failed', error, ...(refusal && { refusal }) })
      throw error
    } finally {
      this.running = false
      this.deliver = undefined
    }
  }

  /** The user's answer to the captcha on show. */
  submitCaptcha(text: string): void {
    const answer = text.trim()
    if (answer === '') throw new EngineError('bad-input', 'the captcha answer is empty')
    this.give({ kind: 'answer', text: answer })
  }

  /** Another picture instead of the one on show (unreadable). */
  refreshCaptcha(): void {
    this.give({ kind: 'refresh' })
  }

  private give(input: CaptchaInput): void {
    const deliver = this.deliver
    if (this.current.kind !== 'captcha' || !deliver) throw new EngineError('bad-input', 'no captcha is waiting for an answer')
    this.deliver = undefined
    deliver(input)
  }

  private async flow(qq: string, password: string, signal?: AbortSignal): Promise<Session> {
    if (!/^[1-9]\d{4,10}$/.test(qq)) throw new EngineError('bad-input', 'not a QQ number')
    if (password === '') throw new EngineError('bad-input', 'the password is empty')
    this.logger.addSecrets(password)
    const loginSig = await openLoginPage(this.http, this.logger, signal)
    const pageOpened = Date.now()

    for (let rejected = false; ; rejected = true) {
      this.set({ kind: 'checking' })
      const challenge = await this.http.call(check, { qq, loginSig }, { signal })
      this.logger.addSecrets(challenge.verifySession)
      const { vc, verifySession } = challenge.captcha
        ? await this.solveCaptcha(qq, challenge.code, rejected, signal)
        : { vc: challenge.code, verifySession: challenge.verifySession }

      this.set({ kind: 'logging-in' })
      // The form of the check answer says which encoding this service wants (§4.1, §4.3).
      const p = challenge.encoding === 'uin-salt' ? encodeUinSalt(password, challenge.salt, vc) : encodeRsaTea(password, challenge.salt, vc)
      this.logger.addSecrets(p)
      const answer = await this.http.call(
        login,
        {
          qq,
          p,
          verifycode: vc,
          fromCaptcha: challenge.captcha,
          verifySession,
          randSalt: challenge.randSalt,
          loginSig,
          elapsedMs: Date.now() - pageOpened,
        },
        { signal },
      )
      if (answer.code === '0') {
        this.set({ kind: 'confirming', nick: answer.nick })
        // A check_sig URL (a login of later years), or WebQQ 3's own page followed as given (§4.4).
        const session = isCheckSigUrl(answer.url)
          ? await establishSession(this.http, this.logger, { checkSigUrl: answer.url, nick: answer.nick, status: this.status, signal })
          : await establishWebqqSession(this.http, this.logger, { url: answer.url, nick: answer.nick, status: this.status, signal })
        this.set({ kind: 'online', session })
        return session
      }
      // A wrong captcha answer: check again (a captcha is used up either way) and show a new one.
      if (answer.code === '4' && challenge.captcha) continue
      throw new EngineError('protocol', `login: code ${answer.code}`, {
        endpoint: 'login',
        retcode: Number(answer.code) || -1,
        reason: answer.message,
      })
    }
  }

  /** Shows captcha pictures until the user answers one; its verifysession goes with the answer. */
  private async solveCaptcha(qq: string, capCd: string, rejected: boolean, signal?: AbortSignal): Promise<{ vc: string; verifySession: string }> {
    for (;;) {
      const image = await this.http.call(getimage, { qq, capCd }, { signal })
      const verifySession = await this.http.cookie('verifysession', PTLOGIN_URL)
      if (!verifySession) throw new EngineError('malformed', 'getimage set no verifysession cookie', { endpoint: 'getimage' })
      this.logger.addSecrets(verifySession)
      const input = this.nextInput(signal)
      this.set({ kind: 'captcha', image, rejected })
      const got = await input
      if (got.kind === 'answer') return { vc: got.text, verifySession }
      rejected = false
    }
  }

  private nextInput(signal?: AbortSignal): Promise<CaptchaInput> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(cancelled())
      const onAbort = () => {
        this.deliver = undefined
        reject(cancelled())
      }
      signal?.addEventListener('abort', onAbort, { once: true })
      this.deliver = (input) => {
        signal?.removeEventListener('abort', onAbort)
        resolve(input)
      }
    })
  }
}
