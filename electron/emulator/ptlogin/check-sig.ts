import { PROXY_PAGE_URL, oUin, parseOUin } from '../../smartqq/constants'
import { time33 } from '../../smartqq/hash'
import { formatJsCallback } from '../../smartqq/ptui'
import type { EmulatorCore } from '../core'
import { deletionCookie } from '../http/cookies'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { LoginSession } from '../state/logins'
import { checkSigUrl } from './qr'
import { loginPage, proxyPage, smartqqPage, tencentLoginServer403 } from './pages'

const THREE_YEARS_MS = 3 * 365 * 24 * 3600_000

export function checkSigRoutes(emu: EmulatorCore): Route[] {
  const html = (body: () => string) => (ctx: RequestContext) => {
    if (ctx.url.pathname.startsWith('/cgi-bin/')) ctx.setCookie({ name: 'pt_login_sig', value: cryptoSig(), domain: 'ptlogin2.qq.com' })
    ctx.text(body(), 'text/html; charset=utf-8')
  }
  return [
    { name: 'check_sig', family: 'check-sig', path: '/check_sig', methods: ['GET'], handler: (ctx) => checkSig(emu, ctx) },
    { name: 'pt4_auth', family: 'ptlogin', path: '/pt4_auth', methods: ['GET'], handler: (ctx) => pt4Auth(emu, ctx) },
    { name: 'login_page', family: 'ptlogin-ui', path: '/cgi-bin/login', methods: ['GET'], handler: html(loginPage) },
    { name: 'xlogin_page', family: 'ptlogin-ui', path: '/cgi-bin/xlogin', methods: ['GET'], handler: html(loginPage) },
    { name: 'proxy_page', family: ['w', 'web2', 's', 'd'], path: '/proxy.html', methods: ['GET'], handler: html(proxyPage) },
    { name: 'cfproxy_page', family: 'd', path: '/cfproxy.html', methods: ['GET'], handler: html(proxyPage) },
    // WebQQ 3's page, where a 2013 password login sent the browser (§4.4).
    { name: 'loginproxy_page', family: ['web2', 'w'], path: '/loginproxy.html', methods: ['GET'], handler: html(proxyPage) },
    // In 2018-06/07 the app lived at web2.qq.com (§1.1).
    { name: 'smartqq_page', family: ['w', 'web2'], path: '/', methods: ['GET', 'HEAD'], handler: html(smartqqPage) },
  ]
}

function cryptoSig(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString('base64url').slice(0, 64)
}

/** check_sig (§3.5, §9 item 14): single-use ticket → 302 with the web2 cookie set. */
function checkSig(emu: EmulatorCore, ctx: RequestContext): void {
  // 2016-09: an empty Referer header (not a missing one) got 403.
  if (emu.config.eraRules.checkSigRejectsEmptyReferer && ctx.hasHeader('referer') && ctx.header('referer') === '') {
    throw new HttpAnswer(403, tencentLoginServer403())
  }
  const login = emu.logins.redeem(ctx.query.get('ptsigx') ?? '')
  if (!login || ctx.query.get('uin') !== login.qq) {
    throw new HttpAnswer(403, tencentLoginServer403())
  }
  setWeb2Cookies(emu, ctx, login)
  const target = ctx.query.get('s_url') || PROXY_PAGE_URL
  ctx.redirect(target, { Server: 'Tencent Login Server/2.0.0', P3P: 'CP="CAO PSA OUR"' })
}

/** The qq.com login cookies: uin, skey, pt2gguin (§2.5). What a 2013 WebQQ login set itself (§4.4). */
export function setSkeyCookies(emu: EmulatorCore, ctx: RequestContext, login: LoginSession): void {
  const o = oUin(login.qq)
  ctx.setCookie({ name: 'uin', value: o, domain: 'qq.com' })
  ctx.setCookie({ name: 'skey', value: login.skey!, domain: 'qq.com' })
  ctx.setCookie({ name: 'pt2gguin', value: o, domain: 'qq.com', expires: new Date(emu.now() + THREE_YEARS_MS) })
}

/** The cookies check_sig sets (§3.5): fresh uin / skey on qq.com, the web2.qq.com trio, the parent-domain deletions. */
export function setWeb2Cookies(emu: EmulatorCore, ctx: RequestContext, login: LoginSession): void {
  const o = oUin(login.qq)
  setSkeyCookies(emu, ctx, login)
  ctx.setCookie({ name: 'p_skey', value: login.pSkey!, domain: 'web2.qq.com' })
  ctx.setCookie({ name: 'pt4_token', value: login.pt4Token!, domain: 'web2.qq.com' })
  ctx.setCookie(deletionCookie('p_uin', 'qq.com'))
  ctx.setCookie(deletionCookie('p_skey', 'qq.com'))
  ctx.setCookie(deletionCookie('pt4_token', 'qq.com'))
  ctx.setCookie({ name: 'p_uin', value: o, domain: 'web2.qq.com' })
}

/**
 * pt4_auth (§3.11, §9 item 15): the ptlogin cookies alone yield a new check_sig URL, so a
 * client can log in again without a scan while they are valid.
 */
function pt4Auth(emu: EmulatorCore, ctx: RequestContext): void {
  const answer = (code: string, url: string) =>
    ctx.text(formatJsCallback('ptui_auth_CB', [code, url], false), 'application/javascript; charset=utf-8')
  const supertoken = ctx.cookie('supertoken')
  const old = emu.logins.findBySupertoken(supertoken)
  const qq = parseOUin(ctx.cookie('superuin'))
  if (!old || !supertoken || qq !== old.qq || ctx.query.get('auth_token') !== String(time33(supertoken))) {
    return answer('1', '')
  }
  const login = emu.logins.renew(old)
  const ptsigx = emu.logins.issueTicket(login)
  answer('0', checkSigUrl(emu, login.qq, ptsigx, PROXY_PAGE_URL))
}
