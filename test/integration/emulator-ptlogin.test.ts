import { describe, expect, it } from 'vitest'
import { hash33 } from '../../electron/smartqq/hash'
import { parseJsCallback } from '../../electron/smartqq/ptui'
import { CGI, LOGIN_PAGE_URL } from '../../electron/smartqq/constants'
import { useEmulator } from '../support/use-emulator'
import { cookieHeader, raw, rForm, setCookieValue } from '../support/raw-http'

/** The emulator's ptlogin / web2 session answers, checked byte for byte over raw HTTP. */

const { emu, phone } = await useEmulator()

async function newQr(): Promise<{ qrsig: string; key: string }> {
  const res = await raw(emu.port, { host: 'ssl.ptlogin2.qq.com', path: '/ptqrshow?appid=501004106&e=0&l=M&s=5&d=72&v=4&t=0.5' })
  expect(res.status).toBe(200)
  expect(res.headers['content-type']).toBe('image/png')
  const line = res.setCookies.find((l) => l.startsWith('qrsig='))!
  expect(line).toMatch(/^qrsig=[A-Za-z0-9*_-]{64}; PATH=\/; DOMAIN=ptlogin2\.qq\.com;$/)
  const qrsig = setCookieValue(res.setCookies, 'qrsig')!
  const key = emu.core.qr.bySigValue(qrsig)!.key
  return { qrsig, key }
}

function ptqrlogin(qrsig: string, token: string | number | null = hash33(qrsig)) {
  const q = token === null ? '' : `ptqrtoken=${token}&`
  return raw(emu.port, {
    host: 'ssl.ptlogin2.qq.com',
    path: `/ptqrlogin?${q}webqq_type=10&remember_uin=1&login2qq=1&aid=501004106&action=0-0-1000&t=undefined&g=1&js_type=0&js_ver=10233&login_sig=`,
    headers: { cookie: `qrsig=${qrsig}`, referer: LOGIN_PAGE_URL },
  })
}

/** Logs in through the raw endpoints; returns the cookies a browser would hold. */
async function rawLogin(): Promise<Record<string, string>> {
  const { qrsig, key } = await newQr()
  await phone.scan(key)
  await phone.confirm(key)
  const ok = await ptqrlogin(qrsig)
  const args = parseJsCallback(ok.body)!.args
  const url = new URL(args[2]!)
  const sig = await raw(emu.port, { host: url.host, path: url.pathname + url.search })
  expect(sig.status).toBe(302)
  return {
    uin: setCookieValue(sig.setCookies, 'uin', 'qq.com')!,
    skey: setCookieValue(sig.setCookies, 'skey', 'qq.com')!,
    p_skey: setCookieValue(sig.setCookies, 'p_skey', 'web2.qq.com')!,
    p_uin: setCookieValue(sig.setCookies, 'p_uin', 'web2.qq.com')!,
    ptwebqq: setCookieValue(ok.setCookies, 'ptwebqq', 'qq.com')!,
  }
}

