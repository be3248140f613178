/**
 * One pending call per key. Each timer keeps the arguments it was scheduled with, so a draft
 * typed in one conversation is saved to that conversation even after the user switched chats.
 */
export class KeyedDebounce<A> {
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; args: A }>()

  constructor(
    private readonly delayMs: number,
    private readonly run: (args: A) => void,
  ) {}

  schedule(key: string, args: A): void {
    this.cancel(key)
    this.timers.set(key, { args, timer: setTimeout(() => this.flush(key), this.delayMs) })
  }

  flush(key: string): void {
    const pending = this.timers.get(key)
    if (!pending) return
    clearTimeout(pending.timer)
    this.timers.delete(key)
    this.run(pending.args)
  }

  flushAll(): void {
    for (const key of [...this.timers.keys()]) this.flush(key)
  }

  cancel(key: string): void {
    const pending = this.timers.get(key)
    if (pending) clearTimeout(pending.timer)
    this.timers.delete(key)
  }
}
