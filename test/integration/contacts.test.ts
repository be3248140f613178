import { beforeEach, describe, expect, it } from 'vitest'
import { ContactService } from '../../electron/engine/contacts/contact-service'
import { Logger } from '../../electron/engine/log'
import { getGroupInfoExt2, getUserFriends2 } from '../../electron/engine/endpoints/contact-endpoints'
import type { GroupCode } from '../../electron/engine/endpoints/ids'
import type { Session } from '../../electron/engine/session'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'

const { emu, phone } = await useEmulator({ seed: 7 })
beforeEach(() => phone.post('/control/faults/clear', {}))

async function loaded(): Promise<{ session: Session; contacts: ContactService }> {
  const session = await loginWithPhone(emu.profile, phone)
  const contacts = new ContactService(session, new Logger())
  await contacts.load()
  return { session, contacts }
}

describe('contact service against the emulator', () => {
  it('loads self, friends with categories and remarks, groups, discussions, presence and recent', async () => {
    const { contacts } = await loaded()
    const s = contacts.snapshot
    const world = await phone.contacts()
    expect(s.failures).toEqual([])
    expect(s.loading).toEqual([])
    expect(s.self).toMatchObject({ qq: '2851234567', nick: '小企鹅', lnick: '今天也要开心呀' })
    // The emulator lists the account itself among its friends; the engine skips it.
    expect(s.friends).toHaveLength(world.friends.length)
    expect(s.categories.map((c) => c.index)).toEqual([0, 1, 2, 3])
    expect(s.groups).toHaveLength(3)
    expect(s.discussions).toHaveLength(1)
    for (const wf of world.friends) {
      const f = contacts.friendByUin(wf.uin)!
      expect(f.nick).toBe(wf.nick) // unescaped back to the raw name
      expect(f.displayName).toBe(wf.markname ?? wf.nick)
      expect(f.status).toBe(wf.status === 'hidden' ? 'offline' : wf.status)
      expect(f.category).toBe(wf.category)
    }
    expect(s.recent.length).toBeGreaterThanOrEqual(4)
    expect(s.recent.every((r) => (r.kind === 'friend' ? contacts.friend(r.key) : r.kind === 'group' ? contacts.group(r.key) : contacts.discussion(r.key)))).toBe(true)
  })

  it('unescapes names the service sent HTML-escaped', async () => {
    await phone.post('/control/contacts/friend/add', { nick: 'Tom & Jerry <3 "x"\u00a0y' })
    const { contacts } = await loaded()
    expect(contacts.snapshot.friends.map((f) => f.nick)).toContain('Tom & Jerry <3 "x"\u00a0y')
  })

  it('loads group members on demand with cards cut to 21 bytes, roles and friend remarks', async () => {
    const { contacts, session } = await loaded()
    const world = await phone.contacts()
    const wg = world.groups.find((g: { name: string }) => g.name === '吃瓜群')
    const group = contacts.snapshot.groups.find((g) => g.name === '吃瓜群')!
    const before = session.http.requestCount
    const details = await contacts.groupDetails(group.key)
    await contacts.groupDetails(group.key)
    expect(session.http.requestCount - before).toBe(1) // cached
    expect(details.members).toHaveLength(wg.members.length)
    const owner = details.members.find((m) => m.role === 'owner')!
    expect(owner).toBeDefined()
    for (const wm of wg.members) {
      if (!wm.card) continue
      const m = details.members.find((x) => x.displayName.length && Buffer.byteLength(x.card ?? '') > 0 && wm.card.startsWith(x.card ?? '\0'))
      expect(m, wm.card).toBeDefined()
      expect(Buffer.byteLength(m!.card!)).toBeLessThanOrEqual(21)
    }
    // A member who is a friend shows the friend's remark when they have no card.
    for (const m of details.members) if (!m.card && m.friendKey) expect(m.displayName).toBe(contacts.friend(m.friendKey)!.displayName)
  })

  it('keeps the member lists used most recently, and fetches one that went again', async () => {
    const session = await loginWithPhone(emu.profile, phone)
    const contacts = new ContactService(session, new Logger(), 2)
    await contacts.load()
    const [a, b, c] = contacts.snapshot.groups.map((g) => g.key)
    const asked = async (key: string) => {
      const before = session.http.requestCount
      await contacts.groupDetails(key)
      return session.http.requestCount - before
    }
    expect([await asked(a!), await asked(b!), await asked(c!)]).toEqual([1, 1, 1])
    // Two kept: b and c. c used again stays; a went first and is fetched again, which lets b go.
    expect([await asked(c!), await asked(a!), await asked(c!), await asked(b!)]).toEqual([0, 1, 0, 1])
  })

  it('loads discussion members with their real QQ numbers', async () => {
    const { contacts } = await loaded()
    const d = contacts.snapshot.discussions[0]!
    const details = await contacts.discussionDetails(d.key)
    expect(details.members.length).toBeGreaterThanOrEqual(2)
    expect(details.members.map((m) => m.qq)).toContain('2851234567')
  })

  it('gets retcode 6 when a gid is passed as the group code, and never makes that mistake itself', async () => {
    const { contacts, session } = await loaded()
    const group = contacts.snapshot.groups[0]!
    await expect(session.http.call(getGroupInfoExt2, { cred: session.cred, code: group.gid as unknown as GroupCode })).rejects.toMatchObject({ kind: 'protocol', retcode: 6 })
    await expect(contacts.groupDetails(group.key)).resolves.toMatchObject({ key: group.key })
  })

  it('is refused with retcode 50 when the hash is computed from a wrong ptwebqq', async () => {
    const { session } = await loaded()
    // Not 'f' × 64: the hash XORs the characters four apart, so any even run of one character
    // cancels out to the hash of "" — which is 2018's real ptwebqq (§3.10).
    const cred = { ...session.cred, ptwebqq: 'f'.repeat(63) + 'e' }
    await expect(session.http.call(getUserFriends2, { cred })).rejects.toMatchObject({ kind: 'protocol', retcode: 50 })
  })

  it('keeps stable keys across logins although uins, gids and codes change', async () => {
    const a = await loaded()
    const b = await loaded()
    const keysA = a.contacts.snapshot.friends.map((f) => f.key).sort()
    const keysB = b.contacts.snapshot.friends.map((f) => f.key).sort()
    expect(keysB).toEqual(keysA)
    expect(new Set(keysA).size).toBe(keysA.length)
    for (const f of a.contacts.snapshot.friends) expect(b.contacts.friend(f.key)!.uin).not.toBe(f.uin)
    for (const g of a.contacts.snapshot.groups) {
      const g2 = b.contacts.group(g.key)!
      expect(g2.gid).not.toBe(g.gid)
      expect(g2.code).not.toBe(g.code)
    }
    expect(a.contacts.snapshot.groups.map((g) => g.key).sort()).toEqual(b.contacts.snapshot.groups.map((g) => g.key).sort())
  })
})

