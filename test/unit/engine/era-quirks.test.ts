import { describe, expect, it } from 'vitest'
import { checkSigTarget } from '../../../electron/engine/endpoints/login-endpoints'
import { poll2 } from '../../../electron/engine/endpoints/message-endpoints'
import type { Credentials } from '../../../electron/engine/http/endpoint'

/** The engine's reading of the service's changing habits (issue 12), without a server. */

describe('checkSigTarget: the check_sig URL as handed out', () => {
  it('takes every ptlogin host and scheme the service used, query kept as given', () => {
    for (const base of ['http://ptlogin4.web2.qq.com', 'http://ptlogin2.web2.qq.com', 'https://ptlogin2.web2.qq.com', 'https://ssl.ptlogin2.qq.com']) {
      const raw = `${base}/check_sig?pttype=1&uin=2851234567&service=ptqrlogin&ptsigx=ab&s_url=http%3A%2F%2Fw.qq.com%2Fproxy.html&f_url=`
      expect(checkSigTarget(raw).href).toBe(raw)
    }
  })

  it('refuses anything else: another host, a look-alike, another scheme, a port, credentials, another path', () => {
    for (const raw of [
      'https://evil.example/check_sig?ptsigx=1',
      'http://w.qq.com/check_sig',
      'http://ptlogin4.web2.qq.com.evil.example/check_sig',
      'http://ptlogin4-web2.qq.com.cn/check_sig',
      'http://notptlogin4.web2.qq.com/check_sig',
      'file:///check_sig',
      'javascript:alert(1)//ptlogin4.web2.qq.com/check_sig',
      'http://ptlogin4.web2.qq.com:8080/check_sig',
      'http://user:pw@ptlogin4.web2.qq.com/check_sig',
      'http://ptlogin4.web2.qq.com/check_sig/../logout',
      'http://ptlogin4.web2.qq.com/',
      'not a url',
      '',
    ]) {
      expect(() => checkSigTarget(raw), raw).toThrow(expect.objectContaining({ kind: 'malformed', endpoint: 'check_sig' }))
    }
  })
})

describe('poll2', () => {
  const cred: Credentials = { uin: '1', ptwebqq: 'a'.repeat(64), vfwebqq: 'v', psessionid: 'p', clientid: 53999199 }
  const answer = (status: number, body = '') => poll2.decode({ status, headers: {}, body: Buffer.from(body), url: 'https://d1.web2.qq.com/channel/poll2' })

  it('reads HTTP 504 and 502 (2017, nginx giving up on the hold) as an idle poll', () => {
    expect(answer(504, '<html><head><title>504 Gateway Time-out</title></head></html>')).toEqual({ kind: 'idle' })
    expect(answer(502, '<html><head><title>502 Bad Gateway</title></head></html>')).toEqual({ kind: 'idle' })
    expect(() => answer(500, 'oops')).toThrow(expect.objectContaining({ kind: 'http', status: 500 }))
  })

  it('carries the login\'s ptwebqq unless told to send "" (§6.1 table)', () => {
    expect(poll2.form!({ cred }).ptwebqq).toBe(cred.ptwebqq)
    expect(poll2.form!({ cred, ptwebqq: '' }).ptwebqq).toBe('')
  })
})
