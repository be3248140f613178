import { randomBytes } from 'node:crypto'
import { friendHash } from '../../smartqq/hash'
import { isStatusName, statusCode } from '../../smartqq/status'
import type { EmulatorCore } from '../core'
import { faultOf } from '../faults'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { LoginSession } from '../state/logins'
import type { Person } from '../state/world'
import { htmlEscape as esc, truncateUtf8 } from './escape'
import { loginInvalid, retcode, vfwebqqMatches, type Cgi } from './guards'
import { fromQuery, fromQueryAndR, web2Routes, type Params } from './guarded-routes'

/** The contact endpoints of §5, with the real shapes. */
export function contactRoutes(emu: EmulatorCore): Route[] {
  const route = web2Routes(emu)
  const num = (id: string) => Number(id)
  const empty = (ctx: RequestContext) => faultOf(ctx)?.kind === 'empty'

  const needVf = (login: LoginSession, p: Params, cgi: Cgi) => {
    const channel = emu.channels.live(login.qq)
    if (!vfwebqqMatches(emu, login, channel, p.vfwebqq)) throw loginInvalid(cgi)
  }
  /** §5.1: hash of self uin + the current ptwebqq; wrong → 50 (the WebQQ-documented code). */
  const needHash = (login: LoginSession, p: Params) => {
    const expected = friendHash(login.qq, login.ptwebqq)
    const sent = typeof p.hash === 'string' ? p.hash : ''
    if (emu.config.strict ? sent !== expected : sent.toUpperCase() !== expected) throw retcode(50)
  }
  const person = (qq: string): Person => emu.world.person(qq)!
  const stat = (p: Person) => (p.status === 'offline' || p.status === 'hidden' ? 20 : statusCode(p.status))

  const profile = (p: Person, uin: string) => ({
    face: p.face,
    birthday: p.birthday,
    occupation: '',
    phone: '',
    allow: 1,
    college: '',
    uin: num(uin),
    constel: (p.birthday.month % 12) + 1,
    blood: 0,
    homepage: '',
    stat: stat(p),
    vip_info: p.vipLevel,
    country: esc(p.country),
    city: esc(p.city),
    personal: '',
    nick: esc(p.nick),
    shengxiao: ((p.birthday.year - 4) % 12) + 1,
    email: '',
    province: esc(p.province),
    gender: p.gender,
    mobile: '',
  })

  return [
    route.s('get_user_friends2', ['POST', 'GET'], async (ctx, login) => {
      const p = await fromQueryAndR(ctx)
      needVf(login, p, 's')
      needHash(login, p)
      const g = emu.world.graph(login.qq)
      const ids = login.ids
      const list = empty(ctx) ? [] : g.friends
      // The list may hold the account itself (§5.2); official clients skip it.
      const entries = [...list.map((f) => ({ ...f })), ...(list.length ? [{ qq: login.qq, category: 0, flag: 0, infoFlag: 0, markname: undefined }] : [])]
      ctx.json({
        retcode: 0,
        result: {
          friends: entries.map((f) => ({ flag: f.flag, uin: num(ids.uin(f.qq)), categories: f.category })),
          marknames: entries.filter((f) => f.markname).map((f) => ({ uin: num(ids.uin(f.qq)), markname: esc(f.markname!), type: 0 })),
          categories: g.categories.map((c) => ({ index: c.index, sort: c.sort, name: esc(c.name) })),
          vipinfo: entries.map((f) => {
            const pp = person(f.qq)
            return { vip_level: pp.vipLevel, u: num(ids.uin(f.qq)), is_vip: pp.vipLevel > 0 ? 1 : 0 }
          }),
          // Parallel to `friends`: same order, same length (§5.2).
          info: entries.map((f) => {
            const pp = person(f.qq)
            return { face: pp.face, flag: f.infoFlag, nick: esc(pp.nick), uin: num(ids.uin(f.qq)) }
          }),
        },
      })
    }),

    route.s('get_group_name_list_mask2', ['POST', 'GET'], async (ctx, login) => {
      const p = await fromQueryAndR(ctx)
      needVf(login, p, 's')
      needHash(login, p)
      const g = emu.world.graph(login.qq)
      const ids = login.ids
      const groups = empty(ctx) ? [] : g.groups.map((n) => emu.world.groups.get(n)!)
      ctx.json({
        retcode: 0,
        result: {
          gmasklist: [...g.groupMasks].filter(([n]) => groups.some((x) => x.number === n)).map(([n, mask]) => ({ gid: num(ids.gid(n)), mask })),
          gnamelist: groups.map((x) => ({ flag: x.flag, name: esc(x.name), gid: num(ids.gid(x.number)), code: num(ids.code(x.number)) })),
          gmarklist: groups.filter((x) => g.groupMarks.has(x.number)).map((x) => ({ uin: num(ids.gid(x.number)), markname: esc(g.groupMarks.get(x.number)!) })),
        },
      })
    }),

    route.s('get_discus_list', ['GET'], (ctx, login) => {
      const p = fromQuery(ctx)
      needVf(login, p, 's')
      const list = empty(ctx) ? [] : emu.world.graph(login.qq).discussions.map((id) => emu.world.discussions.get(id)!)
      ctx.json({ retcode: 0, result: { dnamelist: list.map((x) => ({ name: esc(x.name), did: num(x.id) })) } })
    }),

    route.s('get_group_info_ext2', ['GET'], (ctx, login) => {
      const p = fromQuery(ctx)
      needVf(login, p, 's')
      // Only a code names a group here; a gid (the usual client mistake) gets retcode 6 (§5.5).
      const number = login.ids.groupOfCode(p.gcode)
      const group = number ? emu.world.groups.get(number) : undefined
      if (!group || !group.members.some((m) => m.qq === login.qq)) throw retcode(6)
      const ids = login.ids
      const members = group.members
      ctx.json({
        retcode: 0,
        result: {
          ginfo: {
            face: group.face,
            memo: esc(group.memo),
            class: group.cls,
            fingermemo: '',
            code: num(ids.code(group.number)),
            createtime: group.createTime,
            flag: group.flag,
            level: group.level,
            name: esc(group.name),
            gid: num(ids.gid(group.number)),
            owner: num(ids.uin(group.owner)),
            option: 2,
            members: members.map((m) => ({ muin: num(ids.uin(m.qq)), mflag: m.mflag })),
          },
          // Parallel to ginfo.members (§5.5).
          minfo: members.map((m) => {
            const pp = person(m.qq)
            return {
              nick: esc(pp.nick),
              province: esc(pp.province),
              gender: pp.gender,
              uin: num(ids.uin(m.qq)),
              country: esc(pp.country),
              city: esc(pp.city),
            }
          }),
          stats: members
            .filter((m) => stat(person(m.qq)) !== 20)
            .map((m) => ({ client_type: person(m.qq).clientType, uin: num(ids.uin(m.qq)), stat: stat(person(m.qq)) })),
          // Cards were cut to 21 bytes by SmartQQ (§5.5); the cut happens on the raw text.
          cards: members.filter((m) => m.card).map((m) => ({ muin: num(ids.uin(m.qq)), card: esc(truncateUtf8(m.card!, 21)) })),
          vipinfo: members.map((m) => ({ vip_level: person(m.qq).vipLevel, u: num(ids.uin(m.qq)), is_vip: person(m.qq).vipLevel > 0 ? 1 : 0 })),
        },
      })
    }),

    route.channel('get_discu_info', ['GET'], { params: fromQuery, needsAttach: true }, (ctx, { login, params: p }) => {
      needVf(login, p, 'd')
      const disc = emu.world.discussions.get(String(p.did ?? ''))
      if (!disc || !disc.members.includes(login.qq)) throw retcode(100001)
      const ids = login.ids
      ctx.json({
        retcode: 0,
        result: {
          info: {
            did: num(disc.id),
            discu_owner: num(ids.uin(disc.owner)),
            discu_name: esc(disc.name),
            info_seq: disc.members.length,
            // ruin: the member's real QQ number, one of the few places it leaked (§5.6).
            mem_list: disc.members.map((qq) => ({ mem_uin: num(ids.uin(qq)), ruin: num(qq) })),
          },
          mem_status: disc.members
            .filter((qq) => stat(person(qq)) !== 20)
            .map((qq) => ({ uin: num(ids.uin(qq)), status: person(qq).status, client_type: person(qq).clientType })),
          mem_info: disc.members.map((qq) => ({ uin: num(ids.uin(qq)), nick: esc(person(qq).nick) })),
        },
      })
    }),

    route.channel('get_online_buddies2', ['GET'], { params: fromQuery }, (ctx, { login, channel, params: p }) => {
      needVf(login, p, 'd')
      // The call that registers the session on the connection server (§3.8, §8.3).
      channel.attached = true
      const online = empty(ctx)
        ? []
        : emu.world
            .graph(login.qq)
            .friends.map((f) => person(f.qq))
            .filter((pp) => pp.status !== 'offline' && pp.status !== 'hidden')
      ctx.json({ retcode: 0, result: online.map((pp) => ({ client_type: pp.clientType, status: pp.status, uin: num(login.ids.uin(pp.qq)) })) })
    }),

    route.channel('get_recent_list2', ['POST'], { params: fromQueryAndR }, (ctx, { login, params: p }) => {
      needVf(login, p, 'd')
      const ids = login.ids
      const recent = empty(ctx) ? [] : emu.world.graph(login.qq).recent
      ctx.json({
        retcode: 0,
        result: recent.map((r) => ({
          type: r.type,
          uin: num(r.type === 0 ? ids.uin(r.ref) : r.type === 1 ? ids.gid(r.ref) : r.ref),
        })),
      })
    }),

    route.s('get_self_info2', ['GET'], (ctx, login) => {
      const me = person(login.qq)
      ctx.json({
        retcode: 0,
        result: { ...profile(me, login.qq), lnick: esc(me.lnick), vfwebqq: login.vfwebqq, account: num(login.qq), uin: num(login.qq) },
      })
    }),

    route.s('get_friend_info2', ['GET'], (ctx, login) => {
      const p = fromQuery(ctx)
      needVf(login, p, 's')
      const qq = login.ids.qqOf(p.tuin)
      if (!qq || !emu.world.person(qq)) throw retcode(100001)
      ctx.json({ retcode: 0, result: profile(person(qq), p.tuin!) })
    }),

    // A non-friend's profile, e.g. who asks to be a friend (§5.10: get_friend_info2's shape plus
    // `token` and `client_type`; 2013 form `?tuin=&verifysession=&gid=0&code=&vfwebqq=&t=`).
    route.s('get_stranger_info2', ['GET'], (ctx, login) => {
      const p = fromQuery(ctx)
      needVf(login, p, 's')
      const qq = login.ids.qqOf(p.tuin)
      if (!qq || !emu.world.person(qq)) throw retcode(100001)
      const who = person(qq)
      ctx.json({ retcode: 0, result: { ...profile(who, p.tuin!), token: randomBytes(16).toString('hex'), client_type: who.clientType } })
    }),

    route.s('get_single_long_nick2', ['GET'], (ctx, login) => {
      const p = fromQuery(ctx)
      needVf(login, p, 's')
      const qq = login.ids.qqOf(p.tuin)
      if (!qq || !emu.world.person(qq)) throw retcode(100001)
      ctx.json({ retcode: 0, result: [{ uin: num(p.tuin!), lnick: esc(person(qq).lnick) }] })
    }),

    route.s('get_friend_uin2', ['GET'], (ctx, login) => {
      // Closed on 2017-04-17: it timed out or answered 404 (§5.12).
      if (emu.config.eraRules.friendUin2Closed) throw new HttpAnswer(404, '<html><body><h1>404 Not Found</h1></body></html>')
      const p = fromQuery(ctx)
      needVf(login, p, 's')
      if (p.type === '4') {
        const number = login.ids.groupOfCode(p.tuin)
        if (!number) throw retcode(100001)
        return ctx.json({ retcode: 0, result: { uiuin: '', account: num(number), uin: num(p.tuin!) } })
      }
      const qq = login.ids.qqOf(p.tuin)
      if (!qq) throw retcode(100001)
      ctx.json({ retcode: 0, result: { uiuin: '', account: num(qq), uin: num(p.tuin!) } })
    }),

    route.s('set_long_nick2', ['POST'], async (ctx, login) => {
      const p = await fromQueryAndR(ctx)
      needVf(login, p, 's')
      if (typeof p.nlk !== 'string') throw retcode(100001)
      person(login.qq).lnick = p.nlk.slice(0, 200)
      ctx.json({ retcode: 0, result: { result: 0 } })
    }),

    route.channel('change_status2', ['GET'], { params: fromQuery }, (ctx, { login, channel, params: p }) => {
      if (!isStatusName(p.newstatus)) throw retcode(100001)
      channel.status = p.newstatus
      emu.setPresence(login.qq, p.newstatus)
      ctx.json({ retcode: 0, result: 'ok' })
    }),

    route.s('allow_and_add2', ['POST'], async (ctx, login) => {
      const p = await fromQueryAndR(ctx)
      needVf(login, p, 's')
      const from = answerRequest(login, p)
      const category = Number(p.gid ?? 0)
      const g = emu.world.graph(login.qq)
      const cat = g.categories.some((c) => c.index === category) ? category : 0
      addFriendship(emu, login.qq, from, cat, typeof p.mname === 'string' && p.mname ? p.mname : undefined)
      ctx.json({ retcode: 0, result: { result1: 0, account: num(from), tuin: num(login.ids.uin(from)), stat: stat(person(from)) } })
    }),

    route.s('allow_added_request2', ['POST'], async (ctx, login) => {
      const p = await fromQueryAndR(ctx)
      needVf(login, p, 's')
      const from = answerRequest(login, p)
      // Allowed: the requester gets the account as a friend; the account does not add back.
      addFriendship(emu, from, login.qq, 0, undefined, true)
      ctx.json({ retcode: 0, result: { result: 0, account: num(from) } })
    }),

    route.s('deny_added_request2', ['POST'], async (ctx, login) => {
      const p = await fromQueryAndR(ctx)
      needVf(login, p, 's')
      const from = answerRequest(login, p)
      ctx.json({ retcode: 0, result: { result: 0, account: num(from) } })
    }),
  ]

  /** Takes a pending friend request off the list; 100001 when there is none from that account. */
  function answerRequest(login: LoginSession, p: Params): string {
    const from = String(p.account ?? '')
    const g = emu.world.graph(login.qq)
    if (!g.requests.has(from)) throw retcode(100001)
    g.requests.delete(from)
    return from
  }
}

/** Makes `b` a friend of `a` (and `a` of `b` unless one-sided), with the poll items that follow. */
export function addFriendship(emu: EmulatorCore, a: string, b: string, category: number, markname?: string, oneSided = false): void {
  const world = emu.world
  if (!world.friendOf(a, b)) {
    world.graph(a).friends.push({ qq: b, category, markname, flag: 0, infoFlag: 0 })
    emu.notify.buddylistChange(a, [{ qq: b, category }], [])
  }
  if (!oneSided && !world.friendOf(b, a)) {
    world.graph(b).friends.push({ qq: a, category: 0, flag: 0, infoFlag: 0 })
    emu.notify.buddylistChange(b, [{ qq: a, category: 0 }], [])
  }
}
