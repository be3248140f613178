import { describe, expect, it } from 'vitest'
import { chatterLine } from '../../electron/emulator/bots/chatter'
import { HELP_TEXT, keywordsReply } from '../../electron/emulator/bots/keywords'
import { Rng } from '../../electron/emulator/state/rng'
import { plainText } from '../../electron/emulator/web2/content'

const at = new Date(2018, 0, 2, 3, 4, 5)

describe('keyword friend', () => {
  it('answers the keywords in Chinese and English', () => {
    const rng = new Rng(1)
    expect(plainText(keywordsReply('你好', rng, at))).toContain('你好')
    expect(plainText(keywordsReply('Hello there', rng, at))).toContain('你好')
    expect(keywordsReply('现在几点？时间', rng, at)).toEqual(['现在是 2018-01-02 03:04:05'])
    expect(keywordsReply('time', rng, at)).toEqual(['现在是 2018-01-02 03:04:05'])
    expect(keywordsReply('帮助', rng, at)).toEqual([HELP_TEXT])
    expect(keywordsReply('HELP', rng, at)).toEqual([HELP_TEXT])
    for (const k of ['你好', 'hello', '时间', 'time', '笑话', 'joke', '帮助', 'help']) expect(HELP_TEXT).toContain(k)
  })

  it('tells a joke and says something friendly otherwise, sometimes with a face', () => {
    const rng = new Rng(7)
    const replies = Array.from({ length: 40 }, () => keywordsReply('随便聊聊', rng, at))
    expect(replies.every((r) => typeof r[0] === 'string' && r[0].length > 0)).toBe(true)
    expect(replies.some((r) => r.some((s) => Array.isArray(s) && s[0] === 'face'))).toBe(true)
    expect(plainText(keywordsReply('讲个笑话', new Rng(3), at)).length).toBeGreaterThan(5)
  })
})

describe('chatter lines', () => {
  it('are deterministic from the seed', () => {
    const a = new Rng(42)
    const b = new Rng(42)
    expect(Array.from({ length: 20 }, () => chatterLine(a, '小明'))).toEqual(Array.from({ length: 20 }, () => chatterLine(b, '小明')))
  })

  it('put a mention in its own segment and sometimes carry faces and characters to escape', () => {
    const rng = new Rng(5)
    const lines = Array.from({ length: 200 }, () => chatterLine(rng, rng.chance(0.5) ? '小明' : undefined))
    expect(lines.some((l) => l[0] === '@小明' && l[1] === ' ')).toBe(true)
    expect(lines.some((l) => l.some((s) => Array.isArray(s) && s[0] === 'face'))).toBe(true)
    expect(lines.some((l) => /[<&]/.test(plainText(l)))).toBe(true)
  })
})
