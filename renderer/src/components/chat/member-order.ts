import type { DiscussionMember, GroupMember } from '@contract'
import { isOnline } from '../../lib/presence'

export type AnyMember = GroupMember | DiscussionMember

const ROLE_RANK = { owner: 0, admin: 1, member: 2 } as const
const collator = new Intl.Collator(['zh-CN', 'en'], { sensitivity: 'base', numeric: true })

function roleRank(m: AnyMember): number {
  return 'role' in m ? ROLE_RANK[m.role] : 2
}

/** Owner, admins, then who is online, then by name: how QQ's member list read. */
export function orderMembers(members: readonly AnyMember[]): AnyMember[] {
  return [...members].sort(
    (a, b) => roleRank(a) - roleRank(b) || Number(isOnline(b.status)) - Number(isOnline(a.status)) || collator.compare(a.displayName, b.displayName),
  )
}
