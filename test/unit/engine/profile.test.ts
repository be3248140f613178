import { describe, expect, it } from 'vitest'
import { emulatorProfile, tencentProfile } from '../../../electron/engine/http/profile'

describe('server profiles', () => {
  const p = emulatorProfile({ address: '127.0.0.1', httpPort: 8080 })

  it('keeps real host names and sends them to the emulator port', () => {
    expect(p.target(new URL('https://ssl.ptlogin2.qq.com/ptqrshow?a=1')).href).toBe('http://ssl.ptlogin2.qq.com:8080/ptqrshow?a=1')
    expect(p.target(new URL('http://d1.web2.qq.com/channel/login2')).href).toBe('http://d1.web2.qq.com:8080/channel/login2')
    // Not a qq.com host (an offpic image server): left alone.
    expect(p.target(new URL('http://103.7.29.36/?ver=2173')).href).toBe('http://103.7.29.36/?ver=2173')
  })

  it('keeps https when the emulator serves TLS', () => {
    const tls = emulatorProfile({ address: '127.0.0.1', httpPort: 80, httpsPort: 8443 })
    expect(tls.target(new URL('https://s.web2.qq.com/api/x')).href).toBe('https://s.web2.qq.com:8443/api/x')
  })

  it("answers both lookup forms (Node's autoSelectFamily asks with all:true)", async () => {
    const one = await new Promise((r) => p.dnsLookup!('s.web2.qq.com', {}, (_e, a, f) => r([a, f])))
    expect(one).toEqual(['127.0.0.1', 4])
    const all = await new Promise((r) => p.dnsLookup!('s.web2.qq.com', { all: true }, (_e, a) => r(a)))
    expect(all).toEqual([{ address: '127.0.0.1', family: 4 }])
  })

  it('tencent profile changes nothing', () => {
    expect(tencentProfile().target(new URL('https://ssl.ptlogin2.qq.com/x')).href).toBe('https://ssl.ptlogin2.qq.com/x')
  })
})
