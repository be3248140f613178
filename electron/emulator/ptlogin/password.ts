import { randomBytes, timingSafeEqual } from 'node:crypto'
import { PROXY_PAGE_URL } from '../../smartqq/constants'
import { encodeTripleMd5, encodeUinSalt, formatSalt, salt8 } from '../../smartqq/password'
import { formatJsCallback } from '../../smartqq/ptui'
import type { EmulatorCore } from '../core'
import type { RequestContext } from '../http/context'
import type { Route } from '../http/router'
import { controlRoute, jsonError } from '../phone/control-api'
import { hex, newSerial } from '../state/tokens'
import { captchaCode, captchaJpeg } from './captcha-image'
import { setSkeyCookies } from './check-sig'
import { checkSigUrl, newLogin, setPtloginCookies } from './qr'

/**
 * The legacy password login (§4): `check` says whether a captcha is needed and hands out the
 * verify code and the uin salt, `getimage` draws a captcha, `login` checks the encoded
 * password. Only era 2013 logs in this way; later eras answer login with the 2015-09-30
 * refusal (§8.6) and still answer check, which clients kept calling.
 */

/** WebQQ 3's ptlogin appid and the page its login sent the browser to (§1.1, §4.4). */
const WEBQQ_APPID = '1003903'
const WEBQQ_PROXY_URL = 'http://web2.qq.com/loginproxy.html?login2qq=1&webqq_type=10'

/** How long an unanswered check or captcha stays usable. */
const CHALLENGE_TTL_MS = 10 * 60_000
/** Wrong passwords in a row after which an account is locked for a while (code 8). */
const MAX_FAILURES = 5
const LOCK_MS = 15 * 60_000
/** Open checks and captchas kept at most (uins come from clients, so bound the memory). */
const MAX_OPEN = 10_000

const MESSAGES = {
  ok: '登录成功！',
  wrongPassword: '您输入的帐号或密码不正确，请重新输入。',
  wrongCode: '您输入的验证码不正确，请重新输入。',
  pageExpired: '页面过期，请重试。*',
  badParameters: () => `很遗憾，网络连接出现异常，请您稍后再试。(${newSerial()})`,
  // [U] §4.4 names code 8 ("too many logins") without its text; this is ptlogin's usual wording.
  tooMany: '您的操作过于频繁，请稍后再试。',
  // [U] §8.6 gives the text of the 2015-09-30 refusal, not its code; 1 is "busy, try later".
  removed: '登录失败，请稍后再试。',
}

/** What a check promised a uin: the verify code to expect, or a captcha. */
interface Challenge {
  /** The `!XYZ` code, when no captcha was asked for. */
  vc?: string
  issuedAt: number
}

interface Captcha {
  qq: string
  code: string
  issuedAt: number
}

interface Failures {
  count: number
  lockedUntil: number
}

/** The password login's server-side memory: open challenges, captchas, failure counts. */
class PasswordGate {
  private readonly challenges = new Map<string, Challenge>()
  private readonly captchas = new Map<string, Captcha>()
  private readonly failures = new Map<string, Failures>()

  constructor(private readonly emu: EmulatorCore) {}

  needsCaptcha(qq: string): boolean {
    const policy = this.emu.config.captcha
    return policy === 'always' || (policy === 'after-failure' && (this.failures.get(qq)?.count ?? 0) > 0)
  }

  /** Opens a challenge for a uin; returns the verify code, or undefined when a captcha is due. */
  challenge(qq: string): string | undefined {
    const now = this.emu.now()
    this.prune(now)
    const vc = this.needsCaptcha(qq) ? undefined : '!' + captchaCode(3)
    this.challenges.delete(qq)
    this.challenges.set(qq, vc === undefined ? { issuedAt: now } : { vc, issuedAt: now })
    return vc
  }

  openChallenge(qq: string): Challenge | undefined {
    const c = this.challenges.get(qq)
    return c && this.emu.now() - c.issuedAt < CHALLENGE_TTL_MS ? c : undefined
  }

  closeChallenge(qq: string): void {
    this.challenges.delete(qq)
  }

