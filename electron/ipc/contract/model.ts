/**
 * The app's model of contacts and messages: what the engine produces and the UI shows. Plain
 * data (it crosses IPC as JSON). Per-login protocol ids (uin, gid, code) appear only where a
 * view needs them for the current session; everything the app keeps is keyed by `key`.
 */

export type StatusName = 'online' | 'away' | 'busy' | 'silent' | 'hidden' | 'offline' | 'callme'
export type ClientKind = 'pc' | 'mobile' | 'iphone' | 'web' | 'pad' | 'unknown'

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

export type ConversationKind = 'friend' | 'group' | 'discussion' | 'session'

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

export type MemberRole = 'owner' | 'admin' | 'member'

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

export type ContactPart = 'self' | 'friends' | 'groups' | 'discussions' | 'online' | 'recent'

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

/** An engine error as the UI sees it: words come from i18n by `kind` (and retcode). */
export interface ErrorView {
  kind: 'network' | 'timeout' | 'http' | 'protocol' | 'malformed' | 'session-lost' | 'cancelled' | 'bad-input'
  message: string
  retcode?: number
  status?: number
  reason?: string
}

// ---- messages ----

/** One piece of a message (§6.3), decoded; unknown wire elements become `unsupported`. */
export type Segment =
  | { type: 'text'; text: string }
  | { type: 'face'; id: number }
  | { type: 'image'; ref: string; name?: string }
  | { type: 'file'; name: string; size?: number; transfer?: string }
  | { type: 'unsupported'; label: string }

export interface Font {
  name: string
  size: number
  color: string
  bold: boolean
  italic: boolean
  underline: boolean
}

export type MessageStatus = 'received' | 'queued' | 'sending' | 'sent' | 'failed' | 'unknown'

export interface ConversationRef {
  kind: ConversationKind
  key: ContactKey
}

export interface ChatMessage {
  /** Local id, unique in the account's history. */
  id: string
  conversation: ConversationRef
  direction: 'in' | 'out'
  /** For group / discussion messages: who said it. */
  sender?: { key?: ContactKey; uin: string; name: string }
  /** Milliseconds since the epoch (server time for received messages): what to show, not what to sort by. */
  time: number
  /**
   * The message's place in its conversation, stored with it: larger is later. What was sent
   * comes before any answer to it; received messages keep the order the service delivered them
   * in; a reload shows the same order. Lists merge and sort by this, never by `time` (received
   * times are whole seconds, own ones milliseconds).
   */
  order: number
  segments: Segment[]
  status: MessageStatus
  /** Why a send failed or is uncertain. */
  error?: ErrorView
  /** The stored record could not be read: shown as a placeholder without content, never sent or retried. */
  damaged?: true
}
