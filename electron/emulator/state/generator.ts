import type { StatusName } from '../../smartqq/status'
import { categoryName, chineseName, groupCard, groupName, markname, nickname, place, signature } from './names'
import type { Rng } from './rng'
import type { Discussion, Group, Person, SocialGraph, World } from './world'

/**
 * Builds an account's social graph, deterministically from the seed. The defaults give the
 * small friendly world `npm start` shows; the knobs scale it up for benchmarks.
 */
export interface GraphKnobs {
  friends: number
  /** Named categories besides the implicit "我的好友" (index 0). */
  categories: number
  groups: number
  membersPerGroup: number
  /** When > 0, the first generated group has this many members. */
  bigGroupMembers: number
  discussions: number
  /** Share of friends who are online. */
  onlineShare: number
  /** Scripted contacts (echo friend, keyword friend, chatty group and discussion). */
  scripted: boolean
}

export const DEFAULT_KNOBS: GraphKnobs = {
  friends: 12,
  categories: 3,
  groups: 3,
  membersPerGroup: 8,
  bigGroupMembers: 0,
  discussions: 1,
  onlineShare: 0.5,
  scripted: true,
}

const ONLINE_STATES: StatusName[] = ['online', 'online', 'online', 'away', 'busy', 'silent', 'callme']
const CLIENT_TYPES = [1, 1, 7, 21, 21, 24, 41, 42]

export class WorldBuilder {
  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  private freshQq(): string {
    for (;;) {
      const digits = this.rng.int(6, 10)
      const qq = String(this.rng.int(10 ** (digits - 1), Math.min(4294967295, 10 ** digits - 1)))
      if (!this.world.people.has(qq)) return qq
    }
  }

  person(overrides: Partial<Person> = {}, onlineShare = 0.5): Person {
    const rng = this.rng
    const online = rng.chance(onlineShare)
    const p: Person = {
      qq: this.freshQq(),
      nick: nickname(rng),
      face: rng.int(0, 200) * 3,
      gender: rng.pick(['male', 'female', 'female', 'male', 'unknown'] as const),
      lnick: signature(rng),
      birthday: { year: rng.int(1970, 2008), month: rng.int(1, 12), day: rng.int(1, 28) },
      ...place(rng),
      vipLevel: rng.chance(0.2) ? rng.int(1, 8) : 0,
      status: online ? rng.pick(ONLINE_STATES) : 'offline',
      clientType: rng.pick(CLIENT_TYPES),
      ...overrides,
    }
    this.world.people.set(p.qq, p)
    return p
  }

  private groupNumber(): string {
    for (;;) {
      const n = String(this.rng.int(100000, 999999999))
      if (!this.world.groups.has(n)) return n
    }
  }

  private discussionId(): string {
    for (;;) {
      const n = String(this.rng.int(100000000, 3999999999))
      if (!this.world.discussions.has(n)) return n
    }
  }

