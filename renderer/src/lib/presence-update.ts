import type { Events, Friend } from '@contract'
import type { CategoryIndex, ContactIndex } from './contact-index'
import { isOnline } from './presence'

export type PresenceDelta = Events['buddy.status']

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
 * The index after one friend's presence changed, without indexing the lists again: only that
 * friend's category is laid out anew (online first, each part in name order, as indexContacts
 * lays it out); the name order, search texts, groups and discussions stay as they are.
 * Undefined when the index does not know the friend.
 */
export function withPresence(index: ContactIndex, delta: PresenceDelta): ContactIndex | undefined {
  const before = index.friendByKey.get(delta.key)
  if (!before) return undefined
  const friend: Friend = { ...before, status: delta.status, client: delta.client }
  const rank = rankIn(index.order)
  return {
    ...index,
    categories: index.categories.map((c) => (c.index === friend.category ? placed(c, friend, rank) : c)),
    friendByKey: index.friendByKey.with(friend.key, friend),
  }
}

/** The category with the friend taken out and put back where its new presence and its name put it. */
function placed(c: CategoryIndex, friend: Friend, rank: ReadonlyMap<string, number>): CategoryIndex {
  const at = c.friends.findIndex((f) => f.item.friend.key === friend.key)
  const old = c.friends[at]
  if (!old) return c
  const friends = c.friends.toSpliced(at, 1)
  const onlineOthers = c.online - (isOnline(old.item.friend.status) ? 1 : 0)
  const online = isOnline(friend.status)
  // Binary search for the friend's name rank within its part (online: before onlineOthers).
  const own = rank.get(friend.key) ?? Infinity
  let lo = online ? 0 : onlineOthers
  let hi = online ? onlineOthers : friends.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((rank.get(friends[mid]!.item.friend.key) ?? Infinity) < own) lo = mid + 1
    else hi = mid
  }
  friends.splice(lo, 0, { item: { ...old.item, friend }, text: old.text })
  return { ...c, friends, online: onlineOthers + (online ? 1 : 0) }
}