describe('ptqrshow / ptqrlogin', () => {
  it('answers the byte-exact waiting, scanned, confirmed and expired strings', async () => {
    const { qrsig, key } = await newQr()
    expect((await ptqrlogin(qrsig)).body).toMatch(/^ptuiCB\('66','0','','0','二维码未失效。\(\d+\)', ''\);\r\n$/)
    await phone.scan(key)
    expect((await ptqrlogin(qrsig)).body).toMatch(/^ptuiCB\('67','0','','0','二维码认证中。\(\d+\)', ''\);\r\n$/)
    await phone.confirm(key)
    const ok = await ptqrlogin(qrsig)
    expect(ok.body).toMatch(
      /^ptuiCB\('0','0','https:\/\/ptlogin2\.web2\.qq\.com\/check_sig\?pttype=1&uin=2851234567&service=ptqrlogin&nodirect=0&ptsigx=[0-9a-f]{128}&s_url=[^']+','0','登录成功！', '小企鹅'\);\r\n$/,
    )
    // ptlogin's cookies land on ptlogin2.qq.com, ptwebqq and uin on qq.com.
    expect(setCookieValue(ok.setCookies, 'superuin', 'ptlogin2.qq.com')).toBe('o2851234567')
    // 2018 (the default era) handed out an empty ptwebqq (§3.10); era-echo-client.test.ts covers the others.
    expect(setCookieValue(ok.setCookies, 'ptwebqq', 'qq.com')).toBe('')
    expect(setCookieValue(ok.setCookies, 'uin', 'qq.com')).toBe('o2851234567')
    expect(ok.setCookies.find((l) => l.startsWith('superkey='))).toMatch(/HttpOnly$/)
    // Used once: the same qrsig is expired afterwards.
    expect((await ptqrlogin(qrsig)).body).toMatch(/^ptuiCB\('65','0','','0','二维码已失效。\(\d+\)', ''\);/)
  })

  it('answers 68 once the phone refuses', async () => {
    const { qrsig, key } = await newQr()
    expect((await phone.refuse(key)).status).toBe(200)
    expect((await ptqrlogin(qrsig)).body).toBe("ptuiCB('68','0','','0','本次登录已被拒绝', '');\r\n")
  })

  it('rejects a wrong or missing ptqrtoken with HTTP 403 (2017-02 on)', async () => {
    const { qrsig } = await newQr()
    const wrong = await ptqrlogin(qrsig, hash33(qrsig) + 1)
    expect(wrong.status).toBe(403)
    expect(wrong.body).toContain('Tencent Login Server')
    expect((await ptqrlogin(qrsig, null)).status).toBe(403)
  })

  it('ignores ptqrtoken in eras before 2017', async () => {
    await phone.settings({ era: '2016' })
    try {
      const { qrsig } = await newQr()
      expect((await ptqrlogin(qrsig, null)).body).toContain("ptuiCB('66'")
    } finally {
      await phone.settings({ era: '2018' })
    }
  })

  it('answers 65 once the QR code has expired', async () => {
    await phone.settings({ qrTtlMs: 150 })
    try {
      const { qrsig, key } = await newQr()
      await new Promise((r) => setTimeout(r, 200))
      expect((await ptqrlogin(qrsig)).body).toContain("ptuiCB('65'")
      expect((await phone.scan(key)).status).toBe(410)
    } finally {
      await phone.settings({ qrTtlMs: 120_000 })
    }
  })
})

describe('check_sig', () => {
  async function confirmedUrl(): Promise<URL> {
    const { qrsig, key } = await newQr()
    await phone.scan(key)
    await phone.confirm(key)
    return new URL(parseJsCallback((await ptqrlogin(qrsig)).body)!.args[2]!)
  }

  it('redirects with the real cookie set, including the deletions on qq.com', async () => {
    const url = await confirmedUrl()
    const res = await raw(emu.port, { host: url.host, path: url.pathname + url.search })
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('http://w.qq.com/proxy.html?login2qq=1&webqq_type=10')
    expect(res.headers.server).toBe('Tencent Login Server/2.0.0')
    const lines = res.setCookies
    expect(lines.map((l) => l.split('=')[0] + '@' + /DOMAIN=([^;]+)/.exec(l)![1])).toEqual([
      'uin@qq.com',
      'skey@qq.com',
      'pt2gguin@qq.com',
      'p_skey@web2.qq.com',
      'pt4_token@web2.qq.com',
      'p_uin@qq.com',
      'p_skey@qq.com',
      'pt4_token@qq.com',
      'p_uin@web2.qq.com',
    ])
    expect(lines[1]).toMatch(/^skey=@[A-Za-z0-9]{9}; PATH=\/; DOMAIN=qq\.com;$/)
    expect(lines[3]).toMatch(/^p_skey=[A-Za-z0-9*-]{43}_; PATH=\/; DOMAIN=web2\.qq\.com;$/)
    expect(lines[5]).toBe('p_uin=; EXPIRES=Fri, 02-Jan-1970 00:00:00 GMT; PATH=/; DOMAIN=qq.com;')
    // Single use.
    expect((await raw(emu.port, { host: url.host, path: url.pathname + url.search })).status).toBe(403)
  })

  it('answers 403 to an empty Referer header but not to a missing one', async () => {
    const url = await confirmedUrl()
    const path = url.pathname + url.search
    expect((await raw(emu.port, { host: url.host, path, headers: { referer: '' } })).status).toBe(403)
    expect((await raw(emu.port, { host: url.host, path })).status).toBe(302)
  })
})

