import { z } from 'zod'
import { STATUS_NAMES } from '../../smartqq/status'
import type { EmulatorCore } from '../core'
import { faultRuleSchema } from '../faults'
import type { Route } from '../http/router'
import { WorldBuilder } from '../state/generator'
import type { Group } from '../state/world'
import { addFriendship } from '../web2/contacts'
import { controlRoute, jsonError, ownerOf, qqNumber as qq, readJson } from './control-api'

/**
 * Control API for the social graph and for faults: a person or test changes the world and the
 * affected sessions get the poll items the real service would have sent.
 */

const owner = { owner: qq.optional() }
// Each built on its first request (z.lazy), not at every start of the app that embeds the emulator.
const schemas = {
  friendAdd: z.lazy(() => z.object({ ...owner, qq: qq.optional(), nick: z.string().min(1).max(64).optional(), category: z.number().int().min(0).default(0), markname: z.string().max(64).optional() })),
  friendRemove: z.lazy(() => z.object({ ...owner, qq })),
  groupAdd: z.lazy(() => z.object({ ...owner, name: z.string().min(1).max(64), members: z.number().int().min(0).max(3000).default(5) })),
  groupLeave: z.lazy(() => z.object({ ...owner, number: z.string(), kicked: z.boolean().default(false) })),
  /** `by`: who let the member in (join) or removed them (kick), a member; the owner by default. */
  member: z.lazy(() => z.object({
    number: z.string(),
    qq: qq.optional(),
    nick: z.string().min(1).max(64).optional(),
    action: z.enum(['join', 'leave', 'kick', 'admin', 'unadmin']),
    by: qq.optional(),
  })),
  rename: z.lazy(() => z.object({ kind: z.enum(['person', 'group', 'discussion']), id: z.string(), name: z.string().min(1).max(64) })),
  card: z.lazy(() => z.object({ number: z.string(), qq, card: z.string().max(64) })),
  presence: z.lazy(() => z.object({ qq, status: z.enum(STATUS_NAMES), clientType: z.number().int().optional() })),
  request: z.lazy(() => z.object({ ...owner, from: qq.optional(), nick: z.string().min(1).max(64).optional(), msg: z.string().max(200).default('') })),
  faultRemove: z.lazy(() => z.object({ id: z.number().int() })),
}

