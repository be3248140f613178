import { describe, expect, it } from 'vitest'
import { plainText, type PreviewNames } from '../../../electron/model'

const NAMES: PreviewNames = { face: (id) => `face${id}`, image: '[img]', file: (name) => `[file ${name}]`, callInvite: '[call]', notice: (n) => `[${n.kind}]`, other: '[?]' }

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
})
