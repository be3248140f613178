import { describe, expect, it } from 'vitest'
import {
  TENCENT_RSA_MODULUS,
  encodeRsaTea,
  encodeTripleMd5,
  encodeUinSalt,
  formatSalt,
  parseSalt,
  rsaTeaKey,
  salt8,
} from '../../../electron/smartqq/password'
import { parseJsCallback } from '../../../electron/smartqq/ptui'
import { qqTeaDecrypt } from '../../../electron/smartqq/qq-tea'

const SALT_1234567890 = Buffer.from([0x00, 0x00, 0x00, 0x00, 0x49, 0x96, 0x02, 0xd2])

describe('the uin salt (§4.1)', () => {
  it('is the QQ number as 8 big-endian bytes', () => {
    expect(salt8('1234567890')).toEqual(SALT_1234567890)
    expect(salt8('2851234567').toString('hex')).toBe('00000000a9f26307')
    expect(salt8(18446744073709551615n).toString('hex')).toBe('ffffffffffffffff')
    expect(() => salt8('me@qq.com')).toThrow(RangeError)
    expect(() => salt8('18446744073709551616')).toThrow(RangeError)
  })

  it('is written with \\xHH escapes and read back from the wire text or a parsed callback', () => {
    const wire = '\\x00\\x00\\x00\\x00\\x49\\x96\\x02\\xd2'
    expect(formatSalt(SALT_1234567890)).toBe(wire)
    expect(parseSalt(wire)).toEqual(SALT_1234567890)
    const parsed = parseJsCallback(`ptui_checkVC('0','!ABC','${wire}');`)!
    expect(parseSalt(parsed.args[2]!)).toEqual(SALT_1234567890)
    expect(() => parseSalt('\\x00\\x01\\x02')).toThrow(RangeError)
    expect(() => parseSalt('汉字汉字汉字汉字')).toThrow(RangeError)
  })
})

describe('password encodings (§4.3, §10 vectors)', () => {
  it('A: triple MD5 + verify code', () => {
    expect(encodeTripleMd5('password', '!ABC')).toBe('56B8A475DD3DCD878092C369CBB866F6')
    // The verify code is upper-cased first.
    expect(encodeTripleMd5('password', '!abc')).toBe('56B8A475DD3DCD878092C369CBB866F6')
    expect(encodeTripleMd5('password', '!ABD')).not.toBe('56B8A475DD3DCD878092C369CBB866F6')
  })

  it('B: MD5 with uin salt', () => {
    expect(encodeUinSalt('password', SALT_1234567890, '!ABC')).toBe('7B6ED3472181A432C2A35EE534A133CE')
    expect(encodeUinSalt('password', salt8('1234567890'), '!abc')).toBe('7B6ED3472181A432C2A35EE534A133CE')
    expect(encodeUinSalt('password', salt8('1234567891'), '!ABC')).not.toBe('7B6ED3472181A432C2A35EE534A133CE')
  })

  it('C: RSA + QQ-TEA, base64 in the -*_ alphabet, with the documented framing inside', () => {
    const p = encodeRsaTea('password', SALT_1234567890, '!abc')
    expect(p).toMatch(/^[A-Za-z0-9*_-]+$/)
    expect(p).not.toMatch(/[/+=]/)
    const sealed = Buffer.from(p.replace(/[-*_]/g, (c) => ({ '-': '/', '*': '+', _: '=' })[c]!), 'base64')
    const plain = qqTeaDecrypt(sealed, rsaTeaKey('password', SALT_1234567890))
    // u16be(128) || RSA block || salt8 || u16be(4) || "!ABC"
    expect(plain.length).toBe(2 + 128 + 8 + 2 + 4)
    expect(plain.readUInt16BE(0)).toBe(128)
    const rsa = plain.subarray(2, 130)
    expect(BigInt('0x' + rsa.toString('hex'))).toBeLessThan(BigInt('0x' + TENCENT_RSA_MODULUS))
    expect(plain.subarray(130, 138)).toEqual(SALT_1234567890)
    expect(plain.readUInt16BE(138)).toBe(4)
    expect(plain.subarray(140).toString('latin1')).toBe('!ABC')
    // PKCS#1 v1.5 padding is random: two encodings of the same password differ.
    expect(encodeRsaTea('password', SALT_1234567890, '!abc')).not.toBe(p)
  })
})
