import { z } from 'zod'
import { CGI, CLIENT_ID, DAID, LOGIN_PAGE_URL, PROXY_PAGE_URL, SMARTQQ_APPID } from '../../smartqq/constants'
import type { StatusName } from '../../smartqq/status'
import { EngineError } from '../errors'
import { envelope, idSchema, imageBody, jsCallback } from '../http/decode'
import type { Endpoint, HttpResponse } from '../http/endpoint'
import { isQqHost } from '../http/profile'

/** The login endpoints (§3): ptlogin's QR flow, check_sig, getvfwebqq, login2, pt4_auth. */

export const loginPage: Endpoint<void, void> = {
  name: 'login_page',
  method: 'GET',
  url: LOGIN_PAGE_URL,
  referer: 'http://w.qq.com/',
  decode: () => undefined,
}

/**
 * A CGI host's proxy page (§2.2, CGI in constants): the hidden iframe the official page called
 * that host from, loaded by the page itself. Its content does not matter to this client.
 */
export function proxyPage(url: string): Endpoint<void, void> {
  return { name: 'proxy_page', method: 'GET', url, referer: 'http://w.qq.com/', maxBytes: 64 * 1024, decode: () => undefined }
}

export const ptqrshow: Endpoint<void, Buffer> = {
  name: 'ptqrshow',
  method: 'GET',
  url: 'https://ssl.ptlogin2.qq.com/ptqrshow',
  referer: LOGIN_PAGE_URL,
  query: () => ({ appid: SMARTQQ_APPID, e: 2, l: 'M', s: 4, d: 72, v: 4, t: Math.random(), daid: DAID, pt_3rd_aid: 0 }),
  retries: 2,
  decode: imageBody('ptqrshow', ['png']),
}

export interface PtqrloginParams {
  ptqrtoken: number
  loginSig: string
  /** Milliseconds since the login page was opened (the `action` parameter). */
  elapsedMs: number
}

export interface PtuiAnswer {
  code: string
  url: string
  message: string
  nick: string
}

export function ptui(args: string[]): PtuiAnswer {
  return { code: args[0]!, url: args[2] ?? '', message: args[4] ?? '', nick: args[5] ?? '' }
}

/** The query fields ptqrlogin (§3.4) and the password login (§4.4) share. */
export const PTLOGIN_QUERY = {
  webqq_type: 10,
  remember_uin: 1,
  login2qq: 1,
  aid: SMARTQQ_APPID,
  ptredirect: 0,
  ptlang: 2052,
  daid: DAID,
  from_ui: 1,
  pttype: 1,
  dumy: '',
  fp: 'loginerroralert',
  mibao_css: 'm_webqq',
  g: 1,
  js_type: 0,
} as const

export const ptqrlogin: Endpoint<PtqrloginParams, PtuiAnswer> = {
  name: 'ptqrlogin',
  method: 'GET',
  url: 'https://ssl.ptlogin2.qq.com/ptqrlogin',
  referer: LOGIN_PAGE_URL,
  query: (p) => ({
    ptqrtoken: p.ptqrtoken,
    ...PTLOGIN_QUERY,
    u1: PROXY_PAGE_URL,
    action: `0-0-${Math.max(0, Math.round(p.elapsedMs))}`,
    t: 'undefined',
    js_ver: 10233,
    login_sig: p.loginSig,
    pt_randsalt: 2,
  }),
  decode: (res) => ptui(jsCallback('ptqrlogin', 'ptuiCB', 5)(res)),
}

/**
 * A qq.com ptlogin host (`ptlogin4.web2.qq.com`, `ptlogin2.web2.qq.com`, `ssl.ptlogin2.qq.com`):
 * one label `ptlogin<digits>`, under qq.com.
 */
const PTLOGIN_HOST = /^(?:[a-z0-9-]+\.)*ptlogin\d*\.(?:[a-z0-9-]+\.)*qq\.com$/

/**
 * The check_sig URL ptqrlogin, login or pt4_auth handed out (§3.4, §3.5), if it is one to follow:
 * http or https, a ptlogin host of qq.com on the default port, path /check_sig. The service
 * moved it between hosts and schemes over the years (ptlogin4 / ptlogin2, http / https), so it
 * is taken as given, never rebuilt on a fixed host.
 */
export function checkSigTarget(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new EngineError('malformed', 'check_sig URL is not a URL', { endpoint: 'check_sig' })
  }
  const ok =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    PTLOGIN_HOST.test(url.hostname) &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    url.pathname === '/check_sig'
  if (!ok) throw new EngineError('malformed', 'check_sig URL points somewhere unexpected', { endpoint: 'check_sig' })
  return url
}

/**
 * check_sig (§3.5) at the URL as handed out (checkSigTarget): no Referer header at all (an empty
 * one drew 403 from 2016-09), and the 302 is not followed — its Set-Cookie lines are the point.
 */