  /** A new captcha for a uin: its verifysession and its letters. */
  newCaptcha(qq: string): { session: string; code: string } {
    const now = this.emu.now()
    this.prune(now)
    const session = hex(40)
    const code = captchaCode()
    this.captchas.set(session, { qq, code, issuedAt: now })
    return { session, code }
  }

  /**
   * A captcha for the control API, by its verifysession or the newest for a uin; reading it
   * does not use it up.
   */
  findCaptcha(by: { session?: string; qq?: string }): (Captcha & { session: string }) | undefined {
    if (by.session) {
      const c = this.captchas.get(by.session)
      return c && { ...c, session: by.session }
    }
    let latest: (Captcha & { session: string }) | undefined
    for (const [session, c] of this.captchas) if (c.qq === by.qq) latest = { ...c, session }
    return latest
  }

  /** Redeems a captcha: single use, right or wrong (a wrong answer needs a new picture). */
  redeemCaptcha(session: string, qq: string, answer: string): boolean {
    const c = this.captchas.get(session)
    this.captchas.delete(session)
    return !!c && c.qq === qq && this.emu.now() - c.issuedAt < CHALLENGE_TTL_MS && c.code === answer.toUpperCase()
  }

  isLocked(qq: string): boolean {
    return (this.failures.get(qq)?.lockedUntil ?? 0) > this.emu.now()
  }

  recordFailure(qq: string): void {
    const f = this.failures.get(qq) ?? { count: 0, lockedUntil: 0 }
    f.count++
    if (f.count % MAX_FAILURES === 0) f.lockedUntil = this.emu.now() + LOCK_MS
    this.failures.set(qq, f)
  }

  recordSuccess(qq: string): void {
    this.failures.delete(qq)
  }

  /** Forgets stale entries; the maps are in issue order, so the oldest go first past the cap. */
  private prune(now: number): void {
    for (const map of [this.challenges, this.captchas]) {
      for (const [key, c] of map) if (now - c.issuedAt >= CHALLENGE_TTL_MS || map.size > MAX_OPEN) map.delete(key)
    }
  }
}

export function passwordRoutes(emu: EmulatorCore): Route[] {
  const gate = new PasswordGate(emu)
  return [
    { name: 'check', family: 'ptlogin', path: '/check', methods: ['GET'], handler: (ctx) => check(emu, gate, ctx) },
    { name: 'getimage', family: 'captcha', path: '/getimage', methods: ['GET'], handler: (ctx) => getimage(gate, ctx) },
    { name: 'login', family: 'ptlogin', path: '/login', methods: ['GET'], handler: (ctx) => login(emu, gate, ctx) },
    controlRoute('captcha', ['GET'], (ctx) => captchaAnswer(gate, ctx)),
  ]
}

const javascript = (ctx: RequestContext, body: string) => ctx.text(body + '\r\n', 'application/javascript; charset=utf-8')

/** The salt of a uin; a uin that is no number (an e-mail address) gets zeros. */
function saltOf(uin: string): Buffer {
  try {
    return salt8(uin)
  } catch {
    return Buffer.alloc(8)
  }
}

/**
 * check (§4.1). The 3-argument answer is the 2013 form; from 2014 (after the only era with a
 * password login) the answer had 5 arguments and asked for the RSA+TEA encoding. Written by
 * hand, not with formatJsCallback: the salt carries literal `\xHH` escapes, which its quoting
 * would double, and no argument can contain a quote.
 */
function check(emu: EmulatorCore, gate: PasswordGate, ctx: RequestContext): void {
  const uin = ctx.query.get('uin') ?? ''
  const vc = gate.challenge(uin)
  const head = vc === undefined ? ['1', randomBytes(24).toString('base64url')] : ['0', vc]
  const args = [...head, formatSalt(saltOf(uin))]
  if (!emu.config.eraRules.passwordLogin) args.push(vc === undefined ? '' : hex(32), '0')
  javascript(ctx, `ptui_checkVC(${args.map((a) => `'${a}'`).join(',')});`)
}

