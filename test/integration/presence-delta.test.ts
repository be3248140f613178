import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppCore } from '../../electron/backend/app-core'
import type { Events } from '../../electron/ipc/contract'
import type { LoginView, SessionView } from '../../electron/model'
import { eventually } from '../support/client'
import { testBackend } from '../support/backend'
import { Phone, decodeQr } from '../support/emulator'

/**
 * buddies_status_change (§6.2) reaches the UI as a `buddy.status` delta: with 5,000 friends, a
 * whole contact snapshot per status change was most of the traffic. The backend against its
 * embedded emulator, the presence changed through the emulator's control API.
 */

let core: AppCore
let phone: Phone

beforeAll(async () => {
  const backend = testBackend()
  core = backend.core
  let online = false
  core.on('login.state', (v: LoginView) => {
    if (v.kind !== 'qr') return
    const text = decodeQr(Buffer.from(v.image.split(',')[1]!, 'base64'))
    const own = Phone.for(backend.emulator())
    void own.scan(text).then(() => own.confirm(text))
  })
  core.on('session.state', (v: SessionView) => (online ||= v.kind === 'online'))
  await core.start()
  await eventually(() => online, 10_000, 'online')
  phone = Phone.for(backend.emulator())
})
afterAll(() => core.stop())

type Friend = Events['contacts.changed']['friends'][number]

/** Friends the backend knows as offline, not bots (whose presence the emulator scripts). */
async function offlineFriends(n: number): Promise<Friend[]> {
  const world = await phone.contacts()
  const people = new Set(world.friends.filter((f: { bot?: boolean }) => !f.bot).map((f: { nick: string }) => f.nick))
  const known = (await core.handlers['contacts.get']({})).friends.filter((f) => f.status === 'offline' && people.has(f.nick))
  expect(known.length).toBeGreaterThanOrEqual(n)
  return known.slice(-n)
}

/** The presence and contacts pushes from now on, in order. */
function record(): Array<['buddy.status', Events['buddy.status']] | ['contacts.changed', Events['contacts.changed']]> & { stop(): void } {
  const seen = [] as unknown as ReturnType<typeof record>
  const onStatus = (v: Events['buddy.status']) => seen.push(['buddy.status', v])
  const onContacts = (v: Events['contacts.changed']) => seen.push(['contacts.changed', v])
  core.on('buddy.status', onStatus)
  core.on('contacts.changed', onContacts)
  seen.stop = () => (core.off('buddy.status', onStatus), core.off('contacts.changed', onContacts))
  return seen
}

