import { parseOUin } from '../../smartqq/constants'
import type { EmulatorCore } from '../core'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { ChannelSession } from '../state/channels'
import type { LoginSession } from '../state/logins'

/** A JSON retcode answer, thrown by guards and handlers alike. */
export function retcode(code: number, extra: Record<string, unknown> = {}): HttpAnswer {
  return new HttpAnswer(200, JSON.stringify({ retcode: code, ...extra }), 'application/json; charset=utf-8')
}

/** The two CGI families: the static one (s.web2.qq.com) and the dynamic one (d1.web2.qq.com). */
export type Cgi = 's' | 'd'

/** The error each CGI gave for a dead login (§9 item 4). */
export const loginInvalid = (cgi: Cgi): HttpAnswer => (cgi === 's' ? retcode(100000) : retcode(103, { errmsg: '' }))

/**
 * Referer check (§2.2, §9 item 6): presence plus host family, never the exact string. Only in
 * strict mode; third-party clients get the lenient default of the real service's early years.
 */
export function checkReferer(emu: EmulatorCore, ctx: RequestContext): void {
  if (!emu.config.strict) return
  const host = hostOf(ctx.header('referer'))
  if (!(host === 'web2.qq.com' || host.endsWith('.web2.qq.com') || host === 'w.qq.com')) throw retcode(100001)
}

function hostOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : ''
  } catch {
    return ''
  }
}

/**
 * The login the request's cookies prove: uin + skey on qq.com and p_skey on web2.qq.com (§3.5).
 * A host outside web2.qq.com (w.qq.com's path proxy, §7.1) gets no p_skey from a cookie jar:
 * there uin + skey prove it (`pSkey: false`).
 */
export function loginFromCookies(emu: EmulatorCore, ctx: RequestContext, opts: { pSkey?: boolean } = {}): LoginSession | undefined {
  for (const skey of ctx.cookieValues('skey')) {
    const login = emu.logins.findBySkey(skey)
    if (!login) continue
    const uinOk = ctx.cookieValues('uin').some((v) => parseOUin(v) === login.qq)
    const pSkeyOk = opts.pSkey === false || ctx.cookieValues('p_skey').includes(login.pSkey ?? '\0')
    if (uinOk && pSkeyOk) return login
  }
  return undefined
}

export function requireLogin(emu: EmulatorCore, ctx: RequestContext, cgi: Cgi, opts: { pSkey?: boolean } = {}): LoginSession {
  let login = loginFromCookies(emu, ctx, emu.config.eraRules.pSkeyRequired ? opts : { pSkey: false })
  // Looking the account's channel up applies its TTL, which ends the login's cookies too.
  if (login) emu.channels.live(login.qq)
  if (login?.endedAt !== undefined) login = undefined
  if (!login) throw loginInvalid(cgi)
  return login
}

/**
 * The vfwebqq a call carries must be the session's (§9 item 22). Strict mode accepts only
 * getvfwebqq's value; lenient mode (and 2013, when clients used it, §4.4) also the one login2 returned.
 */
export function vfwebqqMatches(emu: EmulatorCore, login: LoginSession, channel: ChannelSession | undefined, vf: unknown): boolean {
  if (typeof vf !== 'string' || vf === '') return false
  if (vf === login.vfwebqq) return true
  return (!emu.config.strict || emu.config.eraRules.login2VfwebqqValid) && channel?.login2Vfwebqq === vf
}

/**
 * A live channel session for a d1 call: psessionid known and alive, owned by the cookie login,
 * same clientid as at login2 (§9 item 22). Strict mode also requires the session to be
 * attached (get_online_buddies2 called, §8.3).
 */
export function requireChannel(
  emu: EmulatorCore,
  login: LoginSession,
  params: { psessionid?: unknown; clientid?: unknown },
  opts: { needsAttach?: boolean } = {},
): ChannelSession {
  const channel = emu.channels.find(typeof params.psessionid === 'string' ? params.psessionid : undefined)
  if (!channel || channel.ended || channel.login !== login) throw loginInvalid('d')
  if (params.clientid !== undefined && String(params.clientid) !== channel.clientid) throw loginInvalid('d')
  if (opts.needsAttach && emu.config.strict && !channel.attached) throw loginInvalid('d')
  return channel
}
