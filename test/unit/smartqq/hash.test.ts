import { describe, expect, it } from 'vitest'
import { friendHash, gTk, hash33, time33 } from '../../../electron/smartqq/hash'

// Test vectors from SMARTQQ-PROTOCOL.md §10.
const PTWEBQQ = '551a0ec0f70f347e2ffc7931bcf7a13e4c774a2cb9f9085b8ac65a9505e412c9'

describe('protocol hashes (§10 vectors)', () => {
  it('hash33 of a qrsig (ptqrtoken)', () => {
    expect(hash33('g3x2rsxBl5XERjRyBw1UMc2vgoXpjLyVXUa0qBUX5BEqHg2UWuF8rJtk-KB*jL1A')).toBe(1591611444)
  })
  it('time33 keeps 32 bits', () => {
    expect(time33('397467713')).toBe(3597827071)
  })
  it('g_tk / bkn of an skey', () => {
    expect(gTk('@beMESLu1X')).toBe(1412445979)
  })
  it('friendHash, the final (2015–2019) variant', () => {
    expect(friendHash(1045541707, PTWEBQQ)).toBe('087B5A125FFC5300')
    expect(friendHash('3040028095', PTWEBQQ)).toBe('08F05A705F6A53F4')
    expect(friendHash(2372961723, '')).toBe('00C8003300CA00F0')
  })
  it('friendHash uses only the low 32 bits of a uin, whatever its size', () => {
    expect(friendHash(2n ** 40n + 1045541707n, PTWEBQQ)).toBe(friendHash(1045541707, PTWEBQQ))
  })
})
