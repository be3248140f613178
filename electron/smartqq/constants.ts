/** Constants of the SmartQQ web protocol (SMARTQQ-PROTOCOL §0–3). */

export const SMARTQQ_APPID = 501004106
/** ptlogin's id for web2.qq.com: the site check_sig sets cookies for (§1.1, §1.2). */
export const DAID = 164
/** SmartQQ's constant clientid (§0). */
export const CLIENT_ID = 53999199

/** The SmartQQ page's proxy.html, where a finished ptlogin sends the browser (s_url, §3.5). */
export const PROXY_PAGE = 'http://w.qq.com/proxy.html'
/** Where check_sig redirects (§3.5) and what ptqrlogin's u1 names. */
export const PROXY_PAGE_URL = `${PROXY_PAGE}?login2qq=1&webqq_type=10`

/** The login page the official client framed; it is the Referer of ptqrshow / ptqrlogin (§3.1). */
export const LOGIN_PAGE_URL =
  `https://ui.ptlogin2.qq.com/cgi-bin/login?daid=${DAID}&target=self&style=16&mibao_css=m_webqq&appid=${SMARTQQ_APPID}` +
  `&enable_qlogin=0&no_verifyimg=1&s_url=${encodeURIComponent(PROXY_PAGE)}&f_url=loginerroralert` +
  '&strong_login=1&login_state=10&t=20131024001'

/**
 * The CGI hosts, each with the Referer and Origin its requests carry (§2.2): the official page
 * called them from a hidden proxy iframe, so the Referer is that iframe's URL, and POSTs add the
 * host as Origin. s.web2 is called over HTTPS (plain HTTP stopped working in 2018-12, §1.3); on
 * d1 the poll and the sends go through the HTTPS cfproxy page, the other channel calls over HTTP.
 */
export const CGI = {
  s: { origin: 'https://s.web2.qq.com', referer: 'https://s.web2.qq.com/proxy.html?v=20130916001&callback=1&id=1' },
  d1: { origin: 'http://d1.web2.qq.com', referer: 'http://d1.web2.qq.com/proxy.html?v=20151105001&callback=1&id=2' },
  d1Https: { origin: 'https://d1.web2.qq.com', referer: 'https://d1.web2.qq.com/cfproxy.html?v=20151105001&callback=1' },
} as const

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
