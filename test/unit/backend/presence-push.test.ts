import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PRESENCE_PUSH_EVERY_MS, PresencePush, type PresenceDelta } from '../../../electron/backend/presence-push'

/** The backend's `buddy.status` coalescing (issue 13): its window on fake timers. */

const d = (n: number, status: PresenceDelta['status'] = 'online'): PresenceDelta => ({ key: `f:q:${10000 + n}`, status, client: 'pc' })

let pushes: PresenceDelta[][]
let push: PresencePush
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  pushes = []
  push = new PresencePush((b) => pushes.push(b.changes))
})
afterEach(() => vi.useRealTimers())

describe('presence push', () => {
  it('sends a lone change on the next timer turn, with what the same pass added, the last change of a friend winning', () => {
    push.add(d(1, 'away'))
    push.add(d(2))
    push.add(d(1, 'busy'))
    expect(pushes).toEqual([])
    vi.advanceTimersByTime(1)
    expect(pushes).toEqual([[d(2), d(1, 'busy')]])
  })

  it('holds changes that come within the window after a push and sends them together at its end', () => {
    push.add(d(1))
    vi.advanceTimersByTime(1)
    push.add(d(2))
    vi.advanceTimersByTime(30)
    push.add(d(3))
    vi.advanceTimersByTime(PRESENCE_PUSH_EVERY_MS - 40)
    expect(pushes).toEqual([[d(1)]])
    vi.advanceTimersByTime(10)
    expect(pushes).toEqual([[d(1)], [d(2), d(3)]])
    // Quiet for a window: the next change goes out at once again.
    vi.advanceTimersByTime(PRESENCE_PUSH_EVERY_MS)
    push.add(d(4))
    vi.advanceTimersByTime(1)
    expect(pushes.at(-1)).toEqual([d(4)])
  })

  it('flush sends the queue now (before a snapshot) and leaves no timer to send it twice; cancel drops it', () => {
    push.add(d(1))
    push.flush()
    expect(pushes).toEqual([[d(1)]])
    push.flush()
    vi.advanceTimersByTime(PRESENCE_PUSH_EVERY_MS * 2)
    expect(pushes).toEqual([[d(1)]])
    push.add(d(2))
    push.cancel()
    vi.advanceTimersByTime(PRESENCE_PUSH_EVERY_MS * 2)
    expect(pushes).toEqual([[d(1)]])
  })
})