describe('contact faults', () => {
  for (const retcode of [50, 13, 100100]) {
    it(`a group list refused with ${retcode} does not block friends, and a retry recovers`, async () => {
      await phone.post('/control/faults', { endpoint: 'get_group_name_list_mask2', fault: { kind: 'retcode', retcode } })
      const { contacts } = await loaded()
      const s = contacts.snapshot
      expect(s.friends.length).toBeGreaterThan(0)
      expect(s.discussions.length).toBe(1)
      expect(s.groups).toEqual([])
      expect(s.failures).toEqual([{ part: 'groups', error: expect.objectContaining({ kind: 'protocol', retcode }) }])
      await phone.post('/control/faults/clear', {})
      expect(await contacts.retry('groups')).toBe(true)
      expect(contacts.snapshot.groups).toHaveLength(3)
      expect(contacts.snapshot.failures).toEqual([])
    })
  }

  it('an empty group list is a valid state, not a failure', async () => {
    await phone.post('/control/faults', { endpoint: 'get_group_name_list_mask2', fault: { kind: 'empty' } })
    const { contacts } = await loaded()
    expect(contacts.snapshot.groups).toEqual([])
    expect(contacts.snapshot.failures).toEqual([])
  })

  it('slow lists still load, and the three lists (plus self info) are requested in parallel', async () => {
    for (const endpoint of ['get_user_friends2', 'get_group_name_list_mask2', 'get_discus_list']) {
      await phone.post('/control/faults', { endpoint, fault: { kind: 'delay', ms: 400 } })
    }
    const session = await loginWithPhone(emu.profile, phone)
    session.http.peakInFlight = 0
    const contacts = new ContactService(session, new Logger())
    await contacts.load()
    expect(contacts.snapshot.failures).toEqual([])
    expect(contacts.snapshot.groups).toHaveLength(3)
    expect(session.http.peakInFlight).toBeGreaterThanOrEqual(3)
  })

  it('a warm-up cancelled while self info and the lists are in flight rejects as cancelled, nothing left rejected unhandled', async () => {
    // Self info and the lists in flight at once, each ending in its own turn.
    for (const endpoint of ['get_self_info2', 'get_user_friends2', 'get_group_name_list_mask2']) {
      await phone.post('/control/faults', { endpoint, fault: { kind: 'delay', ms: 400 } })
    }
    const session = await loginWithPhone(emu.profile, phone)
    const stop = new AbortController()
    const unhandled: unknown[] = []
    const onUnhandled = (reason: unknown) => unhandled.push(reason)
    process.on('unhandledRejection', onUnhandled)
    try {
      const load = new ContactService(session, new Logger()).load(stop.signal)
      setTimeout(() => stop.abort(), 100)
      await expect(load).rejects.toMatchObject({ kind: 'cancelled' })
      await new Promise((r) => setTimeout(r, 50))
      expect(unhandled).toEqual([])
    } finally {
      process.off('unhandledRejection', onUnhandled)
    }
  })

  it('a malformed friend list is reported as malformed, and groups still load', async () => {
    await phone.post('/control/faults', { endpoint: 'get_user_friends2', fault: { kind: 'malformed' } })
    const { contacts } = await loaded()
    expect(contacts.snapshot.failures.map((f) => [f.part, f.error.kind])).toEqual([['friends', 'malformed']])
    expect(contacts.snapshot.groups).toHaveLength(3)
  })
})

