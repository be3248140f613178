/**
 * A read-only key → value lookup that a change copies cheaply: the changes since the last fold
 * sit on a shared base, and are folded into a new base once there are enough of them. A batch
 * copies the changes so far, a fold the whole base: with n entries, folding at about 8·√n changes
 * keeps both small (5,000 friends, 100 presence changes a second in batches of ~20, issue 13: a
 * fold of 5,000 every ~28 batches, not every 3, and ≤ 566 changes copied per batch).
 * Every version stays valid: nothing a previous version reads is ever mutated.
 */
const foldAt = (size: number): number => Math.max(64, Math.ceil(8 * Math.sqrt(size)))

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
    if (changes.size < foldAt(this.base.size)) return new LayeredMap(this.base, changes)
    const base = new Map(this.base)
    for (const [key, value] of changes) base.set(key, value)
    return new LayeredMap(base, new Map())
  }
}
