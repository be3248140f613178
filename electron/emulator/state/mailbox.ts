/**
 * A channel session's event queue and its one held long poll (§6.1, §9 items 31–33).
 * Items are queued in wire form; a poll takes all of them, newest first, each exactly once.
 */
export interface PollItem {
  poll_type: string
  value: Record<string, unknown>
}

export interface SavedMailbox {
  items: PollItem[]
  nextMsgId: number
}

export type PollOutcome = { kind: 'items'; items: PollItem[] } | { kind: 'idle' } | { kind: 'superseded' } | { kind: 'ended' }

/**
 * The least time between two superseded polls' answers on one session. §9 item 33 completes the
 * older poll when a newer one comes (what the service really sent it is not recorded [U]); at
 * once every time, two clients polling one session against each other would each push the
 * other's poll aside and poll again at network speed. The first supersession is answered at once;
 * a later one within this gap waits out the rest of it, so such a pair makes about one request
 * a second, however fast they re-poll.
 */
export const SUPERSEDE_GAP_MS = 1000

interface Held {
  resolve: (o: PollOutcome) => void
  timer: NodeJS.Timeout
  /** What poll() returned for it (abandon names the poll it gives up). */
  outcome: Promise<PollOutcome>
}

export class Mailbox {
  private items: PollItem[] = []
  private held: Held | undefined
  private msgSeq: number
  private closed = false
  /** When the last superseded poll was (or is due to be) answered. */
  private supersededAt = -Infinity

  constructor(firstMsgId: number) {
    this.msgSeq = firstMsgId
  }

  /**
   * A mailbox a restart brings back (state/persist.ts): the items not yet delivered, in the
   * order they were queued, and the message counter, so msg_ids go on rising (clients drop an
   * item whose msg_id they have seen, §6.1). What the real service did with undelivered items
   * across its own restarts is not recorded [U]; a server that kept running would deliver them.
   */
  static from(saved: SavedMailbox): Mailbox {
    const box = new Mailbox(saved.nextMsgId)
    box.items = [...saved.items]
    return box
  }

  saved(): SavedMailbox {
    return { items: [...this.items], nextMsgId: this.msgSeq }
  }

  /** The per-recipient message counter (§6.5: small numbers like 25477). */
  nextMsgId(): number {
    return this.msgSeq++
  }

  get size(): number {
    return this.items.length
  }

  get isHeld(): boolean {
    return this.held !== undefined
  }

  push(item: PollItem): void {
    this.pushAll([item])
  }

  /** Several items that go out in one poll answer. */
  pushAll(items: readonly PollItem[]): void {
    if (this.closed) return
    this.items.push(...items)
    if (this.held) this.answer({ kind: 'items', items: this.drain() })
  }

  /** Everything queued, newest first (three clients expected that order, §6.1). */
  drain(): PollItem[] {
    const out = this.items.reverse()
    this.items = []
    return out
  }

  /**
   * A long poll: answered at once when items are queued, else held up to `holdMs`. A newer
   * poll supersedes a held one (messages go to the most recent poller, §8.4).
   */
  poll(holdMs: number): Promise<PollOutcome> {
    if (this.held) this.supersede()
    if (this.items.length) return Promise.resolve({ kind: 'items', items: this.drain() })
    if (this.closed) return Promise.resolve({ kind: 'ended' })
    let resolve!: (o: PollOutcome) => void
    const outcome = new Promise<PollOutcome>((r) => (resolve = r))
    const timer = setTimeout(() => this.answer({ kind: 'idle' }), holdMs)
    timer.unref()
    this.held = { resolve, timer, outcome }
    return outcome
  }

  /**
   * The client of this poll (what poll() returned) went away: if it is still held it is
   * forgotten; its items stay queued for the next poll. A poll already pushed aside is no
   * longer the held one, so its client leaving does not touch the newer poll.
   */
  abandon(poll: Promise<PollOutcome>): void {
    if (this.held?.outcome !== poll) return
    clearTimeout(this.held.timer)
    this.held = undefined
  }

  /**
   * The session ended. What is queued (a kick_message) is still delivered once; after that
   * polls learn the end at once.
   */
  close(): void {
    this.closed = true
    if (this.held) this.answer(this.items.length ? { kind: 'items', items: this.drain() } : { kind: 'ended' })
  }

  /** The held poll is pushed aside: it is answered at once, or when the gap since the last one is over. */
  private supersede(): void {
    const h = this.held!
    this.held = undefined
    clearTimeout(h.timer)
    const now = Date.now()
    this.supersededAt = Math.max(now, this.supersededAt + SUPERSEDE_GAP_MS)
    const wait = this.supersededAt - now
    if (wait <= 0) return h.resolve({ kind: 'superseded' })
    setTimeout(() => h.resolve({ kind: 'superseded' }), wait).unref()
  }

  private answer(o: PollOutcome): void {
    const h = this.held
    if (!h) return
    this.held = undefined
    clearTimeout(h.timer)
    h.resolve(o)
  }
}
