/**
 * A read-only key → value lookup that a change copies cheaply: the changes since the last fold
 * sit on a shared base, and are folded into a new base once there are FOLD_AT of them. With
 * 5,000 friends and 100 presence changes a second (issue 13), a batch of changes copies at most
 * FOLD_AT entries, plus the whole base once every FOLD_AT changes, instead of all 5,000 every time.
 * Every version stays valid: nothing a previous version reads is ever mutated.
 */
const FOLD_AT = 64

export class LayeredMap<V> {
  private constructor(
    private readonly base: ReadonlyMap<string, V>,
    private readonly changes: ReadonlyMap<string, V>,
  ) {}

  static of<V>(entries: Iterable<readonly [string, V]>): LayeredMap<V> {
    return new LayeredMap(new Map(entries), new Map())
  }

  get(key: string): V | undefined {
    return this.changes.has(key) ? this.changes.get(key) : this.base.get(key)
  }

  /** A new version with `entries` set (one copy of the changes for the lot); this one is unchanged. */
  with(entries: Iterable<readonly [string, V]>): LayeredMap<V> {
    const changes = new Map(this.changes)
    for (const [key, value] of entries) changes.set(key, value)
    if (changes.size < FOLD_AT) return new LayeredMap(this.base, changes)
    return new LayeredMap(new Map([...this.base, ...changes]), new Map())
  }
}
