import got, { type Got, type Response } from 'got'
import { CookieJar } from 'tough-cookie'
import { expect } from 'vitest'
import { decodeQr, type Phone, type TestEmulator } from './emulator'

/**
 * A third-party SmartQQ client of 2017–2018 as the tests play it (issue 12): not our engine, a
 * plain got + tough-cookie client written the way those were — it sends back whatever the
 * service gave it, with their URLs, Referers and bodies. One family read ptwebqq from the jar
 * right after ptqrlogin (Mojo-Webqq), the other after check_sig (pandolia/qqbot, the seed notes'
 * step 3).
 */

export const LOGIN_PAGE =
  'https://xui.ptlogin2.qq.com/cgi-bin/xlogin?daid=164&target=self&style=40&pt_disable_pwd=1&mibao_css=m_webqq&appid=501004106&enable_qlogin=0&no_verifyimg=1&s_url=http%3A%2F%2Fw.qq.com%2Fproxy.html&f_url=loginerroralert&strong_login=1&login_state=10&t=20131024001'
export const S_REFERER = 'http://s.web2.qq.com/proxy.html?v=20130916001&callback=1&id=1'
export const D_REFERER = 'http://d1.web2.qq.com/proxy.html?v=20151105001&callback=1&id=2'
export const D_HTTPS_REFERER = 'https://d1.web2.qq.com/cfproxy.html?v=20151105001&callback=1'
export const CLIENT_ID = 53999199
export const FONT = ['font', { name: '宋体', size: 10, style: [0, 0, 0], color: '000000' }]

/** ptqrtoken, as every client carried its own copy (§3.3). */
function hash33(s: string): number {
  let e = 0
  for (let i = 0; i < s.length; i++) e = (e * 33 + s.charCodeAt(i)) % 2 ** 32
  return e & 0x7fffffff
}

/** The proxy page a d1 request came from (§2.2): http's proxy.html, https's cfproxy.html. */
export function d1Headers(scheme: 'http' | 'https'): { referer: string; origin: string } {
  return { referer: scheme === 'https' ? D_HTTPS_REFERER : D_REFERER, origin: `${scheme}://d1.web2.qq.com` }
}

export type Moment = 'after-ptqrlogin' | 'after-check_sig'

/**
 * A client that reaches the real host names through a hosts mapping (every name is 127.0.0.1,
 * http on the emulator's port, https on its https port) and keeps one cookie jar.
 */
export class EchoClient {
  readonly jar = new CookieJar()
  private readonly http: Got
  ptwebqq = ''
  vfwebqq = ''
  psessionid = ''
  uin = ''
  checkSigUrl = ''

  constructor(private readonly emu: TestEmulator) {
    this.http = got.extend({
      cookieJar: this.jar,
      followRedirect: false,
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: 10_000 },
      https: { certificateAuthority: emu.caCert },
      dnsLookup: ((_host: string, opts: unknown, cb?: (...a: unknown[]) => void) => {
        const done = (typeof opts === 'function' ? opts : cb)!
        if (typeof opts === 'object' && opts && (opts as { all?: boolean }).all) done(null, [{ address: '127.0.0.1', family: 4 }])
        else done(null, '127.0.0.1', 4)
      }) as never,
      headers: { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/53.0.2774.3 Safari/537.36' },
    })
  }

  /** A request to a real URL, sent to the emulator's port for its scheme. */
  request(method: 'GET' | 'POST', url: string, opts: { headers?: Record<string, string>; r?: unknown } = {}): Promise<Response<string>> {
    const u = new URL(url)
    u.port = String(u.protocol === 'https:' ? this.emu.httpsPort : this.emu.port)
    return this.http(u, {
      method,
      headers: { host: new URL(url).hostname, ...opts.headers },
      ...(opts.r !== undefined && { form: { r: JSON.stringify(opts.r) } }),
    })
  }

  async json(method: 'GET' | 'POST', url: string, opts: { headers?: Record<string, string>; r?: unknown } = {}): Promise<any> {
    const res = await this.request(method, url, opts)
    expect(res.statusCode, `${method} ${url}`).toBe(200)
    return JSON.parse(res.body)
  }

  async cookie(name: string, url = 'http://w.qq.com/'): Promise<string | undefined> {
    return (await this.jar.getCookies(url)).find((c) => c.key === name)?.value
  }

