import type { ContactsSnapshot, Discussion, Friend, Group } from '@contract'
import { LayeredMap } from './layered-map'
import { isOnline } from './presence'
import { searchable } from './search-text'

export interface Indexed<T> {
  item: T
  /** Lower-cased names and numbers, joined: what the search box matches against. */
  text: string
}

export type FriendRow =
  | { type: 'category'; key: string; index: number; name: string; online: number; total: number; collapsed: boolean }
  | { type: 'friend'; key: string; friend: Friend }

type FriendItem = Extract<FriendRow, { type: 'friend' }>

export interface CategoryIndex {
  index: number
  /** As the service named it; '' for the default category (the view words it). */
  name: string
  /** Online first, then by name; each row built once here, not per keystroke. */
  friends: Indexed<FriendItem>[]
  online: number
  total: number
}

/** The friends in name order, kept to skip the sort when only presence changed. */
interface NameOrder {
  /** Everything the order and the search text depend on. */
  signature: string
  keys: string[]
  texts: string[]
}

export interface ContactIndex {
  categories: CategoryIndex[]
  order: NameOrder
  groups: Indexed<Group>[]
  discussions: Indexed<Discussion>[]
  /** Layered: a presence change (presence-update.ts) sets one friend without copying them all. */
  friendByKey: LayeredMap<Friend>
  groupByKey: ReadonlyMap<string, Group>
  discussionByKey: ReadonlyMap<string, Discussion>
}

// Chinese collation sorts by pinyin, as QQ's own lists did.
const collator = new Intl.Collator(['zh-CN', 'en'], { sensitivity: 'base', numeric: true })

function byName<T extends { displayName: string }>(a: Indexed<T>, b: Indexed<T>): number {
  return collator.compare(a.item.displayName, b.item.displayName)
}

function friendText(f: Friend): string {
  return searchable(f.displayName, f.nick, f.markname, f.qq)
}

/**
 * Friends in name order. Collating thousands of names is the costly step, and most snapshots
 * differ from the last one only in who is online, so the previous order is reused when no name
 * changed.
 */
function byNameOrder(friends: readonly Friend[], previous: NameOrder | undefined): { sorted: Indexed<Friend>[]; order: NameOrder } {
  const signature = friends.map((f) => `${f.key}\u0001${f.displayName}\u0001${f.nick}\u0001${f.markname ?? ''}\u0001${f.qq ?? ''}`).join('\u0002')
  if (previous?.signature === signature) {
    const byKey = new Map(friends.map((f) => [f.key, f]))
    const sorted = previous.keys.flatMap((k, i) => {
      const f = byKey.get(k)
      return f ? [{ item: f, text: previous.texts[i] ?? friendText(f) }] : []
    })
    return { sorted, order: previous }
  }
  const sorted = friends.map((f) => ({ item: f, text: friendText(f) })).sort(byName)
  return { sorted, order: { signature, keys: sorted.map((f) => f.item.key), texts: sorted.map((f) => f.text) } }
}

/** Built once per snapshot; every keystroke then only filters these. */
export function indexContacts(s: ContactsSnapshot, previous?: ContactIndex): ContactIndex {
  const { sorted, order } = byNameOrder(s.friends, previous?.order)
  const friends = sorted.map(({ item, text }) => ({ item: { type: 'friend' as const, key: `f:${item.key}`, friend: item }, text }))
  const cats = new Map<number, CategoryIndex>()
  const addCategory = (index: number, name: string): CategoryIndex => {
    const entry: CategoryIndex = { index, name, friends: [], online: 0, total: 0 }
    cats.set(index, entry)
    return entry
  }
  // A friend in a category the list did not name still needs a home (the service is not always consistent).
  const categoryOf = (index: number): CategoryIndex => cats.get(index) ?? addCategory(index, '')
  for (const c of [...s.categories].sort((a, b) => a.sort - b.sort || a.index - b.index)) addCategory(c.index, c.name)
  const offline: Indexed<FriendItem>[] = []
  for (const f of friends) {
    if (!isOnline(f.item.friend.status)) {
      offline.push(f)
      continue
    }
    const cat = categoryOf(f.item.friend.category)
    cat.friends.push(f)
    cat.online++
  }
  for (const f of offline) categoryOf(f.item.friend.category).friends.push(f)
  for (const c of cats.values()) c.total = c.friends.length

  const groups = s.groups.map((g) => ({ item: g, text: searchable(g.displayName, g.name, g.markname) })).sort(byName)
  const discussions = s.discussions.map((d) => ({ item: d, text: searchable(d.displayName, d.name) })).sort(byName)
  return {
    categories: [...cats.values()],
    order,
    groups,
    discussions,
    friendByKey: LayeredMap.of(s.friends.map((f) => [f.key, f] as const)),
    groupByKey: new Map(s.groups.map((g) => [g.key, g])),
    discussionByKey: new Map(s.discussions.map((d) => [d.key, d])),
  }
}

/** Per list, the last needles asked of it and what each matched, newest last. */
const lastMatches = new WeakMap<readonly Indexed<unknown>[], Array<{ needle: string; found: readonly Indexed<unknown>[] }>>()
/** Enough for backspacing over a word typed on. */
const KEPT_NEEDLES = 8

/**
 * The entries of `list` whose text holds `needle`, in list order: one `includes` per entry. A
 * needle that holds one asked before (typing on: "Lu" after "L") filters that one's matches
 * instead of the whole list, since a text holding the longer needle holds the shorter one too;
 * a needle asked lately (backspacing: "Luck" after "Lucky") gets its matches back as they were.
 * Lists are keyed by identity: an index never changes one in place (a new snapshot or a presence
 * batch makes new ones).
 */
export function matching<T>(list: readonly Indexed<T>[], needle: string): readonly Indexed<T>[] {
  if (!needle) return list
  const kept = (lastMatches.get(list) ?? []) as Array<{ needle: string; found: readonly Indexed<T>[] }>
  const same = kept.find((k) => k.needle === needle)
  if (same) return same.found
  let from: readonly Indexed<T>[] = list
  for (const k of kept) if (needle.includes(k.needle) && k.found.length < from.length) from = k.found
  const found = from.filter((x) => x.text.includes(needle))
  lastMatches.set(list, [...kept.slice(1 - KEPT_NEEDLES), { needle, found }])
  return found
}

/** How many friends the search box matches (the friends tab's count), without building any row. */
export function friendMatches(categories: readonly CategoryIndex[], needle: string): number {
  let n = 0
  for (const c of categories) n += needle ? matching(c.friends, needle).length : c.total
  return n
}

/**
 * The friends tab as flat rows for the virtual list. While searching, collapse is ignored and
 * categories without a match are left out; the counts always describe the whole category.
 */
export function friendRows(categories: readonly CategoryIndex[], needle: string, collapsed: ReadonlySet<number>): FriendRow[] {
  const rows: FriendRow[] = []
  for (const c of categories) {
    const found = matching(c.friends, needle)
    if (needle && found.length === 0) continue
    const isCollapsed = !needle && collapsed.has(c.index)
    rows.push({ type: 'category', key: `c:${c.index}`, index: c.index, name: c.name, online: c.online, total: c.total, collapsed: isCollapsed })
    if (!isCollapsed) for (const f of found) rows.push(f.item)
  }
  return rows
}

export function filterIndexed<T>(list: readonly Indexed<T>[], needle: string): T[] {
  return matching(list, needle).map((x) => x.item)
}
