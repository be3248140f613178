import type {
  ClientKind,
  Discussion,
  DiscussionDetails,
  Friend,
  FriendCategory,
  Group,
  GroupDetails,
  GroupMember,
  SelfProfile,
  StatusName,
} from '../../model'
import { clientKind, isStatusName, statusName } from '../../smartqq/status'
import { htmlUnescape as un } from '../codec/html'
import type { DiscuInfoWire, FriendsWire, GroupInfoWire, GroupsWire, SelfWire } from '../endpoints/contact-endpoints'
import { KeyAllocator, discussionKey, displayName, friendKeyBase, groupKeyBase } from './identity'

/** Wire shapes (§5) → the app model: names unescaped, parallel arrays joined, stable keys. */

export function toStatus(s: string | number | undefined): StatusName {
  if (typeof s === 'number') return statusName(s) ?? 'offline'
  return isStatusName(s) ? s : 'offline'
}

export function toClient(type: number | undefined): ClientKind {
  return clientKind(type ?? 10000)
}

export function mapSelf(w: SelfWire, status: StatusName): SelfProfile {
  return {
    qq: w.account ?? w.uin,
    uin: w.uin,
    nick: un(w.nick),
    face: w.face,
    lnick: un(w.lnick),
    status,
    gender: w.gender,
    city: un(w.city),
  }
}

export function mapCategories(categories: FriendsWire['categories']): FriendCategory[] {
  const cats = categories.map((c) => ({ index: c.index, name: un(c.name), sort: c.sort ?? c.index }))
  // Category 0 ("我的好友") is implicit and usually absent (§5.2); the UI names it.
  if (!cats.some((c) => c.index === 0)) cats.unshift({ index: 0, name: '', sort: 0 })
  return cats.sort((a, b) => a.sort - b.sort)
}

/**
 * friends[i] and info[i] describe the same friend (§5.2: the official client pairs them by
 * position); pairing by uin guards against a server that did not.
 */
export function mapFriends(w: FriendsWire, selfUin: string): Friend[] {
  // Built only once a position does not pair (5,000 friends: the usual answer never needs them).
  let info: Map<string, FriendsWire['info'][number]> | undefined
  let vip: Map<string, number> | undefined
  const marks = byUin(w.marknames, (m) => m.uin, (m) => un(m.markname))
  const keys = new KeyAllocator()
  const out: Friend[] = []
  // One pass, an index loop: no closure call or pair array per friend (issue 13).
  for (let i = 0; i < w.friends.length; i++) {
    const f = w.friends[i]!
    const uin = f.uin
    if (uin === selfUin) continue // the list may hold the account itself
    const atI = w.info[i]
    const inf = atI?.uin === uin ? atI : (info ??= byUin(w.info, (x) => x.uin, (x) => x)).get(uin)
    // vipinfo comes in the friends' order too (§5.2's sample, the emulator): tried by position, paired by uin.
    const vipI = w.vipinfo[i]
    const vipLevel = vipI?.u === uin ? vipI.vip_level : (vip ??= byUin(w.vipinfo, (v) => v.u, (v) => v.vip_level)).get(uin)
    out.push(friendOf(keys, uin, f.categories, inf ? un(inf.nick) : '', inf?.face ?? 0, marks.get(uin) || undefined, vipLevel ?? 0))
  }
  return out
}

/**
 * One friend of the list (offline until presence is laid), names unescaped already: made alike
 * by mapFriends and by the friends' one pass (friends-pass.ts).
 */
export function friendOf(keys: KeyAllocator, uin: string, category: number, nick: string, face: number, markname: string | undefined, vipLevel: number): Friend {
  return {
    key: keys.take(friendKeyBase({ markname, nick, face })),
    uin,
    nick,
    markname,
    displayName: displayName(markname, nick, uin),
    face,
    category,
    vipLevel,
    status: 'offline',
    client: 'unknown',
  }
}

/** A list's entries as a Map by id, filled in one loop (no `[id, value]` array per entry). */
function byUin<T, V>(list: readonly T[], id: (x: T) => string, value: (x: T) => V): Map<string, V> {
  const map = new Map<string, V>()
  for (const x of list) map.set(id(x), value(x))
  return map
}

export function mapGroups(w: GroupsWire): Array<Group & { code: string }> {
  const masks = byUin(w.gmasklist, (m) => m.gid, (m) => m.mask)
  const marks = byUin(w.gmarklist, (m) => m.uin, (m) => un(m.markname))
  const keys = new KeyAllocator()
  const out: Array<Group & { code: string }> = []
  for (const g of w.gnamelist) {
    const name = un(g.name)
    const markname = marks.get(g.gid) || undefined
    const mask = masks.get(g.gid) ?? 0
    out.push({
      key: keys.take(groupKeyBase(name)),
      gid: g.gid,
      code: g.code,
      name,
      markname,
      displayName: displayName(markname, name, g.gid),
      mask: mask === 1 || mask === 2 ? mask : 0,
    })
  }
  return out
}

export function mapDiscussions(list: Array<{ did: string; name: string }>): Discussion[] {
  return list.map((d) => {
    const name = un(d.name)
    return { key: discussionKey(d.did), did: d.did, name, displayName: displayName(name, d.did) }
  })
}

/** ginfo.members and minfo are parallel (§5.5); cards and stats list only some members. */
export function mapGroupDetails(key: string, w: GroupInfoWire, friendsByUin: Map<string, Friend>): GroupDetails {
  const minfo = new Map(w.minfo.map((m) => [m.uin, m]))
  const cards = new Map(w.cards.map((c) => [c.muin, un(c.card)]))
  const stats = new Map(w.stats.map((s) => [s.uin, s]))
  const vip = new Map(w.vipinfo.map((v) => [v.u, v.vip_level]))
  const members: GroupMember[] = w.ginfo.members.map((m, i) => {
    const inf = w.minfo[i]?.uin === m.muin ? w.minfo[i] : minfo.get(m.muin)
    const nick = un(inf?.nick ?? '')
    const card = cards.get(m.muin) || undefined
    const friend = friendsByUin.get(m.muin)
    const st = stats.get(m.muin)
    return {
      uin: m.muin,
      nick,
      card,
      displayName: displayName(card, friend?.markname, nick, m.muin),
      status: st ? toStatus(st.stat) : 'offline',
      client: toClient(st?.client_type),
      role: m.muin === w.ginfo.owner ? 'owner' : m.mflag & 1 ? 'admin' : 'member',
      vipLevel: vip.get(m.muin) ?? 0,
      gender: inf?.gender ?? 'unknown',
      friendKey: friend?.key,
    }
  })
  return { key, memo: un(w.ginfo.memo), level: w.ginfo.level, createTime: w.ginfo.createtime, members }
}

export function mapDiscussionDetails(key: string, w: DiscuInfoWire, friendsByUin: Map<string, Friend>): DiscussionDetails {
  const nicks = new Map(w.mem_info.map((m) => [m.uin, un(m.nick)]))
  const stats = new Map(w.mem_status.map((s) => [s.uin, s]))
  return {
    key,
    ownerUin: w.info.discu_owner ?? '',
    members: w.info.mem_list.map((m) => {
      const nick = nicks.get(m.mem_uin) ?? ''
      const friend = friendsByUin.get(m.mem_uin)
      const st = stats.get(m.mem_uin)
      return {
        uin: m.mem_uin,
        qq: m.ruin,
        nick,
        displayName: displayName(friend?.markname, nick, m.ruin, m.mem_uin),
        status: st ? toStatus(st.status) : 'offline',
        client: toClient(st?.client_type),
        friendKey: friend?.key,
      }
    }),
  }
}
