import { DAID } from '../../smartqq/constants'
import { parseSalt } from '../../smartqq/password'
import { EngineError } from '../errors'
import { imageBody, jsCallback } from '../http/decode'
import type { Endpoint } from '../http/endpoint'
import { PTLOGIN_QUERY, ptui, type PtuiAnswer } from './login-endpoints'

/**
 * The legacy password login endpoints (§4): check, the captcha image, login — as WebQQ 3 sent
 * them (seed notes 001 and 004): appid 1003903, web2.qq.com's loginproxy page as u1, its login
 * page as Referer. Password login lived on web2.qq.com; SmartQQ (501004106) was QR only.
 */
export const WEBQQ_APPID = 1003903
/** WebQQ 3's page a login ends on (u1). */
const WEBQQ_PROXY = 'http://web2.qq.com/loginproxy.html'
export const WEBQQ_PROXY_URL = `${WEBQQ_PROXY}?login2qq=1&webqq_type=10`
/** WebQQ 3's ptlogin page (seed note 001), the Referer of check, getimage, login and what login sends the browser to. */
export const WEBQQ_LOGIN_PAGE_URL =
  `https://ui.ptlogin2.qq.com/cgi-bin/login?daid=${DAID}&target=self&style=5&mibao_css=m_webqq&appid=${WEBQQ_APPID}&enable_qlogin=0` +
  `&no_verifyimg=1&s_url=${encodeURIComponent(WEBQQ_PROXY)}&f_url=loginerroralert&strong_login=1&login_state=10&t=20130903001`

export interface CheckAnswer {
  /** A captcha must be solved first; `code` is then its cap_cd for getimage. */
  captcha: boolean
  /** The verify code to send back (no captcha) or the captcha's cap_cd. */
  code: string
  /** The uin salt (8 bytes). */
  salt: Buffer
  /**
   * How `p` must be encoded: the 3-argument answer of ≈2013 wants the uin-salt MD5 (§4.3 B),
   * the 5-argument answer of 2014 on the RSA+TEA one (C).
   */
  encoding: 'uin-salt' | 'rsa-tea'
  /** Arg 4, sent back as pt_verifysession_v1 (5-argument form only). */
  verifySession: string
  /** Arg 5, sent back as pt_randsalt. */
  randSalt: string
}

export const check: Endpoint<{ qq: string; loginSig: string }, CheckAnswer> = {
  name: 'check',
  method: 'GET',
  url: 'https://ssl.ptlogin2.qq.com/check',
  referer: WEBQQ_LOGIN_PAGE_URL,
  query: (p) => ({
    pt_tea: 1,
    uin: p.qq,
    appid: WEBQQ_APPID,
    js_ver: 10120,
    js_type: 0,
    login_sig: p.loginSig,
    u1: WEBQQ_PROXY,
    r: Math.random(),
  }),
  retries: 2,
  decode(res) {
    const args = jsCallback('check', 'ptui_checkVC', 3)(res)
    const [flag, code, saltText] = args as [string, string, string]
    if (flag !== '0' && flag !== '1') throw new EngineError('malformed', `check: unknown answer ${flag}`, { endpoint: 'check' })
    let salt: Buffer
    try {
      salt = parseSalt(saltText)
    } catch {
      throw new EngineError('malformed', 'check: the salt is not 8 bytes', { endpoint: 'check' })
    }
    return {
      captcha: flag === '1',
      code,
      salt,
      encoding: args.length >= 5 ? 'rsa-tea' : 'uin-salt',
      verifySession: args[3] ?? '',
      randSalt: args[4] ?? '0',
    }
  },
}

/** getimage (§4.2): the captcha picture (a JPEG from the real service); it sets `verifysession`. */
export const getimage: Endpoint<{ qq: string; capCd: string }, Buffer> = {
  name: 'getimage',
  method: 'GET',
  url: 'https://ssl.captcha.qq.com/getimage',
  referer: WEBQQ_LOGIN_PAGE_URL,
  query: (p) => ({ aid: WEBQQ_APPID, r: Math.random(), uin: p.qq, cap_cd: p.capCd }),
  retries: 2,
  decode: imageBody('getimage', ['png', 'jpeg']),
}

export interface LoginParams {
  qq: string
  /** The encoded password (§4.3). */
  p: string
  verifycode: string
  /** The user typed `verifycode` from a captcha. */
  fromCaptcha: boolean
  verifySession: string
  randSalt: string
  loginSig: string
  /** Milliseconds since the login page was opened (the `action` parameter). */
  elapsedMs: number
}

/** login (§4.4). Not retried: every attempt uses up the check and counts against the account. */
export const login: Endpoint<LoginParams, PtuiAnswer> = {
  name: 'login',
  method: 'GET',
  url: 'https://ssl.ptlogin2.qq.com/login',
  referer: WEBQQ_LOGIN_PAGE_URL,
  query: (p) => ({
    u: p.qq,
    p: p.p,
    verifycode: p.verifycode,
    ...PTLOGIN_QUERY,
    aid: WEBQQ_APPID,
    u1: WEBQQ_PROXY_URL,
    h: 1,
    action: `0-23-${Math.max(0, Math.round(p.elapsedMs))}`,
    t: 1,
    js_ver: 10120,
    login_sig: p.loginSig,
    pt_randsalt: p.randSalt,
    pt_vcode_v1: p.fromCaptcha ? 1 : 0,
    pt_verifysession_v1: p.verifySession,
  }),
  decode: (res) => ptui(jsCallback('login', 'ptuiCB', 5)(res)),
}
