import type { DiscussionDetails, DiscussionMember, GroupDetails, GroupMember } from '../../model'

/** Each member list the engine loaded, by uin: made once per list (a refresh is a new list). */
const byUin = new WeakMap<object, Map<string, GroupMember | DiscussionMember>>()

/**
 * A group's or discussion's member by uin. Every message of a busy 2,000-member group names its
 * sender this way (and is checked for an @ of me): a scan of the list per message added up.
 */
export function memberByUin(details: GroupDetails, uin: string): GroupMember | undefined
export function memberByUin(details: GroupDetails | DiscussionDetails, uin: string): GroupMember | DiscussionMember | undefined
export function memberByUin(details: GroupDetails | DiscussionDetails, uin: string): GroupMember | DiscussionMember | undefined {
  let index = byUin.get(details.members)
  if (!index) {
    index = new Map(details.members.map((m) => [m.uin, m]))
    byUin.set(details.members, index)
  }
  return index.get(uin)
}