describe('presence', () => {
  it('a friend going busy is one buddy.status batch with their key, status and client, and no contacts.changed', async () => {
    const world = await phone.contacts()
    const friend = world.friends.find((f: { status: string; bot?: boolean }) => f.status === 'offline' && !f.bot)
    const before = (await core.handlers['contacts.get']({})).friends.find((f) => f.nick === friend.nick)!
    expect(before.status).toBe('offline')

    const deltas: Array<Events['buddy.status']> = []
    let snapshots = 0
    core.on('buddy.status', (d) => deltas.push(d))
    core.on('contacts.changed', () => snapshots++)
    let typed = false
    core.on('typing', () => (typed = true))
    await phone.post('/control/contacts/presence', { qq: friend.qq, status: 'busy', clientType: 21 })
    // The poll handles its items in order: once a later item is through, the presence change is too.
    await phone.post('/control/events', { type: 'input_notify', from: friend.qq })
    await eventually(() => typed, 5000, 'the item after the presence change')

    expect(deltas).toEqual([{ changes: [{ key: before.key, status: 'busy', client: 'mobile' }] }])
    expect(snapshots).toBe(0)
    // The snapshot the commands answer with has it too.
    expect((await core.handlers['contacts.get']({})).friends.find((f) => f.key === before.key)).toMatchObject({ status: 'busy', client: 'mobile' })
  })

  it('several changes in one poll answer are one buddy.status with all of them', async () => {
    const [a, b, c] = (await offlineFriends(3)) as [Friend, Friend, Friend]
    const pushes = record()
    const change = (f: Friend, status: string, client_type = 1) => ({ poll_type: 'buddies_status_change', value: { uin: Number(f.uin), status, client_type } })
    const res = await phone.post('/control/events/raw', { items: [change(a, 'busy', 21), change(b, 'away'), change(c, 'callme')] })
    expect(res.status).toBe(200)
    // Split into several pushes, the first would lack some (the rest would wait for the window).
    const batch = await eventually(() => pushes.find((e) => e[0] === 'buddy.status')?.[1] as Events['buddy.status'] | undefined, 5000, 'the push')
    expect(batch.changes).toHaveLength(3)
    expect(new Map(batch.changes.map((x) => [x.key, x]))).toEqual(
      new Map([
        [a.key, { key: a.key, status: 'busy', client: 'mobile' }],
        [b.key, { key: b.key, status: 'away', client: 'pc' }],
        [c.key, { key: c.key, status: 'callme', client: 'pc' }],
      ]),
    )
    pushes.stop()
  })

  it('presence changes never alter a snapshot already handed out (the engine changes its own copy in place)', async () => {
    const world = await phone.contacts()
    const people = new Set(world.friends.filter((f: { bot?: boolean }) => !f.bot).map((f: { nick: string }) => f.nick))
    const [a, b] = (await core.handlers['contacts.get']({})).friends.filter((f) => people.has(f.nick)) as [Friend, Friend]
    // A status each friend is not in now.
    const other = (f: Friend, n = 0) => ['busy', 'away', 'callme', 'silent'].filter((s) => s !== f.status)[n]!
    const change = (f: Friend, status: string) => ({ poll_type: 'buddies_status_change', value: { uin: Number(f.uin), status, client_type: 1 } })
    const statusIn = (s: Events['contacts.changed'], f: Friend) => s.friends.find((x) => x.key === f.key)?.status
    const handedOut = async (items: unknown[]) => {
      const before = await core.handlers['contacts.get']({})
      const pushes = record()
      expect((await phone.post('/control/events/raw', { items })).status).toBe(200)
      await eventually(() => pushes.some((e) => e[0] === 'buddy.status'), 5000, 'the push')
      pushes.stop()
      return before
    }
    const first = await handedOut([change(a, other(a)), change(b, other(b))])
    expect([statusIn(first, a), statusIn(first, b)]).toEqual([a.status, b.status])
    const second = await handedOut([change(a, other(a, 1))])
    expect([statusIn(second, a), statusIn(second, b)]).toEqual([other(a), other(b)])
    expect([statusIn(first, a), statusIn(first, b)]).toEqual([a.status, b.status])
    const now = await core.handlers['contacts.get']({})
    expect([statusIn(now, a), statusIn(now, b)]).toEqual([other(a, 1), other(b)])
  })

  it('a change, then a list change: the renderer gets the change before the snapshot, which holds it', async () => {
    const [a] = (await offlineFriends(1)) as [Friend]
    const pushes = record()
    const res = await phone.post('/control/events/raw', {
      items: [
        { poll_type: 'buddies_status_change', value: { uin: Number(a.uin), status: 'away', client_type: 1 } },
        { poll_type: 'buddylist_change', value: { added_friends: [], removed_friends: [] } },
      ],
    })
    expect(res.status).toBe(200)
    const snap = await eventually(() => pushes.find((e) => e[0] === 'contacts.changed')?.[1] as Events['contacts.changed'] | undefined, 10_000, 'the snapshot')
    const order = pushes.map((e) => e[0])
    expect(order.slice(0, order.indexOf('contacts.changed') + 1)).toEqual(['buddy.status', 'contacts.changed'])
    expect(snap.friends.find((f) => f.key === a.key)).toMatchObject({ status: 'away', client: 'pc' })
    pushes.stop()
  })

  it('a list change still goes out as contacts.changed', async () => {
    const before = (await core.handlers['contacts.get']({})).friends.length
    const grown = new Promise<Events['contacts.changed']>((resolve) =>
      core.on('contacts.changed', (s) => {
        if (s.friends.length === before + 1) resolve(s)
      }),
    )
    await phone.post('/control/contacts/friend/add', { nick: '新朋友' })
    expect((await grown).friends.map((f) => f.nick)).toContain('新朋友')
  })
})
