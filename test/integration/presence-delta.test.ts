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

describe('presence', () => {
  it('a friend going busy is one buddy.status with their key, status and client, and no contacts.changed', async () => {
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

    expect(deltas).toEqual([{ key: before.key, status: 'busy', client: 'mobile' }])
    expect(snapshots).toBe(0)
    // The snapshot the commands answer with has it too.
    expect((await core.handlers['contacts.get']({})).friends.find((f) => f.key === before.key)).toMatchObject({ status: 'busy', client: 'mobile' })
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
