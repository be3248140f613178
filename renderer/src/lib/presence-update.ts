import type { Events, Friend } from '@contract'
import type { CategoryIndex, ContactIndex } from './contact-index'
import { isOnline } from './presence'

/** One friend's change in a `buddy.status` batch. */
export type PresenceDelta = Events['buddy.status']['changes'][number]

/** Each friend's place in a name order: built at the first presence change after the order changed. */
const ranks = new WeakMap<ContactIndex['order'], ReadonlyMap<string, number>>()

function rankIn(order: ContactIndex['order']): ReadonlyMap<string, number> {
  let rank = ranks.get(order)
  if (!rank) {
    rank = new Map(order.keys.map((k, i) => [k, i]))
    ranks.set(order, rank)
  }
  return rank
}

/**
 * The index after some friends' presence changed (a batch of `buddy.status`, in arrival order:
 * the last change of a friend wins), without indexing the lists again: only the categories of
 * friends whose status or client changed are laid out anew (online first, each part in name
 * order, as indexContacts lays it out), each copied once for the batch; the name order, search
 * texts, groups and discussions stay as they are. Undefined when nothing changed (every delta
 * for a friend the index does not know, or saying what it already knew).
 */
export function withPresence(index: ContactIndex, deltas: Iterable<PresenceDelta>): ContactIndex | undefined {
  const changed = new Map<string, Friend>()
  for (const d of deltas) {
    const before = changed.get(d.key) ?? index.friendByKey.get(d.key)
    if (before) changed.set(d.key, { ...before, status: d.status, client: d.client })
  }
  for (const [key, f] of changed) {
    const before = index.friendByKey.get(key)!
    if (before.status === f.status && before.client === f.client) changed.delete(key)
  }
  if (changed.size === 0) return undefined
  const byCategory = new Map<number, Friend[]>()
  for (const f of changed.values()) {
    const list = byCategory.get(f.category)
    if (list) list.push(f)
    else byCategory.set(f.category, [f])
  }
  const rank = rankIn(index.order)
  return {
    ...index,
    categories: index.categories.map((c) => {
      const moved = byCategory.get(c.index)
      return moved ? placed(c, moved, index.friendByKey, rank) : c
    }),
    friendByKey: index.friendByKey.with(changed),
  }
}

/** The first place in friends[lo, hi) (in name order there) whose name rank is not below `own`. */
function lowerBound(friends: CategoryIndex['friends'], lo: number, hi: number, own: number, rank: ReadonlyMap<string, number>): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((rank.get(friends[mid]!.item.friend.key) ?? Infinity) < own) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The category with each friend taken out and put back where its new presence and its name put
 * it. Both parts (the first `online` rows, the rest) are in name order: a friend is found and
 * placed by binary search, not by a walk through the category.
 */
function placed(c: CategoryIndex, moved: readonly Friend[], before: ContactIndex['friendByKey'], rank: ReadonlyMap<string, number>): CategoryIndex {
  const friends = c.friends.slice()
  let online = c.online
  for (const friend of moved) {
    const own = rank.get(friend.key) ?? Infinity
    const wasOnline = isOnline(before.get(friend.key)!.status)
    let at = lowerBound(friends, wasOnline ? 0 : online, wasOnline ? online : friends.length, own, rank)
    // A friend the name order does not know (it always should) is looked for the slow way.
    if (friends[at]?.item.friend.key !== friend.key) at = friends.findIndex((f) => f.item.friend.key === friend.key)
    const old = friends[at]
    if (!old) continue
    friends.splice(at, 1)
    if (isOnline(old.item.friend.status)) online--
    const goesOnline = isOnline(friend.status)
    friends.splice(lowerBound(friends, goesOnline ? 0 : online, goesOnline ? online : friends.length, own, rank), 0, { item: { ...old.item, friend }, text: old.text })
    if (goesOnline) online++
  }
  return { ...c, friends, online }
}