export function contactsControlRoutes(emu: EmulatorCore): Route[] {
  const world = emu.world
  const builder = new WorldBuilder(world, emu.rng.fork('control'))
  const personOf = (id: string | undefined, nick: string | undefined) => {
    if (id) {
      if (!world.person(id)) throw jsonError(404, 'no such person')
      return world.person(id)!
    }
    return builder.person(nick ? { nick } : {})
  }
  const groupOf = (number: string): Group => {
    const g = world.groups.get(number)
    if (!g) throw jsonError(404, 'no such group')
    return g
  }
  const post = <T>(name: string, schema: z.ZodType<T>, act: (input: T) => unknown): Route =>
    controlRoute(name, ['POST'], async (ctx) => ctx.json((await act(await readJson(ctx, schema))) ?? { ok: true }))

  return [
    controlRoute('contacts', ['GET'], (ctx) => {
      const who = ownerOf(emu, ctx.query.get('owner') ?? undefined)
      const g = world.graph(who)
      const ids = emu.channels.live(who)?.login.ids
      ctx.json({
        categories: g.categories,
        friends: g.friends.map((f) => ({ ...world.person(f.qq)!, category: f.category, markname: f.markname ?? null, uin: ids?.uin(f.qq) ?? null })),
        groups: g.groups.map((n) => {
          const x = world.groups.get(n)!
          return { number: x.number, name: x.name, owner: x.owner, members: x.members, chatterPerMinute: x.chatterPerMinute ?? 0, gid: ids?.gid(n) ?? null, code: ids?.code(n) ?? null }
        }),
        discussions: g.discussions.map((id) => world.discussions.get(id)!),
        requests: [...g.requests].map(([from, msg]) => ({ from, msg })),
      })
    }),
    post('contacts.friend.add', schemas.friendAdd, (i) => {
      const who = ownerOf(emu, i.owner)
      const p = personOf(i.qq, i.nick)
      const cat = world.graph(who).categories.some((c) => c.index === i.category) ? i.category : 0
      addFriendship(emu, who, p.qq, cat, i.markname)
      return { qq: p.qq, nick: p.nick }
    }),
    post('contacts.friend.remove', schemas.friendRemove, (i) => {
      const who = ownerOf(emu, i.owner)
      for (const [a, b] of [
        [who, i.qq],
        [i.qq, who],
      ] as const) {
        const g = world.graph(a)
        const before = g.friends.length
        g.friends = g.friends.filter((f) => f.qq !== b)
        if (g.friends.length < before) emu.notify.buddylistChange(a, [], [b])
      }
    }),
    post('contacts.group.add', schemas.groupAdd, (i) => {
      const who = ownerOf(emu, i.owner)
      const friends = world.graph(who).friends.map((f) => f.qq)
      const members = [who, ...friends.slice(0, i.members)]
      let number = String(emu.rng.int(100000, 999999999))
      while (world.groups.has(number)) number = String(emu.rng.int(100000, 999999999))
      const group: Group = { number, name: i.name, memo: '', owner: who, createTime: Math.floor(emu.now() / 1000), level: 0, flag: 0, cls: 10, face: 0, members: members.map((m) => ({ qq: m, mflag: 0 })) }
      world.groups.set(number, group)
      for (const m of members) world.graph(m).groups.push(number)
      emu.notify.groupMembership(group, who, 'join', who)
      return { number, name: i.name }
    }),
    post('contacts.group.leave', schemas.groupLeave, (i) => {
      const who = ownerOf(emu, i.owner)
      const group = groupOf(i.number)
      removeMember(group, who)
      emu.notify.groupMembership(group, who, i.kicked ? 'kicked' : 'leave', i.kicked ? group.owner : who)
    }),
    post('contacts.group.member', schemas.member, (i) => {
      const group = groupOf(i.number)
      const by = i.by ?? group.owner
      if (i.by && !group.members.some((m) => m.qq === i.by)) throw jsonError(409, '`by` is not a member')
      if (i.action === 'join') {
        const p = personOf(i.qq, i.nick)
        if (!group.members.some((m) => m.qq === p.qq)) {
          group.members.push({ qq: p.qq, mflag: 0 })
          world.graph(p.qq).groups.push(group.number)
        }
        emu.notify.groupMembership(group, p.qq, 'join', by)
        return { qq: p.qq, nick: p.nick }
      }
      if (!i.qq) throw jsonError(400, 'qq is required to leave, kick or change an admin')
      const member = group.members.find((m) => m.qq === i.qq)
      if (!member) throw jsonError(404, 'not a member')
      if (i.action === 'admin' || i.action === 'unadmin') {
        // mflag bit 1 is the admin bit (§5.5).
        member.mflag = i.action === 'admin' ? member.mflag | 1 : member.mflag & ~1
        emu.notify.groupAdmin(group, i.qq, i.action === 'admin')
        return { qq: i.qq }
      }
      removeMember(group, i.qq)
      emu.notify.groupMembership(group, i.qq, i.action === 'leave' ? 'leave' : 'kicked', i.action === 'leave' ? i.qq : by)
      return { qq: i.qq }
    }),
    post('contacts.rename', schemas.rename, (i) => {
      // No poll item announced renames; clients see them at their next list refresh.
      if (i.kind === 'person') personOf(i.id, undefined).nick = i.name
      else if (i.kind === 'group') groupOf(i.id).name = i.name
      else {
        const d = world.discussions.get(i.id)
        if (!d) throw jsonError(404, 'no such discussion')
        d.name = i.name
      }
    }),
    post('contacts.card', schemas.card, (i) => {
      const m = groupOf(i.number).members.find((x) => x.qq === i.qq)
      if (!m) throw jsonError(404, 'not a member')
      m.card = i.card || undefined
    }),
    post('contacts.presence', schemas.presence, (i) => {
      personOf(i.qq, undefined)
      emu.setPresence(i.qq, i.status, i.clientType)
    }),
    post('contacts.friend-request', schemas.request, (i) => {
      const who = ownerOf(emu, i.owner)
      const p = personOf(i.from, i.nick)
      world.graph(who).requests.set(p.qq, i.msg)
      emu.notify.friendRequest(who, p.qq, i.msg)
      return { from: p.qq, nick: p.nick }
    }),
    controlRoute('faults', ['GET', 'POST'], async (ctx) =>
      ctx.method === 'GET' ? ctx.json(emu.faults.list()) : ctx.json(emu.faults.add(await readJson(ctx, faultRuleSchema)), 201),
    ),
    post('faults.remove', schemas.faultRemove, (i) => ({ removed: emu.faults.remove(i.id) })),
    post('faults.clear', z.object({}), () => {
      emu.faults.clear()
    }),
  ]

  function removeMember(group: Group, who: string): void {
    group.members = group.members.filter((m) => m.qq !== who)
    const g = world.graph(who)
    g.groups = g.groups.filter((n) => n !== group.number)
  }
}
