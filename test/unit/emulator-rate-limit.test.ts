import { describe, expect, it } from 'vitest'
import { DEFAULT_RATE_LIMIT, SendLimiter } from '../../electron/emulator/web2/rate-limit'

const settings = { enabled: true, burst: 3, refillMs: 1000, cooldownMs: 10_000 }

describe('send limiter (§8.5, §9 item 40)', () => {
  it('allows a burst, then one send per refill interval', () => {
    const l = new SendLimiter()
    expect([0, 1, 2].map((t) => l.take('a', t, settings))).toEqual([true, true, true])
    expect(l.take('a', 3, settings)).toBe(false)
    expect(l.take('a', 1003, settings)).toBe(true)
    expect(l.take('a', 1004, settings)).toBe(false)
  })

  it('keeps accounts apart', () => {
    const l = new SendLimiter()
    for (let i = 0; i < 3; i++) l.take('a', 0, settings)
    expect(l.take('a', 0, settings)).toBe(false)
    expect(l.take('b', 0, settings)).toBe(true)
  })

  it('refuses everything for the cooling period after repeated violations', () => {
    const l = new SendLimiter()
    for (let i = 0; i < 3; i++) l.take('a', 0, settings)
    expect([1, 2, 3].map((t) => l.take('a', t, settings))).toEqual([false, false, false])
    // Tokens are back, the account is still cooling.
    expect(l.take('a', 5000, settings)).toBe(false)
    expect(l.take('a', 10_004, settings)).toBe(true)
  })

  it('does not cool down for violations spread wider than the cooling period', () => {
    const l = new SendLimiter()
    const s = { ...settings, cooldownMs: 500 }
    for (let i = 0; i < 3; i++) l.take('a', 0, s)
    expect(l.take('a', 1, s)).toBe(false)
    expect(l.take('a', 1002, s)).toBe(true)
    expect(l.take('a', 1003, s)).toBe(false)
    expect(l.take('a', 2004, s)).toBe(true)
    expect(l.take('a', 2005, s)).toBe(false)
    expect(l.take('a', 3006, s)).toBe(true)
  })

  it('lets everything through when disabled', () => {
    const l = new SendLimiter()
    const off = { ...settings, enabled: false }
    expect(Array.from({ length: 50 }, () => l.take('a', 0, off)).every(Boolean)).toBe(true)
  })

  it('by default lets a person type a line every two seconds forever, not a burst of eleven', () => {
    const typing = new SendLimiter()
    expect(Array.from({ length: 200 }, (_, i) => typing.take('a', i * 2000, DEFAULT_RATE_LIMIT)).every(Boolean)).toBe(true)
    const burst = new SendLimiter()
    const answers = Array.from({ length: 11 }, (_, i) => burst.take('a', i * 50, DEFAULT_RATE_LIMIT))
    expect(answers.slice(0, 10).every(Boolean)).toBe(true)
    expect(answers[10]).toBe(false)
  })
})
