import { toRaw } from 'vue'
import type { DiscussionMember, GroupMember } from '@contract'
import { isOnline } from '../../lib/presence'

export type AnyMember = GroupMember | DiscussionMember

const ROLE_RANK = { owner: 0, admin: 1, member: 2 } as const
const collator = new Intl.Collator(['zh-CN', 'en'], { sensitivity: 'base', numeric: true })

/** Each list sorted once: the panel opened again, the @ picker and the panel share it. */
const sorted = new WeakMap<readonly AnyMember[], readonly AnyMember[]>()

/**
 * Owner, admins, then who is online, then by name: how QQ's member list read. The list is
 * sorted once per member list the engine sent (2,000 names through the collator are most of
 * opening a big group's panel), and on its raw objects: read through a reactive proxy, every
 * comparison would be tracked.
 */
export function orderMembers(members: readonly AnyMember[]): readonly AnyMember[] {
  const raw = toRaw(members)
  const known = sorted.get(raw)
  if (known) return known
  // The rank is read once per member, not twice per comparison.
  const keyed = raw.map((m) => ({ m, rank: ('role' in m ? ROLE_RANK[m.role] : 2) * 2 + (isOnline(m.status) ? 0 : 1) }))
  keyed.sort((a, b) => a.rank - b.rank || collator.compare(a.m.displayName, b.m.displayName))
  const result = keyed.map((k) => k.m)
  sorted.set(raw, result)
  return result
}
