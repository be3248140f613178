import type { ErrorView } from './errors'
import type { ClientKind, ContactPart, MemberRole, StatusName } from './values'

/**
 * Contacts as the app keeps and shows them. Plain data (it crosses IPC as JSON). Per-login
 * protocol ids (uin, gid, code) appear only where a view needs them for the current session;
 * everything the app keeps is keyed by `key`.
 */

/**
 * A contact's stable identity: survives the per-login uin / gid reassignment (§2.4), so history,
 * drafts and per-contact settings stay attached. Forms:
 * - `f:q:<qq>`        friend whose real QQ number is known
 * - `f:n:<markname or nick>/<face>[#n]`  friend otherwise (n disambiguates look-alikes in list
 *   order; the category is left out so moving a friend between categories keeps the history)
 * - `g:n:<group name>[#n]`  group (the service never gave the group number in SmartQQ)
 * - `d:<did>`         discussion (dids were not reassigned)
 * - `s:<group key>/<member name>`  temporary-session peer (a group or discussion member)
 */
export type ContactKey = string

export interface SelfProfile {
  qq: string
  uin: string
  nick: string
  face: number
  lnick: string
  status: StatusName
  gender: string
  city: string
}

export interface FriendCategory {
  index: number
  name: string
  sort: number
}

export interface Friend {
  key: ContactKey
  uin: string
  /** The real QQ number, when the protocol gave it. */
  qq?: string
  nick: string
  /** The user's remark for this friend. */
  markname?: string
  /** markname → nick → number: what to show. */
  displayName: string
  face: number
  category: number
  vipLevel: number
  status: StatusName
  client: ClientKind
}

export interface Group {
  key: ContactKey
  gid: string
  code: string
  name: string
  /** The user's remark for the group. */
  markname?: string
  displayName: string
  /** 0 receive, 1 receive without notification, 2 blocked (§5.3). */
  mask: 0 | 1 | 2
}

export interface GroupMember {
  uin: string
  nick: string
  /** Group business card (群名片). */
  card?: string
  /** card → friend remark → nick → number. */
  displayName: string
  status: StatusName
  client: ClientKind
  role: MemberRole
  vipLevel: number
  gender: string
  /** Key of the friend this member is, when they are one. */
  friendKey?: ContactKey
}

export interface GroupDetails {
  key: ContactKey
  memo: string
  level: number
  createTime: number
  members: GroupMember[]
}

export interface Discussion {
  key: ContactKey
  did: string
  name: string
  displayName: string
}

export interface DiscussionMember {
  uin: string
  qq?: string
  nick: string
  displayName: string
  status: StatusName
  client: ClientKind
  friendKey?: ContactKey
}

export interface DiscussionDetails {
  key: ContactKey
  ownerUin: string
  members: DiscussionMember[]
}

export interface RecentItem {
  kind: 'friend' | 'group' | 'discussion'
  key: ContactKey
}

/** A part of the contact list that failed to load; the rest loaded anyway. */
export interface LoadFailure {
  part: ContactPart
  error: ErrorView
}

export interface ContactsSnapshot {
  self: SelfProfile | undefined
  categories: FriendCategory[]
  friends: Friend[]
  groups: Group[]
  discussions: Discussion[]
  recent: RecentItem[]
  failures: LoadFailure[]
  /** Which parts are still loading. */
  loading: ContactPart[]
}
