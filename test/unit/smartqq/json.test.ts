import { describe, expect, it } from 'vitest'
import { parseJson, parseUtf8Json, rawNumber } from '../../../electron/smartqq/json'
import type { WellFormable } from '../../../electron/smartqq/well-formed'

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

describe('well-formed strings', () => {
  it('turns lone surrogates into U+FFFD, escaped or raw, at any depth, and keeps valid pairs', () => {
    const v = parseJson('{"nick":"A\\ud800B","list":[{"n":"\\udc00"},"x\\uD83D"],"ok":"\\ud83d\\ude00","raw":"R\ud800"}')
    expect(v).toEqual({ nick: 'A\uFFFDB', list: [{ n: '\uFFFD' }, 'x\uFFFD'], ok: '😀', raw: 'R\uFFFD' })
  })

  it('drops NUL characters', () => {
    expect(parseJson('{"nick":"Bo\\u0000b\\u0000","n":["\\u0000"]}')).toEqual({ nick: 'Bob', n: [''] })
  })

  it('repairs strings and keeps big integers in one answer', () => {
    expect(parseJson('{"uin":123456789012345678901,"nick":"\\udfff"}')).toEqual({ uin: '123456789012345678901', nick: '\uFFFD' })
  })

  it('leaves clean text exactly as JSON.parse reads it, other escapes included', () => {
    const text = '{"a":"\\u0026\\u003B\\n\\\\u0000","b":[1,2.5,null,true],"c":"好友"}'
    expect(parseJson(text)).toEqual(JSON.parse(text))
  })

  it('keeps a name that differs from another only by a lone surrogate distinct from it', () => {
    const [a, b] = parseJson('["Alice\\ud800","Alice"]') as string[]
    expect(a).not.toBe(b)
    expect(a).toBe('Alice\uFFFD')
  })
})

describe('answers read from their bytes (parseUtf8Json)', () => {
  const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))))

  it('gives what parseJson gives for the same text: big integers kept, escaped lone surrogates and NULs repaired', () => {
    for (const text of [
      '{"uin":123456789012345678901,"gid":41837138855,"f":1.5}',
      '{"nick":"A\\ud800B","list":[{"n":"\\udc00"},"x\\uD83D"],"ok":"\\ud83d\\ude00"}',
      '{"nick":"Bo\\u0000b","n":["\\u0000"]}',
      '{"a":"\\u0026\\u003B\\n\\\\u0000","c":"好友"}',
    ]) {
      expect(parseUtf8Json(Buffer.from(text, 'utf8')), text).toEqual(parseJson(text))
    }
  })

  it('reads ill-formed UTF-8 (an encoded surrogate, a stray byte, a cut sequence) as U+FFFD: every string well-formed', () => {
    const v = parseUtf8Json(bytes('{"a":"x', [0xed, 0xa0, 0x80], '","b":"', [0xff], 'y","c":"', [0xe5, 0xa5], '"}')) as Record<string, string>
    for (const s of Object.values(v)) expect((s as WellFormable).isWellFormed(), JSON.stringify(s)).toBe(true)
    expect(v.b).toBe('\uFFFDy')
  })

  it('throws SyntaxError for text that is not JSON', () => {
    expect(() => parseUtf8Json(Buffer.from('<html>'))).toThrow(SyntaxError)
  })
})
