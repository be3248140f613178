/** Constants of the SmartQQ web protocol (SMARTQQ-PROTOCOL §0–3). */

export const SMARTQQ_APPID = 501004106
export const DAID = 164
/** SmartQQ's constant clientid (§0). */
export const CLIENT_ID = 53999199

export const HOSTS = {
  ptloginUi: 'ui.ptlogin2.qq.com',
  ptloginXui: 'xui.ptlogin2.qq.com',
  ptlogin: 'ssl.ptlogin2.qq.com',
  captcha: 'ssl.captcha.qq.com',
  checkSig: 'ptlogin4.web2.qq.com',
  web: 'w.qq.com',
  web2: 'web2.qq.com',
  s: 's.web2.qq.com',
  d1: 'd1.web2.qq.com',
  d: 'd.web2.qq.com',
  file: 'file1.web.qq.com',
} as const

/** The login page the official client framed; it is the Referer of ptqrshow / ptqrlogin (§3.1). */
export const LOGIN_PAGE_URL =
  'https://ui.ptlogin2.qq.com/cgi-bin/login?daid=164&target=self&style=16&mibao_css=m_webqq&appid=501004106' +
  '&enable_qlogin=0&no_verifyimg=1&s_url=http%3A%2F%2Fw.qq.com%2Fproxy.html&f_url=loginerroralert' +
  '&strong_login=1&login_state=10&t=20131024001'

/** The proxy pages whose URLs every CGI request carries as Referer (§2.2). */
export const S_REFERER = 'http://s.web2.qq.com/proxy.html?v=20130916001&callback=1&id=1'
export const D_REFERER = 'http://d1.web2.qq.com/proxy.html?v=20151105001&callback=1&id=2'
export const D_HTTPS_REFERER = 'https://d1.web2.qq.com/cfproxy.html?v=20151105001&callback=1'

/** Where check_sig redirects (§3.5) and what ptqrlogin's u1 names. */
export const PROXY_PAGE_URL = 'http://w.qq.com/proxy.html?login2qq=1&webqq_type=10'

/** ptlogin cookie values put the QQ number as `o` + 10 zero-padded digits (§2.5). */
export function oUin(qq: string | number): string {
  return 'o' + String(qq).padStart(10, '0')
}

/** Inverse of `oUin`: `o0123456789` → `123456789`; undefined when it is not of that form. */
export function parseOUin(value: string | undefined): string | undefined {
  const m = /^o0*(\d+)$/.exec(value ?? '')
  return m ? m[1] : undefined
}

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36'
