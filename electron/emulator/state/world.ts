import type { StatusName } from '../../smartqq/status'

/**
 * The emulated service's model of people and their relations, keyed by stable numbers (QQ
 * numbers, group numbers, discussion ids). The per-login opaque ids clients see are in IdMap.
 */

/** Scripted behaviour of a contact, so `npm start` feels alive (§ issue: scripted contacts). */
export type Bot = 'echo' | 'keywords'

export interface Person {
  qq: string
  nick: string
  face: number
  gender: 'male' | 'female' | 'unknown'
  /** Signature ("long nick"). */
  lnick: string
  birthday: { year: number; month: number; day: number }
  country: string
  province: string
  city: string
  /** 0 = not a VIP. */
  vipLevel: number
  /** Presence as others see it ('offline' when not online). */
  status: StatusName
  /** §5.7: 1 PC, 21 mobile, 24 iPhone, 41 web, 42 pad. */
  clientType: number
  bot?: Bot
}

export interface Category {
  index: number
  name: string
  sort: number
}

export interface FriendEntry {
  qq: string
  /** Category index; 0 is the implicit "我的好友". */
  category: number
  /** The owner's remark for this friend. */
  markname?: string
  /** Opaque bitfields the service sent (friends[].flag, info[].flag). */
  flag: number
  infoFlag: number
}

export interface GroupMember {
  qq: string
  /** Group business card (群名片). */
  card?: string
  /** Bitfield; 1 = admin (§5.5). */
  mflag: number
}

export interface Group {
  /** The public group number (t_gcode). */
  number: string
  name: string
  memo: string
  owner: string
  createTime: number
  level: number
  flag: number
  /** `class` in ginfo. */
  cls: number
  face: number
  members: GroupMember[]
  /** Members chat here on their own (scripted), messages per minute. */
  chatterPerMinute?: number
}

export interface Discussion {
  id: string
  name: string
  owner: string
  members: string[]
  chatterPerMinute?: number
}

/** What one account sees: its friends, groups and discussions. */
export interface SocialGraph {
  categories: Category[]
  /** Order is the order of get_user_friends2's parallel arrays. */
  friends: FriendEntry[]
  groups: string[]
  /** gmasklist: 0 receive, 1 receive silently, 2 block (§5.3). */
  groupMasks: Map<string, 0 | 1 | 2>
  /** gmarklist: the account's remark for a group. */
  groupMarks: Map<string, string>
  discussions: string[]
  /** get_recent_list2 (§5.8), newest first. */
  recent: Array<{ type: 0 | 1 | 2; ref: string }>
  /** Friend requests waiting for an answer: requester QQ → message. */
  requests: Map<string, string>
}

export function emptyGraph(): SocialGraph {
  return {
    categories: [],
    friends: [],
    groups: [],
    groupMasks: new Map(),
    groupMarks: new Map(),
    discussions: [],
    recent: [],
    requests: new Map(),
  }
}

export class World {
  readonly people = new Map<string, Person>()
  readonly groups = new Map<string, Group>()
  readonly discussions = new Map<string, Discussion>()
  readonly graphs = new Map<string, SocialGraph>()

  person(qq: string): Person | undefined {
    return this.people.get(qq)
  }

  graph(qq: string): SocialGraph {
    let g = this.graphs.get(qq)
    if (!g) {
      g = emptyGraph()
      this.graphs.set(qq, g)
    }
    return g
  }

  friendOf(owner: string, qq: string): FriendEntry | undefined {
    return this.graphs.get(owner)?.friends.find((f) => f.qq === qq)
  }

  /** Group numbers of the groups `qq` belongs to. */
  groupsOf(qq: string): string[] {
    return this.graph(qq).groups
  }

  member(group: Group, qq: string): GroupMember | undefined {
    return group.members.find((m) => m.qq === qq)
  }
}