  /** Fills `owner`'s graph. */
  populate(owner: Person, knobs: GraphKnobs): SocialGraph {
    const rng = this.rng
    const graph = this.world.graph(owner.qq)
    for (let i = 1; i <= knobs.categories; i++) graph.categories.push({ index: i, name: categoryName(i - 1), sort: i })
    const categoryFor = () => (knobs.categories === 0 || rng.chance(0.25) ? 0 : rng.int(1, knobs.categories))

    const friends: Person[] = []
    const addFriend = (p: Person, category = categoryFor(), remark = rng.chance(0.3)) => {
      friends.push(p)
      graph.friends.push({
        qq: p.qq,
        category,
        markname: remark ? markname(rng, p.nick) : undefined,
        flag: rng.pick([0, 4, 8, 12]),
        infoFlag: rng.int(0, 2 ** 29),
      })
    }
    if (knobs.scripted) {
      addFriend(this.person({ nick: '回声', lnick: '你说什么，我就说什么', status: 'online', clientType: 41, bot: 'echo', face: 0 }), 0, false)
      addFriend(this.person({ nick: '小助手', lnick: '试试对我说：你好 / 时间 / 笑话 / 帮助', status: 'online', clientType: 1, bot: 'keywords', face: 96 }), 0, false)
    }
    while (friends.length < knobs.friends) addFriend(this.person({}, knobs.onlineShare))

    const strangers = () => this.person({}, knobs.onlineShare)
    const pickMembers = (n: number): string[] => {
      const chosen = new Set<string>([owner.qq])
      // Most members are friends; the rest are strangers (only reachable in the group).
      while (chosen.size < n) chosen.add(rng.chance(0.6) && friends.length ? rng.pick(friends).qq : strangers().qq)
      return [...chosen]
    }

    for (let i = 0; i < knobs.groups; i++) {
      const scripted = knobs.scripted && i === 0
      const size = scripted ? Math.max(6, knobs.membersPerGroup) : i === (knobs.scripted ? 1 : 0) && knobs.bigGroupMembers > 0 ? knobs.bigGroupMembers : knobs.membersPerGroup
      const members = pickMembers(Math.max(2, size))
      const ownerQq = rng.chance(0.2) ? owner.qq : rng.pick(members)
      const group: Group = {
        number: this.groupNumber(),
        name: scripted ? '吃瓜群' : groupName(rng, i),
        memo: scripted ? '群公告：文明吃瓜，禁止刷屏 & 广告' : rng.chance(0.5) ? '欢迎新同学！请修改群名片：姓名-城市' : '',
        owner: ownerQq,
        createTime: rng.int(1230000000, 1540000000),
        level: rng.int(0, 5),
        flag: rng.int(0, 2 ** 30),
        cls: rng.pick([10, 25, 27, 10011]),
        face: 0,
        members: members.map((qq) => {
          const p = this.world.people.get(qq)!
          return {
            qq,
            card: rng.chance(0.35) && qq !== owner.qq ? groupCard(rng, p.nick.length > 4 ? chineseName(rng) : p.nick) : undefined,
            mflag: qq !== ownerQq && rng.chance(0.08) ? 1 : 0,
          }
        }),
        chatterPerMinute: scripted ? 2 : undefined,
      }
      this.world.groups.set(group.number, group)
      for (const m of members) this.world.graph(m).groups.push(group.number)
      if (rng.chance(0.2)) graph.groupMarks.set(group.number, `${group.name}(备注)`)
      if (rng.chance(0.1)) graph.groupMasks.set(group.number, 1)
    }

    for (let i = 0; i < knobs.discussions; i++) {
      const scripted = knobs.scripted && i === 0
      const members = [owner.qq, ...new Set(Array.from({ length: rng.int(2, 5) }, () => rng.pick(friends).qq))]
      const d: Discussion = {
        id: this.discussionId(),
        name: scripted ? '周末去哪儿' : `${rng.pick(['项目', '旅行', '聚餐', '学习'])}讨论组${i + 1}`,
        owner: rng.pick(members),
        members,
        chatterPerMinute: scripted ? 1 : undefined,
      }
      this.world.discussions.set(d.id, d)
      for (const m of members) this.world.graph(m).discussions.push(d.id)
    }

    // A few recent conversations: friends, a group, a discussion (§5.8).
    for (const f of graph.friends.slice(0, 3)) graph.recent.push({ type: 0, ref: f.qq })
    if (graph.groups[0]) graph.recent.push({ type: 1, ref: graph.groups[0] })
    if (graph.discussions[0]) graph.recent.push({ type: 2, ref: graph.discussions[0] })
    // Friendship is mutual: the friend's graph lists the owner too.
    for (const f of friends) this.world.graph(f.qq).friends.push({ qq: owner.qq, category: 0, flag: 0, infoFlag: 0 })
    return graph
  }
}