/** getimage (§4.2): a fresh captcha bound to the uin, named by the verifysession cookie. */
function getimage(gate: PasswordGate, ctx: RequestContext): void {
  const { session, code } = gate.newCaptcha(ctx.query.get('uin') ?? '')
  ctx.setCookie({ name: 'verifysession', value: session, domain: 'qq.com' })
  ctx.bytes(captchaJpeg(code), 'image/jpeg')
}

/** Whether `p` is the stored password under encoding B or A (§4.3) for this verify code. */
function passwordMatches(p: string, password: string, qq: string, vc: string): boolean {
  const given = Buffer.from(p.toUpperCase(), 'latin1')
  return [encodeUinSalt(password, salt8(qq), vc), encodeTripleMd5(password, vc)].some((expected) => {
    const e = Buffer.from(expected, 'latin1')
    return e.length === given.length && timingSafeEqual(e, given)
  })
}

/** login (§4.4): ptuiCB with the result code; on 0, the same login as a confirmed QR code. */
function login(emu: EmulatorCore, gate: PasswordGate, ctx: RequestContext): void {
  const answer = (code: string, message: string, url = '', nick = '', x = '0') =>
    javascript(ctx, formatJsCallback('ptuiCB', [code, x, url, '0', message, nick]))
  if (!emu.config.eraRules.passwordLogin) return answer('1', MESSAGES.removed)

  const qq = ctx.query.get('u') ?? ''
  const p = ctx.query.get('p') ?? ''
  const vc = (ctx.query.get('verifycode') ?? '').toUpperCase()
  if (!/^[1-9]\d{4,10}$/.test(qq) || !/^[0-9A-Fa-f]{32}$/.test(p) || vc === '') return answer('7', MESSAGES.badParameters())
  if (gate.isLocked(qq)) return answer('8', MESSAGES.tooMany)

  const challenge = gate.openChallenge(qq)
  if (!challenge) return answer('4', MESSAGES.pageExpired, '', '', '2')
  if (challenge.vc === undefined) {
    // A captcha was asked for: the answer must be the one drawn for the session the client holds.
    const session = ctx.query.get('pt_verifysession_v1') || ctx.cookie('verifysession') || ''
    if (!gate.redeemCaptcha(session, qq, vc)) return answer('4', MESSAGES.wrongCode)
  } else if (vc !== challenge.vc.toUpperCase()) {
    gate.closeChallenge(qq)
    return answer('4', MESSAGES.wrongCode)
  }
  gate.closeChallenge(qq)

  const account = emu.accounts.get(qq)
  const password = emu.accounts.password(qq)
  if (!account || password === undefined || !passwordMatches(p, password, qq, vc)) {
    if (account) gate.recordFailure(qq)
    return answer('3', MESSAGES.wrongPassword)
  }
  gate.recordSuccess(qq)
  const session = newLogin(emu, qq)
  const ptsigx = emu.logins.issueTicket(session)
  setPtloginCookies(ctx, qq, account.nick, session)
  if (ctx.query.get('aid') === WEBQQ_APPID) {
    // WebQQ 3 (appid 1003903, seed notes 001/004): login set the qq.com cookies itself (no
    // web2.qq.com ones: a ptlogin2 host cannot set them; 2013's APIs took uin + skey), and arg 3
    // is the page u1 named (web2.qq.com/loginproxy.html), not a check_sig URL (§4.4).
    emu.logins.redeem(ptsigx)
    setSkeyCookies(emu, ctx, session)
    return answer('0', MESSAGES.ok, ctx.query.get('u1') || WEBQQ_PROXY_URL, account.nick)
  }
  const url = new URL(checkSigUrl(emu, qq, ptsigx, ctx.query.get('u1') ?? PROXY_PAGE_URL))
  url.searchParams.set('service', 'login')
  answer('0', MESSAGES.ok, url.href, account.nick)
}

/** Control API: the answer to a captcha, by verifysession or (newest) by QQ number — tests cannot OCR. */
function captchaAnswer(gate: PasswordGate, ctx: RequestContext): void {
  const found = gate.findCaptcha({ session: ctx.query.get('session') ?? undefined, qq: ctx.query.get('qq') ?? undefined })
  if (!found) throw jsonError(404, 'no such captcha')
  ctx.json({ session: found.session, qq: found.qq, code: found.code, issuedAt: found.issuedAt })
}