export function checkSig(raw: string): Endpoint<void, void> {
  return {
    name: 'check_sig',
    method: 'GET',
    url: checkSigTarget(raw).href,
    referer: null,
    maxBytes: 64 * 1024,
    decode(res: HttpResponse) {
      if (res.status !== 302 && res.status !== 200) {
        throw new EngineError('http', `check_sig: HTTP ${res.status}`, { endpoint: 'check_sig', status: res.status })
      }
    },
  }
}

/**
 * The page a 2013 password login sent the browser to instead of check_sig
 * (`http://web2.qq.com/loginproxy.html?…`, §4.4), followed as given: http(s) on qq.com, the
 * default port, no credentials in it. Not redirected further; the login already set the cookies.
 */
export function loginProxy(raw: string, referer: string): Endpoint<void, void> {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new EngineError('malformed', 'login: the success URL is not a URL', { endpoint: 'login' })
  }
  const ok = (url.protocol === 'http:' || url.protocol === 'https:') && isQqHost(url.hostname) && url.port === '' && url.username === '' && url.password === ''
  if (!ok) throw new EngineError('malformed', 'login: the success URL points somewhere unexpected', { endpoint: 'login' })
  return {
    name: 'login_proxy',
    method: 'GET',
    url: url.href,
    referer,
    maxBytes: 64 * 1024,
    decode(res: HttpResponse) {
      if (res.status >= 400) throw new EngineError('http', `login_proxy: HTTP ${res.status}`, { endpoint: 'login_proxy', status: res.status })
    },
  }
}

export const getvfwebqq: Endpoint<{ ptwebqq: string }, string> = {
  name: 'getvfwebqq',
  method: 'GET',
  url: `${CGI.s.origin}/api/getvfwebqq`,
  referer: CGI.s.referer,
  query: (p) => ({ ptwebqq: p.ptwebqq, clientid: CLIENT_ID, psessionid: '', t: Date.now() }),
  // A flaky node answered 404 in 2017-07; clients retried (§3.6).
  retries: 3,
  decode: (res) => envelope('getvfwebqq', z.object({ vfwebqq: z.string().regex(/^[0-9a-f]+$/i) }))(res).vfwebqq,
}

const login2Result = z.object({
  uin: idSchema,
  psessionid: z.string().min(1),
  status: z.string(),
  index: z.number().optional(),
  port: z.number().optional(),
})
export type Login2Result = z.infer<typeof login2Result>

export const login2: Endpoint<{ ptwebqq: string; status: StatusName }, Login2Result> = {
  name: 'login2',
  method: 'POST',
  url: `${CGI.d1.origin}/channel/login2`,
  referer: CGI.d1.referer,
  origin: CGI.d1.origin,
  form: (p) => ({ ptwebqq: p.ptwebqq, clientid: CLIENT_ID, psessionid: '', status: p.status }),
  decode: envelope('login2', login2Result),
}

/**
 * WebQQ 3's login2 (2013, §4.4, seed note 001): on d.web2 with its own proxy page, the client's
 * random clientid as a string, `passwd_sig` and `psessionid: null`; its vfwebqq was the one used.
 */
export const login2Webqq: Endpoint<{ ptwebqq: string; status: StatusName; clientid: number }, Login2Result & { vfwebqq: string }> = {
  name: 'login2',
  method: 'POST',
  url: 'http://d.web2.qq.com/channel/login2',
  referer: 'http://d.web2.qq.com/proxy.html?v=20110331002&callback=1&id=2',
  origin: 'http://d.web2.qq.com',
  form: (p) => ({ status: p.status, ptwebqq: p.ptwebqq, passwd_sig: '', clientid: String(p.clientid), psessionid: null }),
  decode: envelope('login2', login2Result.extend({ vfwebqq: z.string().regex(/^[0-9a-f]+$/i) })),
}

/** Relink (§8.2): login2 with the current psessionid; note `state`, not `status`. */
export const relink: Endpoint<{ ptwebqq: string; psessionid: string; status: StatusName }, Login2Result> = {
  name: 'relink',
  method: 'POST',
  url: `${CGI.d1.origin}/channel/login2`,
  referer: CGI.d1.referer,
  origin: CGI.d1.origin,
  form: (p) => ({ ptwebqq: p.ptwebqq, clientid: CLIENT_ID, psessionid: p.psessionid, key: '', state: p.status }),
  decode: envelope('relink', login2Result),
}

/** pt4_auth (§3.11): the ptlogin cookies buy a new check_sig URL without a scan. */
export const pt4Auth: Endpoint<{ authToken: number }, { code: string; url: string }> = {
  name: 'pt4_auth',
  method: 'GET',
  url: 'https://ssl.ptlogin2.qq.com/pt4_auth',
  referer: LOGIN_PAGE_URL,
  query: (p) => ({ daid: DAID, appid: SMARTQQ_APPID, auth_token: p.authToken }),
  decode: (res) => {
    const [code, url] = jsCallback('pt4_auth', 'ptui_auth_CB', 1)(res)
    return { code: code!, url: url ?? '' }
  },
}
