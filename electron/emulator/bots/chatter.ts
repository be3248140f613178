import type { EmulatorCore } from '../core'
import type { Conversation } from '../notify'
import type { Rng } from '../state/rng'
import { DEFAULT_FONT, type Segment } from '../web2/content'

/**
 * Group and discussion small talk: scripted members post at the room's rate while one of its
 * accounts is online, so a logged-in client has something to show.
 */

const LINES = [
  '今天中午吃什么？',
  '有人周末一起打球吗',
  '哈哈哈哈哈',
  '刚下班，累死了',
  '这个瓜保熟吗',
  '早上好呀各位',
  '楼上说得对',
  '+1',
  '求推荐好看的电视剧',
  '外面下雨了，记得带伞',
  '冒个泡',
  '明天开会别迟到哦',
  '有没有人知道附近哪家奶茶好喝',
  '晚安，明天见',
]
/** Lines with characters the service escaped on delivery (§6.3). */
const ESCAPED_LINES = ['1 < 2 && 3 > 2，数学没毛病', '<b>这不是粗体</b>', 'A&B 组今晚聚餐，速来', '价格 < 100 元的都行']
const FACES = [14, 13, 73, 74, 46, 99, 21, 66, 63, 32]

/** One chat line; a mention is its own `@nick` segment, as received group messages had it (§6.3). */
export function chatterLine(rng: Rng, mention?: string): Segment[] {
  const line = rng.chance(0.15) ? rng.pick(ESCAPED_LINES) : rng.pick(LINES)
  const segments: Segment[] = mention ? [`@${mention}`, ' ', line] : [line]
  if (rng.chance(0.25)) segments.push(['face', rng.pick(FACES)])
  return segments
}

interface Room {
  conv: Conversation
  members: () => string[]
  /** How the room shows a member: group card, else nickname. */
  shownName: (qq: string) => string
  perMinute: number
  rng: Rng
}

/** While the rate is 0 (or chatter is off) a room looks again this often. */
const RECHECK_MS = 10_000

export function startChatter(emu: EmulatorCore): { stop(): void } {
  const world = emu.world
  const nick = (qq: string) => world.person(qq)?.nick ?? qq
  const rooms: Room[] = [
    ...[...world.groups.values()]
      .filter((g) => g.chatterPerMinute)
      .map((g) => ({
        conv: { kind: 'group' as const, group: g.number },
        members: () => g.members.map((m) => m.qq),
        shownName: (qq: string) => world.member(g, qq)?.card ?? nick(qq),
        perMinute: g.chatterPerMinute!,
        rng: emu.rng.fork(`chatter:group:${g.number}`),
      })),
    ...[...world.discussions.values()]
      .filter((d) => d.chatterPerMinute)
      .map((d) => ({
        conv: { kind: 'discussion' as const, did: d.id },
        members: () => d.members,
        shownName: nick,
        perMinute: d.chatterPerMinute!,
        rng: emu.rng.fork(`chatter:discussion:${d.id}`),
      })),
  ]
  const timers = new Map<Room, NodeJS.Timeout>()
  let stopped = false

  /** Someone reads the room: an account of it with a live session that receives messages. */
  const listened = (room: Room) =>
    room.members().some((qq) => {
      const c = emu.accounts.get(qq) && emu.channels.live(qq)
      return c && (c.attached || !emu.config.strict)
    })

  const post = (room: Room) => {
    const speakers = room.members().filter((qq) => !emu.accounts.get(qq))
    if (!speakers.length || !listened(room)) return
    const rng = room.rng
    const from = rng.pick(speakers)
    const others = room.members().filter((qq) => qq !== from)
    const mention = others.length && rng.chance(0.2) ? room.shownName(rng.pick(others)) : undefined
    emu.notify.message({ from, conv: room.conv, content: { segments: chatterLine(rng, mention), font: DEFAULT_FONT } })
  }

  const schedule = (room: Room) => {
    const rate = emu.config.chatterRate ?? room.perMinute
    const active = emu.config.chatter && rate > 0
    // Exponential gaps (a Poisson stream), never closer than a second.
    const delay = active ? Math.max(1000, (-Math.log(1 - room.rng.next()) * 60_000) / rate) : RECHECK_MS
    timers.set(
      room,
      emu.later(delay, () => {
        if (stopped) return
        if (active && emu.config.chatter) post(room)
        schedule(room)
      }),
    )
  }

  for (const room of rooms) schedule(room)
  return {
    stop() {
      stopped = true
      for (const t of timers.values()) emu.cancel(t)
      timers.clear()
    },
  }
}
