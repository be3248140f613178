import { describe, expect, it } from 'vitest'
import { emulatorProfile, tencentProfile } from '../../../electron/engine/http/profile'
import { isPublicAddress } from '../../../electron/engine/http/public-address'

describe('where a picture redirect may lead (ServerProfile.allowsMediaHost)', () => {
  const tencent = tencentProfile()

  it('tencent profile: refuses loopback, private, link-local, CGNAT, multicast, unspecified and their IPv4-mapped forms', async () => {
    for (const url of [
      'http://127.0.0.1/?rkey=1',
      'http://127.1.2.3:8080/',
      'http://10.0.0.1/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://224.0.0.1/',
      'http://0.0.0.0/',
      'http://255.255.255.255/',
      'http://[::1]/',
      'http://[::]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[ff02::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:10.0.0.1]/',
      'http://[::ffff:a9fe:a9fe]/',
      // Other spellings of 127.0.0.1 the URL parser normalises.
      'http://2130706433/',
      'http://0x7f.1/',
      'http://localhost/',
    ]) {
      expect(await tencent.allowsMediaHost(new URL(url)), url).toBeUndefined()
    }
  })

  it('tencent profile: allows a public image host (103.7.29.36, §7.1) and only over http(s)', async () => {
    expect(await tencent.allowsMediaHost(new URL('http://103.7.29.36:80/?ver=2173&rkey=ab'))).toBe('103.7.29.36')
    expect(await tencent.allowsMediaHost(new URL('https://103.7.29.36/x'))).toBe('103.7.29.36')
    expect(await tencent.allowsMediaHost(new URL('ftp://103.7.29.36/x'))).toBeUndefined()
    expect(await tencent.allowsMediaHost(new URL('file:///etc/passwd'))).toBeUndefined()
    expect(await tencent.allowsMediaHost(new URL('http://user:pw@103.7.29.36/'))).toBeUndefined()
  })

  it('emulator profile: only the emulator’s own address and port', async () => {
    const emu = emulatorProfile({ address: '127.0.0.1', httpPort: 8080 })
    expect(await emu.allowsMediaHost(new URL('http://127.0.0.1:8080/?ver=2173&rkey=ab'))).toBe('127.0.0.1')
    for (const url of ['http://127.0.0.1:8081/', 'http://127.0.0.2:8080/', 'http://10.0.0.1:8080/', 'http://103.7.29.36/', 'https://127.0.0.1:8080/', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(await emu.allowsMediaHost(new URL(url)), url).toBeUndefined()
    }
    const v6 = emulatorProfile({ address: '::1', httpPort: 9000 }, 'custom')
    expect(await v6.allowsMediaHost(new URL('http://[::1]:9000/'))).toBe('::1')
  })

  it('reads IP literals only', () => {
    expect(isPublicAddress('103.7.29.36')).toBe(true)
    expect(isPublicAddress('2400:cb00::1')).toBe(true)
    expect(isPublicAddress('w.qq.com')).toBe(false)
    expect(isPublicAddress('')).toBe(false)
  })
})