  /** The QR login of §3, reading ptwebqq at `moment` and sending it back from then on. */
  async logIn(phone: Phone, moment: Moment, d1: 'http' | 'https' = 'http'): Promise<void> {
    expect((await this.request('GET', 'http://w.qq.com/')).statusCode).toBe(200)
    await this.request('GET', LOGIN_PAGE, { headers: { referer: 'http://w.qq.com/' } })
    const qr = await this.request('GET', 'https://ssl.ptlogin2.qq.com/ptqrshow?appid=501004106&e=2&l=M&s=3&d=72&v=4&t=0.1&daid=164&pt_3rd_aid=0', {
      headers: { referer: LOGIN_PAGE },
    })
    const text = decodeQr(qr.rawBody)
    await phone.scan(text)
    await phone.confirm(text)
    const qrsig = (await this.cookie('qrsig', 'https://ssl.ptlogin2.qq.com/'))!
    const answer = await this.request(
      'GET',
      `https://ssl.ptlogin2.qq.com/ptqrlogin?u1=http%3A%2F%2Fw.qq.com%2Fproxy.html&ptqrtoken=${hash33(qrsig)}&ptredirect=0&h=1&t=1&g=1&from_ui=1&ptlang=2052&action=0-0-1515000000000&js_ver=10233&js_type=1&login_sig=${(await this.cookie('pt_login_sig', 'https://ssl.ptlogin2.qq.com/')) ?? ''}&pt_uistyle=40&aid=501004106&daid=164&mibao_css=m_webqq&`,
      { headers: { referer: LOGIN_PAGE } },
    )
    const args = [...answer.body.matchAll(/'([^']*)'/g)].map((m) => m[1]!)
    expect(args[0], answer.body).toBe('0')
    this.checkSigUrl = args[2]!
    if (moment === 'after-ptqrlogin') this.ptwebqq = (await this.cookie('ptwebqq')) ?? ''
    // check_sig: the URL as given, no Referer, the 302 not followed (its cookies are the point).
    expect((await this.request('GET', this.checkSigUrl)).statusCode).toBe(302)
    if (moment === 'after-check_sig') this.ptwebqq = (await this.cookie('ptwebqq')) ?? ''

    const vf = await this.json('GET', `http://s.web2.qq.com/api/getvfwebqq?ptwebqq=${this.ptwebqq}&clientid=${CLIENT_ID}&psessionid=&t=${Date.now()}`, {
      headers: { referer: S_REFERER },
    })
    expect(vf.retcode).toBe(0)
    this.vfwebqq = vf.result.vfwebqq
    const login2 = await this.json('POST', `${d1}://d1.web2.qq.com/channel/login2`, {
      headers: d1Headers(d1),
      r: { ptwebqq: this.ptwebqq, clientid: CLIENT_ID, psessionid: '', status: 'online' },
    })
    expect(login2.retcode).toBe(0)
    this.psessionid = login2.result.psessionid
    this.uin = String(login2.result.uin)
    // The fix everyone found: get_online_buddies2 registers the session (§3.8).
    const online = await this.json(
      'GET',
      `${d1}://d1.web2.qq.com/channel/get_online_buddies2?vfwebqq=${this.vfwebqq}&clientid=${CLIENT_ID}&psessionid=${this.psessionid}&t=${Date.now()}`,
      { headers: { referer: d1Headers(d1).referer } },
    )
    expect(online.retcode).toBe(0)
  }

  poll(scheme: 'http' | 'https' = 'https'): Promise<Response<string>> {
    return this.request('POST', `${scheme}://d1.web2.qq.com/channel/poll2`, {
      headers: d1Headers(scheme),
      r: { ptwebqq: this.ptwebqq, clientid: CLIENT_ID, psessionid: this.psessionid, key: '' },
    })
  }

  /** Polls (at most `max` times) until a friend message with `text` arrives. */
  async receive(text: string, max = 10): Promise<any> {
    for (let i = 0; i < max; i++) {
      const res = await this.poll()
      if (res.statusCode !== 200) continue
      const body = JSON.parse(res.body)
      const item = Array.isArray(body.result) && body.result.find((x: any) => x.poll_type === 'message' && x.value.content.includes(text))
      if (item) return item
    }
    throw new Error(`no message "${text}" in ${max} polls`)
  }
}

