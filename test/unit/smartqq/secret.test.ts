import { describe, expect, it } from 'vitest'
import { secretMatches } from '../../../electron/smartqq/secret'

describe('secretMatches', () => {
  const secret = 'Zq3-abc_DEF'
  it('accepts exactly the secret', () => {
    expect(secretMatches(secret, secret)).toBe(true)
  })
  it.each([
    ['nothing', undefined],
    ['null (an absent query parameter)', null],
    ['an empty string', ''],
    ['a prefix', secret.slice(0, -1)],
    ['a longer string', secret + 'x'],
    ['the same length, one character off', secret.slice(0, -1) + 'G'],
    ['another case', secret.toLowerCase()],
  ])('refuses %s', (_what, given) => {
    expect(secretMatches(given, secret)).toBe(false)
  })
})
