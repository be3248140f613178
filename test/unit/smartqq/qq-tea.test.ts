import { describe, expect, it } from 'vitest'
import { qqTeaDecrypt, qqTeaEncrypt, qqTeaLength } from '../../../electron/smartqq/qq-tea'

const key = Buffer.from('00112233445566778899aabbccddeeff', 'hex')

describe('QQ-TEA', () => {
  it('matches a known answer (header 0xFE, fill bytes 220, as other QQ-TEA implementations test it)', () => {
    const fixed = (n: number) => Buffer.from([0xff, ...Array<number>(n - 1).fill(220)])
    const out = qqTeaEncrypt(Buffer.alloc(32, 0xff), Buffer.alloc(16, 0xff), fixed)
    expect([...out]).toEqual([
      117, 61, 222, 94, 87, 182, 157, 64, 60, 2, 61, 98, 93, 16, 49, 145, 99, 99, 207, 164, 26, 108, 72, 189, 100, 34, 27, 45, 206,
      166, 44, 43, 157, 214, 172, 27, 75, 36, 27, 106, 250, 218, 219, 132, 112, 70, 230, 241,
    ])
  })

  it('decrypts what it encrypts, for every padding length', () => {
    for (let n = 0; n <= 40; n++) {
      const plain = Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff))
      const sealed = qqTeaEncrypt(plain, key)
      expect(qqTeaDecrypt(sealed, key)).toEqual(plain)
    }
  })

  it('frames to a multiple of 8 with 10 to 17 bytes of overhead', () => {
    for (let n = 0; n <= 40; n++) {
      const sealed = qqTeaEncrypt(Buffer.alloc(n), key)
      expect(sealed.length).toBe(qqTeaLength(n))
      expect(sealed.length % 8).toBe(0)
      expect(sealed.length - n).toBeGreaterThanOrEqual(10)
      expect(sealed.length - n).toBeLessThanOrEqual(17)
    }
    // (n + 10) rounded up to 8: 1 header byte, 0–7 fill, 2 random, data, 7 zeros.
    expect(qqTeaLength(6)).toBe(16)
    expect(qqTeaLength(7)).toBe(24)
    expect(qqTeaLength(148)).toBe(160)
  })

  it('uses fresh random padding, so equal plaintexts give different ciphertexts', () => {
    const plain = Buffer.from('same text')
    expect(qqTeaEncrypt(plain, key).equals(qqTeaEncrypt(plain, key))).toBe(false)
  })

  it('refuses a wrong key, a bad length and a bad key size', () => {
    const sealed = qqTeaEncrypt(Buffer.from('secret'), key)
    const other = Buffer.from(key).fill(7, 0, 1)
    expect(() => qqTeaDecrypt(sealed, other)).toThrow(RangeError)
    expect(() => qqTeaDecrypt(sealed.subarray(0, 12), key)).toThrow(RangeError)
    expect(() => qqTeaEncrypt(Buffer.from('x'), Buffer.alloc(8))).toThrow(RangeError)
  })
})
