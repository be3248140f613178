import { describe, expect, it } from 'vitest'
import { DEFAULT_FONT, escapeMessageText, parseSendContent, plainText, receivedContent } from '../../electron/emulator/web2/content'

const font = ['font', { name: '宋体', size: 10, style: [0, 0, 0], color: '000000' }]

describe('send content parsing (§6.4, §9 item 37)', () => {
  it('takes the official shape: segments, faces, font appended last', () => {
    const c = parseSendContent(JSON.stringify(['hello ', ['face', 14], ' world', font]))
    expect(c).toEqual({ segments: ['hello ', ['face', 14], ' world'], font: { name: '宋体', size: 10, style: [0, 0, 0], color: '000000' } })
  })

  it('accepts the font anywhere or absent, and coerces numeric strings', () => {
    const first = parseSendContent(JSON.stringify([['font', { name: 'Arial', size: '12', style: ['1', 0, 0], color: 'ff0000' }], 'hi', ['face', '13']]))
    expect(first).toEqual({ segments: ['hi', ['face', 13]], font: { name: 'Arial', size: 12, style: [1, 0, 0], color: 'ff0000' } })
    expect(parseSendContent(JSON.stringify(['plain']))).toEqual({ segments: ['plain'], font: DEFAULT_FONT })
  })

  it('replaces unusable font fields with defaults instead of refusing the message', () => {
    const c = parseSendContent(JSON.stringify(['x', ['font', { size: 'big', color: '#123', style: 'bold' }]]))
    expect(c?.font).toEqual(DEFAULT_FONT)
  })

  it('tolerates offpic and cface elements, keeping them as sent', () => {
    const offpic = ['offpic', { success: 1, file_path: '/abc' }]
    const cface = ['cface', 'ABC.jPg', '']
    expect(parseSendContent(JSON.stringify([offpic, cface, font]))?.segments).toEqual([offpic, cface])
  })

  it.each([
    ['an array instead of a string', ['hi']],
    ['a number', 5],
    ['text that is not JSON', 'hello'],
    ['a JSON object', '{"a":1}'],
    ['a face id above 170', JSON.stringify([['face', 171]])],
    ['a negative face id', JSON.stringify([['face', -1]])],
    ['a face id that is not a number', JSON.stringify([['face', 'smile']])],
    ['an unknown element', JSON.stringify(['x', ['video', 1]])],
    ['a bare number element', JSON.stringify(['x', 3])],
    ['nothing but a font', JSON.stringify([font])],
    ['an empty array', '[]'],
  ])('refuses %s', (_what, content) => {
    expect(parseSendContent(content)).toBeUndefined()
  })
})

describe('received content (§6.3)', () => {
  it('puts the font first and escapes &, < and > in text only', () => {
    const out = receivedContent({ segments: ['<b>A&B</b> "q"', ['face', 14]], font: DEFAULT_FONT })
    expect(out).toEqual([['font', DEFAULT_FONT], '&lt;b&gt;A&amp;B&lt;/b&gt; "q"', ['face', 14]])
  })

  it('escapes & before the entities it creates', () => {
    expect(escapeMessageText('&lt;')).toBe('&amp;lt;')
  })

  it('joins text segments for the phone log', () => {
    expect(plainText(['@小明', ' ', 'hi', ['face', 1]])).toBe('@小明 hi')
  })
})