describe('getvfwebqq and login2', () => {
  it('answers 100000 without the login cookies and 100001 without a web2 Referer (strict)', async () => {
    const cookies = await rawLogin()
    const path = `/api/getvfwebqq?ptwebqq=${cookies.ptwebqq}&clientid=53999199&psessionid=&t=1`
    const noCookies = await raw(emu.port, { host: 's.web2.qq.com', path, headers: { referer: CGI.s.referer } })
    expect(JSON.parse(noCookies.body)).toEqual({ retcode: 100000 })
    const noReferer = await raw(emu.port, { host: 's.web2.qq.com', path, headers: { cookie: cookieHeader(cookies) } })
    expect(JSON.parse(noReferer.body)).toEqual({ retcode: 100001 })
    const ok = await raw(emu.port, { host: 's.web2.qq.com', path, headers: { cookie: cookieHeader(cookies), referer: CGI.s.referer } })
    expect(JSON.parse(ok.body)).toEqual({ retcode: 0, result: { vfwebqq: expect.stringMatching(/^[0-9a-f]{80}$/) } })
    // A d1 proxy Referer on s.web2 passed on the real service (§2.2).
    const d1Ref = await raw(emu.port, { host: 's.web2.qq.com', path, headers: { cookie: cookieHeader(cookies), referer: CGI.d1.referer } })
    expect(JSON.parse(d1Ref.body).retcode).toBe(0)
  })

  it('login2 validates cookies, ptwebqq and host, and returns every documented field', async () => {
    const cookies = await rawLogin()
    const post = (host: string, r: unknown, cookie = cookieHeader(cookies)) =>
      raw(emu.port, { host, path: '/channel/login2', method: 'POST', ...merge(rForm(r), { cookie, referer: CGI.d1.referer }) })
    const body = { ptwebqq: cookies.ptwebqq, clientid: 53999199, psessionid: '', status: 'online' }
    expect((await post('d.web2.qq.com', body)).status).toBe(403)
    expect(JSON.parse((await post('d1.web2.qq.com', body, '')).body)).toEqual({ retcode: 103, errmsg: '' })
    expect(JSON.parse((await post('d1.web2.qq.com', { ...body, ptwebqq: 'f'.repeat(64) })).body)).toEqual({ retcode: 100002 })
    const ok = JSON.parse((await post('d1.web2.qq.com', { ...body, clientid: '53999199' })).body)
    expect(ok.retcode).toBe(0)
    expect(Object.keys(ok.result).sort()).toEqual(['cip', 'f', 'index', 'port', 'psessionid', 'status', 'uin', 'user_state', 'vfwebqq'])
    expect(ok.result.uin).toBe(2851234567)
    expect(ok.result.psessionid).toMatch(/^8368046764/)
    // The psessionid embeds login2's vfwebqq in its last 40 bytes (§3.9).
    expect(ok.result.psessionid.endsWith(ok.result.vfwebqq)).toBe(true)
    // A relink with the psessionid gives a fresh one.
    const again = JSON.parse((await post('d1.web2.qq.com', { ...body, psessionid: ok.result.psessionid, key: '', state: 'away' })).body)
    expect(again.retcode).toBe(0)
    expect(again.result.psessionid).not.toBe(ok.result.psessionid)
    expect(again.result.status).toBe('away')
    // The old psessionid is gone: relinking it again is refused.
    const stale = JSON.parse((await post('d1.web2.qq.com', { ...body, psessionid: ok.result.psessionid })).body)
    expect(stale).toEqual({ retcode: 103, errmsg: '' })
  })
})

function merge(form: { body: string; headers: Record<string, string> }, extra: Record<string, string>) {
  return { body: form.body, headers: { ...form.headers, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== '')) } }
}
