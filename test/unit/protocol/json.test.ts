import { describe, expect, it } from 'vitest'
import { parseJson, rawNumber } from '../../../electron/protocol/json'

describe('big integer ids', () => {
  it('keeps integers beyond 2^53 as their exact digits, and leaves safe numbers alone', () => {
    const v = parseJson('{"uin":123456789012345678901,"gid":41837138855,"f":1.5,"neg":-3}') as Record<string, unknown>
    expect(v).toEqual({ uin: '123456789012345678901', gid: 41837138855, f: 1.5, neg: -3 })
  })
  it('writes ids back as bare JSON numbers, however large', () => {
    expect(JSON.stringify({ to: rawNumber('123456789012345678901'), g: rawNumber(41837138855) })).toBe('{"to":123456789012345678901,"g":41837138855}')
    expect(() => rawNumber('12a')).toThrow()
  })
})
