import { describe, expect, it } from 'vitest'
import { FACES, plainText, ZH_PREVIEW_NAMES, type PreviewNames } from '../../../electron/model'

const NAMES: PreviewNames = { face: (id) => `[face${id}]`, image: '[img]', file: (name) => `[file ${name}]`, callInvite: '[call]', notice: (n) => `[${n.kind}]`, other: '[?]' }

describe('a message as one line of text', () => {
  it('keeps text as it is and names every other part in order', () => {
    const text = plainText(
      [
        { type: 'text', text: 'a ' },
        { type: 'face', id: 14 },
        { type: 'image', ref: 'offpic:/x' },
        { type: 'file', name: 'a.txt' },
        { type: 'unsupported', label: 'shake' },
        { type: 'text', text: ' b' },
      ],
      NAMES,
    )
    expect(text).toBe('a [face14][img][file a.txt][?] b')
  })

  it('is empty for no segments', () => {
    expect(plainText([], NAMES)).toBe('')
  })

  it('shows every face of the table as its emoji, as the bubble does (never [强]), and an unknown id as [表情]', () => {
    for (const f of FACES) expect(plainText([{ type: 'text', text: 'a' }, { type: 'face', id: f.id }], ZH_PREVIEW_NAMES), f.zh).toBe(`a${f.emoji}`)
    expect(plainText([{ type: 'face', id: 46 }], ZH_PREVIEW_NAMES)).toBe('👍')
    expect(plainText([{ type: 'face', id: 135 }], ZH_PREVIEW_NAMES)).toBe('[表情]')
  })
})
