import { describe, expect, it } from 'vitest'
import { decodeContent } from '../../../electron/engine/codec/content'

describe('picture elements as the codec reads them (§6.3)', () => {
  it('names each picture segment’s wire fields by the segment’s index, after text is merged', () => {
    const d = decodeContent([
      ['font', { name: '宋体', size: 10, color: '000000', style: [0, 0, 0] }],
      'a',
      'b',
      ['offpic', { success: 1, file_path: '/d65c58ae-faa6-44f3-980e-272fb44a507f' }],
      '',
      ['cface', { name: '0C3AED06704CA9381EDCC20B7F552802.jPg', file_id: 914490174, key: 'YkC3WaD3h5pPxYrY', server: '119.147.15.201:443' }],
      ['cface', 'group', 'OLD.jpg'],
    ])
    expect(d.segments.map((s) => s.type)).toEqual(['text', 'image', 'image', 'image'])
    expect([...d.pictures!.entries()]).toEqual([
      [1, { kind: 'offpic', path: '/d65c58ae-faa6-44f3-980e-272fb44a507f' }],
      [2, { kind: 'cface', name: '0C3AED06704CA9381EDCC20B7F552802.jPg', fileId: '914490174', server: '119.147.15.201:443' }],
      [3, { kind: 'cface', name: 'OLD.jpg' }],
    ])
  })

  it('keeps no wire fields for a stripped picture (font only) or text alone', () => {
    expect(decodeContent([['font', {}]])).toMatchObject({ segments: [{ type: 'image', ref: 'stripped' }] })
    expect(decodeContent([['font', {}]]).pictures).toBeUndefined()
    expect(decodeContent(['hi']).pictures).toBeUndefined()
  })

  it('takes a file_id only when it is an id', () => {
    for (const file_id of [-1, 1.5, '1e3', 'abc', null, {}]) {
      expect(decodeContent([['cface', { name: 'A.jpg', file_id, server: '1.2.3.4:80' }]]).pictures!.get(0), String(file_id)).toEqual({ kind: 'cface', name: 'A.jpg', server: '1.2.3.4:80' })
    }
  })
})
