import type { Events } from '../ipc/contract'

export type PresenceDelta = Events['buddy.status']['changes'][number]

/**
 * The shortest time between two `buddy.status` pushes. A quarter second (issue 13): 100 changes a
 * second cost ≤ 4 WebSocket frames and list updates a second, where every update redraws the rows
 * in view and each push and its frame cost the backend ~1 ms; a lone change still goes at once.
 */
export const PRESENCE_PUSH_EVERY_MS = 250

/**
 * Presence changes (§6.2 buddies_status_change) coalesced into `buddy.status` batches. One poll
 * answer's items are handled in one synchronous pass (messages/dispatcher.ts), so whatever one
 * answer brings is one push. A change after a quiet spell (no push for PRESENCE_PUSH_EVERY_MS)
 * goes out once that answer is through — on the next timer turn, no waiting: a friend coming
 * online shows at once, which is what the user sees most. Changes during the window after a push
 * wait for its end and go out together: a stream costs at most 4 pushes a second, whatever the
 * rate of poll answers. A friend's last change in a batch wins (the earlier ones are stale).
 *
 * `flush` sends the queue now: the backend calls it before a contacts snapshot, so the renderer
 * sees the changes and the snapshot in the order the engine made them (the snapshot holds the
 * changes; a batch pushed after it could undo what it says, e.g. everyone offline when the session
 * is lost).
 */
export class PresencePush {
  private readonly pending = new Map<string, PresenceDelta>()
  private timer: NodeJS.Timeout | undefined
  private pushedAt = -Infinity

  constructor(private readonly push: (batch: Events['buddy.status']) => void) {}

  add(delta: PresenceDelta): void {
    // Deleted first, so the batch is in the order of each friend's last change.
    this.pending.delete(delta.key)
    this.pending.set(delta.key, delta)
    this.timer ??= setTimeout(() => this.flush(), Math.max(0, this.pushedAt + PRESENCE_PUSH_EVERY_MS - performance.now()))
  }

  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.pending.size === 0) return
    const changes = [...this.pending.values()]
    this.pending.clear()
    this.pushedAt = performance.now()
    this.push({ changes })
  }

  /** Forgets the queue (the engine that made it is gone). */
  cancel(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending.clear()
  }
}
