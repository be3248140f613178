/**
 * A channel session's event queue and its one held long poll (§6.1, §9 items 31–33).
 * Items are queued in wire form; a poll takes all of them, newest first, each exactly once.
 */
export interface PollItem {
  poll_type: string
  value: Record<string, unknown>
}

export type PollOutcome = { kind: 'items'; items: PollItem[] } | { kind: 'idle' } | { kind: 'superseded' } | { kind: 'ended' }

interface Held {
  resolve: (o: PollOutcome) => void
  timer: NodeJS.Timeout
}

export class Mailbox {
  private items: PollItem[] = []
  private held: Held | undefined
  private msgSeq: number
  private closed = false

  constructor(firstMsgId: number) {
    this.msgSeq = firstMsgId
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
    if (this.held) this.answer({ kind: 'superseded' })
    if (this.items.length) return Promise.resolve({ kind: 'items', items: this.drain() })
    if (this.closed) return Promise.resolve({ kind: 'ended' })
    return new Promise<PollOutcome>((resolve) => {
      const timer = setTimeout(() => this.answer({ kind: 'idle' }), holdMs)
      timer.unref()
      this.held = { resolve, timer }
    })
  }

  /** The client went away: a held poll is forgotten; its items stay queued for the next poll. */
  abandon(): void {
    if (!this.held) return
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

  private answer(o: PollOutcome): void {
    const h = this.held
    if (!h) return
    this.held = undefined
    clearTimeout(h.timer)
    h.resolve(o)
  }
}