describe('contact writes', () => {
  it('sets the long nick and the status', async () => {
    const { contacts } = await loaded()
    await contacts.setLongNick('新的签名 & <test>')
    expect(contacts.snapshot.self!.lnick).toBe('新的签名 & <test>')
    const st = await phone.state()
    expect(st.accounts.find((a: { qq: string }) => a.qq === '2851234567').lnick).toBe('新的签名 & <test>')
    await contacts.setStatus('busy')
    expect((await phone.state()).online).toEqual([{ qq: '2851234567', status: 'busy', since: expect.any(Number) }])
  })

  it('sees presence changes and accepts a friend request', async () => {
    const { contacts } = await loaded()
    const f = contacts.snapshot.friends.find((x) => x.status === 'offline')!
    const world = await phone.contacts()
    const qq = world.friends.find((x: { uin: string }) => x.uin === f.uin).qq
    await phone.post('/control/contacts/presence', { qq, status: 'away', clientType: 21 })
    await contacts.retry('online')
    expect(contacts.friend(f.key)).toMatchObject({ status: 'away', client: 'mobile' })

    const req = (await phone.post('/control/contacts/friend-request', { nick: '新朋友', msg: '我是你同学' })).body
    const before = contacts.snapshot.friends.length
    await contacts.answerRequest(req.from, { kind: 'accept', category: 1, markname: '同学小新' })
    expect(contacts.snapshot.friends).toHaveLength(before + 1)
    expect(contacts.snapshot.friends.find((x) => x.markname === '同学小新')).toMatchObject({ nick: '新朋友', category: 1 })
  })
})
