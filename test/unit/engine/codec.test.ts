import { describe, expect, it } from 'vitest'
import { decodeContent, encodeContent, parseFaceNames, splitSegments } from '../../../electron/engine/codec/content'
import { htmlUnescape } from '../../../electron/engine/codec/html'

const FONT = ['font', { size: 10, color: '000000', style: [0, 0, 0], name: '微软雅黑' }]

describe('content codec', () => {
  it('decodes text, faces, pictures and the font (§6.3)', () => {
    const d = decodeContent([FONT, 'a &lt;b&gt;\r\n', ['face', 14], ' ', ['offpic', { success: 1, file_path: '/abc' }], ['cface', { name: 'X.jPg' }]])
    expect(d.font).toMatchObject({ name: '微软雅黑', size: 10 })
    expect(d.segments).toEqual([
      { type: 'text', text: 'a <b>\n' },
      { type: 'face', id: 14 },
      { type: 'text', text: ' ' },
      { type: 'image', ref: 'offpic:/abc' },
      { type: 'image', ref: 'cface:X.jPg', name: 'X.jPg' },
    ])
  })

  it('is total: anything at all decodes to segments without throwing', () => {
    const inputs: unknown[] = [null, 42, {}, 'plain', [[]], [['face', 'x']], [['weird', 1]], [{ a: 1 }], ['\u0000\u0002宋体\r'], [FONT]]
    for (const i of inputs) expect(() => decodeContent(i)).not.toThrow()
    expect(decodeContent([['weird', 1]]).segments).toEqual([{ type: 'unsupported', label: 'weird' }])
    // A picture from a desktop client arrived stripped to the font alone (§6.3).
    expect(decodeContent([FONT]).segments).toEqual([{ type: 'image', ref: 'stripped' }])
    expect(decodeContent('plain').segments).toEqual([{ type: 'text', text: 'plain' }])
  })

  it('encodes like the official sender: a space after a face, the font last, a JSON string', () => {
    const wire = JSON.parse(encodeContent([{ type: 'text', text: 'hi <3' }, { type: 'face', id: 14 }]))
    expect(wire).toEqual(['hi ＜3', ['face', 14], ' ', ['font', { name: '宋体', size: 10, style: [0, 0, 0], color: '000000' }]])
    expect(JSON.parse(encodeContent([{ type: 'face', id: 1 }, { type: 'text', text: ' x' }]))).toEqual([['face', 1], ' x', expect.any(Array)])
  })

  it('turns [微笑] style names into faces and leaves unknown ones as text', () => {
    expect(parseFaceNames('早[微笑]好[不存在]')).toEqual([
      { type: 'text', text: '早' },
      { type: 'face', id: 14 },
      { type: 'text', text: '好[不存在]' },
    ])
  })

  it('splits long text at ≤720 UTF-8 bytes without cutting characters', () => {
    const text = '汉'.repeat(1000)
    const parts = splitSegments([{ type: 'text', text }])
    expect(parts.length).toBe(Math.ceil((1000 * 3) / 720))
    expect(parts.map((p) => (p[0] as { text: string }).text).join('')).toBe(text)
    for (const p of parts) expect(Buffer.byteLength((p[0] as { text: string }).text)).toBeLessThanOrEqual(720)
  })

  it('unescapes named and numeric entities, leaving unknown ones', () => {
    expect(htmlUnescape('a&amp;b&lt;c&gt;&quot;&#39;&nbsp;&#x4e2d;&#25991;&bogus;')).toBe('a&b<c>"\'\u00a0中文&bogus;')
  })
})
