// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { badgeLabel, setFavicon } from '../../../renderer/src/app/favicon-badge'
import { PERMISSION_TRUST_MS, grantedReader } from '../../../renderer/src/app/notify-permission-cache'
import { CHIME_QUIET_MS, playChime } from '../../../renderer/src/app/sound'

/** A busy group (issue 13: 50 messages a second) must not cost a chime and a favicon drawing per message. */
describe('attention in a burst', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  it('chimes once for a burst, and again once the burst is CHIME_QUIET_MS old', () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined)
    const now = vi.spyOn(performance, 'now')
    const at = (ms: number) => {
      now.mockReturnValue(1_000_000 + ms)
      return playChime()
    }
    const burst = Array.from({ length: 50 }, (_, i) => at(i * 20))
    expect(burst.filter(Boolean)).toHaveLength(1)
    expect(burst[0]).toBe(true)
    expect(at(CHIME_QUIET_MS)).toBe(true)
    expect(play).toHaveBeenCalledTimes(2)
  })

  it('draws the favicon again only when its badge reads differently, and always records the count', () => {
    // Each drawing starts with a canvas of its own.
    const create = vi.spyOn(document, 'createElement')
    const drawings = () => create.mock.calls.filter(([tag]) => tag === 'canvas').length
    for (const n of [0, 0, 1, 1, 2, 99, 100, 101, 250, 99, 0]) setFavicon(n)
    const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!
    // 0, 1, 2, 99, 99+ (100, 101, 250 read the same), 99, 0
    expect(drawings()).toBe(7)
    expect(link.dataset.count).toBe('0')
    expect(link.dataset.label).toBe('')
    expect([0, 7, 99, 100, 12345].map(badgeLabel)).toEqual(['', '7', '99', '99+', '99+'])
  })

  it('asks the browser for the notification permission once for a burst, and again once the answer is PERMISSION_TRUST_MS old or it changed', async () => {
    // Chromium answers Notification.permission with a synchronous call to the browser process.
    let permission: NotificationPermission = 'default'
    const reads = vi.fn(() => permission)
    vi.stubGlobal('Notification', Object.defineProperty(function Notification() {}, 'permission', { get: reads }))
    let changed: (() => void) | undefined
    const status = { addEventListener: (_: string, f: () => void) => (changed = f) }
    vi.stubGlobal('navigator', { permissions: { query: () => Promise.resolve(status) } })
    let now = 0
    const granted = grantedReader(() => now)
    await Promise.resolve()
    const burst = Array.from({ length: 50 }, (_, i) => ((now = i * 20), granted()))
    expect(burst.every((g) => !g)).toBe(true)
    expect(reads).toHaveBeenCalledTimes(1)
    // The user allows them from Settings: the Permissions API says so, the next message reads it.
    permission = 'granted'
    changed!()
    expect(granted()).toBe(true)
    expect(reads).toHaveBeenCalledTimes(2)
    // Changed in the browser's site settings (no event): seen within PERMISSION_TRUST_MS.
    permission = 'denied'
    now += PERMISSION_TRUST_MS
    expect(granted()).toBe(false)
  })
})
