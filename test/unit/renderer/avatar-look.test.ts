import { describe, expect, it } from 'vitest'
import { initialOf } from '../../../renderer/src/lib/avatar-look'

describe('avatar initials', () => {
  it('skip invisible format characters before the first letter, so a name that starts with a bidi override or a zero-width space gets a visible initial', () => {
    expect(initialOf('\u202Egnp.exe')).toBe('G')
    expect(initialOf('\u200B\uFEFF zero')).toBe('Z')
    expect(initialOf('\u2068\u2069')).toBe('?')
    // A ZWJ inside an emoji sequence is not skipped: the family stays one character.
    expect(initialOf('👨‍👩‍👧 family')).toBe('👨‍👩‍👧')
  })
})
