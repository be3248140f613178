import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../electron/model'
import { Phone, withEmulator } from '../support/emulator'
import { useEmulator } from '../support/use-emulator'
import { eventually, loginClient, MemoryVault, newClient, nextMessage, sessionReaches, tempDir } from '../support/client'
import { useClients } from '../support/use-clients'

const { emu, phone } = await useEmulator({ seed: 3, pollHoldMs: 300, chatter: false })
const world = await phone.contacts()
const { clients, online } = useClients(emu, phone)

const friendQq = () => world.friends.find((f: any) => !f.bot).qq as string
const group = () => world.groups.find((g: any) => g.name === '吃瓜群')
const discussion = () => world.discussions[0]


describe('receiving', () => {
  it('decodes a friend message with faces and escaped text, stored before it is emitted', async () => {
    const c = await online()
    const qq = friendQq()
    const arrived = new Promise<{ m: ChatMessage; stored: ChatMessage[] }>((resolve) =>
      c.once('message', (m) => resolve({ m, stored: c.online().conversations.page(m.conversation, undefined, 10) })),
    )
    await phone.post('/control/messages/send', { kind: 'friend', from: qq, content: ['你好 <b>&', { face: 14 }, '再见'] })
    const { m, stored } = await arrived
    expect(m).toMatchObject({ direction: 'in', status: 'received', conversation: { kind: 'friend' } })
    expect(m.segments).toEqual([{ type: 'text', text: '你好 <b>&' }, { type: 'face', id: 14 }, { type: 'text', text: '再见' }])
    expect(stored.map((x) => x.id)).toContain(m.id)
    const friend = c.online().contacts.snapshot.friends.find((f) => f.key === m.conversation.key)!
    expect(world.friends.find((f: any) => f.qq === qq).nick).toBe(friend.nick)
  })

  it('names the sender of group, discussion and temporary-session messages', async () => {
    const c = await online()
    const g = group()
    const member = g.members.find((m: any) => m.qq !== '2851234567')
    const gm = nextMessage(c, (m) => m.conversation.kind === 'group')
    await phone.post('/control/messages/send', { kind: 'group', from: member.qq, target: g.number, content: ['大家好'] })
    const msg = await gm
    const details = await c.online().contacts.groupDetails(msg.conversation.key)
    expect(msg.sender!.name).toBe(details.members.find((x) => x.uin === msg.sender!.uin)!.displayName)
    expect(msg.sender!.name).not.toBe(msg.sender!.uin)

    const d = discussion()
    const dm = nextMessage(c, (m) => m.conversation.kind === 'discussion')
    await phone.post('/control/messages/send', { kind: 'discussion', from: d.members.find((q: string) => q !== '2851234567'), target: d.id, content: ['周末爬山？'] })
    expect((await dm).segments).toEqual([{ type: 'text', text: '周末爬山？' }])

    const sm = nextMessage(c, (m) => m.conversation.kind === 'session')
    await phone.post('/control/messages/send', { kind: 'session', from: member.qq, target: g.number, content: ['私聊一下'] })
    const s = await sm
    expect(s.segments).toEqual([{ type: 'text', text: '私聊一下' }])
    expect(c.online().conversations.list().find((x) => x.ref.key === s.conversation.key)!.title).toContain(c.online().contacts.snapshot.groups.find((x) => x.name === '吃瓜群')!.displayName)
  })

  it('applies presence changes, list changes, friend requests and typing', async () => {
    const c = await online()
    const f = world.friends.find((x: any) => x.status === 'offline' && !x.bot)
    await phone.post('/control/contacts/presence', { qq: f.qq, status: 'busy', clientType: 21 })
    await eventually(() => c.online().contacts.snapshot.friends.find((x) => x.nick === f.nick && x.status === 'busy'), 5000, 'presence')

    const before = c.online().contacts.snapshot.friends.length
    await phone.post('/control/contacts/friend/add', { nick: '新来的' })
    await eventually(() => c.online().contacts.snapshot.friends.length === before + 1 || undefined, 5000, 'buddylist_change refresh')

    const request = new Promise((r) => c.once('friendRequest', r))
    await phone.post('/control/contacts/friend-request', { nick: '陌生人', msg: '加个好友' })
    expect(await request).toMatchObject({ message: '加个好友' })

    const typing = new Promise((r) => c.once('typing', r))
    await phone.post('/control/events', { type: 'input_notify', from: friendQq() })
    expect(await typing).toMatchObject({ kind: 'friend' })
  })
})

describe('other poll items', () => {
  it('shows a file offer as a file placeholder (shakes and tips are system lines: notices.test.ts)', async () => {
    const c = await online()
    const arrived = nextMessage(c, (m) => m.segments[0]?.type === 'file')
    await phone.post('/control/events', { type: 'shake_message', from: friendQq() })
    await phone.post('/control/events', { type: 'tips' })
    await phone.post('/control/events', { type: 'file_message', from: friendQq(), name: '季度报告.pdf' })
    const m = await arrived
    expect(m.segments).toEqual([{ type: 'file', name: '季度报告.pdf', transfer: expect.stringMatching(/^[0-9a-f-]{36}$/) }])
    expect(m.conversation.kind).toBe('friend')
  })
})

describe('temporary sessions', () => {
  it('replies through get_c2cmsg_sig2 in 2015, and fails with a clear error once they were blocked (2016 on)', async () => {
    for (const era of ['2015', '2018'] as const) {
      const old = await withEmulator({ era, pollHoldMs: 300 })
      const oldPhone = Phone.for(old)
      const c = newClient(old.profile)
      clients.push(c)
      try {
        await loginClient(c, oldPhone)
        const w = await oldPhone.contacts()
        const g = w.groups.find((x: any) => x.name === '吃瓜群')
        const member = g.members.find((m: any) => m.qq !== '2851234567')
        const got = nextMessage(c, (m) => m.conversation.kind === 'session')
        await oldPhone.post('/control/messages/send', { kind: 'session', from: member.qq, target: g.number, content: ['在吗'] })
        const incoming = await got
        const [reply] = c.online().sender.send(incoming.conversation, [{ type: 'text', text: '在的' }])
        const done = await eventually(() => c.online().conversations.page(incoming.conversation, undefined, 10).find((x) => x.id === reply!.id && (x.status === 'sent' || x.status === 'failed')), 5000, 'reply settled')
        if (era === '2015') {
          expect(done.status).toBe('sent')
          const log = (await oldPhone.get('/control/messages?limit=5')) as any[]
          expect(log.at(-1)).toMatchObject({ kind: 'session', to: member.qq, text: '在的' })
        } else {
          expect(done).toMatchObject({ status: 'failed', error: { kind: 'protocol' } })
        }
      } finally {
        await c.shutdown()
        await old.stop()
      }
    }
  })
})

describe('sending', () => {
  it('sends to a friend, a group and a discussion; each arrives at the phone once and ends sent', async () => {
    const c = await online()
    const f = c.online().contacts.snapshot.friends.find((x) => x.nick === world.friends.find((w: any) => w.qq === friendQq()).nick)!
    const g = c.online().contacts.snapshot.groups.find((x) => x.name === '吃瓜群')!
    const d = c.online().contacts.snapshot.discussions[0]!
    const sent = [
      ...c.online().sender.send({ kind: 'friend', key: f.key }, [{ type: 'text', text: '好友你好' }, { type: 'face', id: 13 }]),
      ...c.online().sender.send({ kind: 'group', key: g.key }, [{ type: 'text', text: '群里好' }]),
      ...c.online().sender.send({ kind: 'discussion', key: d.key }, [{ type: 'text', text: '讨论组好' }]),
    ]
    for (const m of sent) await eventually(() => c.online().conversations.page(m.conversation, undefined, 20).find((x) => x.id === m.id && x.status === 'sent'), 5000, `${m.id} sent`)
    const log = (await phone.get('/control/messages?limit=20')) as any[]
    const texts = log.map((x) => `${x.kind}:${x.text}`)
    expect(texts.filter((t) => t.startsWith('friend:好友你好'))).toHaveLength(1)
    expect(texts.filter((t) => t === 'group:群里好')).toHaveLength(1)
    expect(texts.filter((t) => t === 'discussion:讨论组好')).toHaveLength(1)
    expect(log.find((x) => x.text.startsWith('好友你好')).segments).toContainEqual(['face', 13])
  })

  it('recognises the echo of its own group message and does not show it twice', async () => {
    const c = await online()
    const g = c.online().contacts.snapshot.groups.find((x) => x.name === '吃瓜群')!
    const [m] = c.online().sender.send({ kind: 'group', key: g.key }, [{ type: 'text', text: '回声测试 echo' }])
    await eventually(() => c.online().conversations.page(m!.conversation, undefined, 50).find((x) => x.id === m!.id && x.status === 'sent'), 5000, 'sent')
    // Give the echo time to arrive through poll, then count.
    await new Promise((r) => setTimeout(r, 700))
    const mine = c.online().conversations.page(m!.conversation, undefined, 50).filter((x) => x.segments.some((s) => s.type === 'text' && s.text === '回声测试 echo'))
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ direction: 'out', status: 'sent' })
  })

  it('reports 1202-with-delivery as unknown (not resent), 100100 as sent, and lets the user retry', async () => {
    const c = await online()
    const f = c.online().contacts.snapshot.friends[2]!
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'delivered-retcode', retcode: 1202 }, count: 1 })
    const [a] = c.online().sender.send({ kind: 'friend', key: f.key }, [{ type: 'text', text: 'maybe-1202' }])
    const ua = await eventually(() => c.online().conversations.page(a!.conversation, undefined, 20).find((x) => x.id === a!.id && x.status === 'unknown'), 5000, 'unknown')
    expect(ua.error).toMatchObject({ kind: 'protocol', retcode: 1202 })
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'delivered-retcode', retcode: 100100 }, count: 1 })
    const [b] = c.online().sender.send({ kind: 'friend', key: f.key }, [{ type: 'text', text: 'odd-100100' }])
    await eventually(() => c.online().conversations.page(b!.conversation, undefined, 20).find((x) => x.id === b!.id && x.status === 'sent'), 5000, '100100 sent')
    const log = (await phone.get('/control/messages?limit=50')) as any[]
    expect(log.filter((x) => x.text === 'maybe-1202')).toHaveLength(1)
    // The user decides to resend: it goes out again (the service does not deduplicate).
    c.online().sender.retry(a!.id)
    await eventually(() => c.online().conversations.page(a!.conversation, undefined, 20).find((x) => x.id === a!.id && x.status === 'sent'), 5000, 'retried')
  })

  it('retries by itself only what provably did not go out: a session refusal (103)', async () => {
    const c = await online()
    const f = c.online().contacts.snapshot.friends[3]!
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'retcode', retcode: 103 }, count: 2 })
    const [m] = c.online().sender.send({ kind: 'friend', key: f.key }, [{ type: 'text', text: 'after-103' }])
    await eventually(() => c.online().conversations.page(m!.conversation, undefined, 20).find((x) => x.id === m!.id && x.status === 'sent'), 5000, 'sent after 103')
    const log = (await phone.get('/control/messages?limit=50')) as any[]
    expect(log.filter((x) => x.text === 'after-103')).toHaveLength(1)
  })
})

describe('session lifetime', () => {
  it('relinks on 121 and keeps receiving', async () => {
    const c = await online()
    const before = c.session
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'retcode', retcode: 121 }, count: 1 })
    const msg = nextMessage(c)
    await new Promise((r) => setTimeout(r, 400))
    await phone.post('/control/messages/send', { kind: 'friend', from: friendQq(), content: ['after relink'] })
    expect((await msg).segments).toEqual([{ type: 'text', text: 'after relink' }])
    expect(before.kind).toBe('online')
    expect(c.session.kind).toBe('online')
  })

  it('stops in session-lost with the kick reason when another login takes the account', async () => {
    const c = await online()
    const lost = sessionReaches(c, 'session-lost')
    const other = await online()
    expect(await lost).toEqual({ kind: 'session-lost', reason: 'kicked', message: expect.stringContaining('您的帐号在另一地点登录') })
    expect(other.session.kind).toBe('online')
  })

  it('logs in again without a scan when the session expires, and goes on receiving', async () => {
    const vault = new MemoryVault()
    const c = await online({ vault })
    const reconnecting = sessionReaches(c, 'reconnecting')
    await phone.post('/control/sessions/end', { qq: '2851234567', reason: 'expired' })
    await reconnecting
    await sessionReaches(c, 'online')
    const msg = nextMessage(c)
    await phone.post('/control/messages/send', { kind: 'friend', from: friendQq(), content: ['still here'] })
    expect((await msg).segments).toEqual([{ type: 'text', text: 'still here' }])
    expect(emu.core.qr.pending()).toHaveLength(0)
  })

  it('adopts a rotated ptwebqq (116) so the friend list hash still works', async () => {
    const c = await online()
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'rotate-ptwebqq' }, count: 1 })
    await new Promise((r) => setTimeout(r, 500))
    expect(await c.online().contacts.retry('friends')).toBe(true)
  })

  it('resumes a non-empty outbox after a restart', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const a = await online({ dataDir, vault })
    const f = a.online().contacts.snapshot.friends[4]!
    // Go offline: every send is refused at the connection level, so messages stay queued.
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'retcode', retcode: 103 } })
    a.online().sender.send({ kind: 'friend', key: f.key }, [{ type: 'text', text: 'outbox-1' }])
    a.online().sender.send({ kind: 'friend', key: f.key }, [{ type: 'text', text: 'outbox-2' }])
    await new Promise((r) => setTimeout(r, 100))
    await a.shutdown()
    await phone.post('/control/faults/clear', {})
    const b = newClient(emu.profile, { dataDir, vault })
    clients.push(b)
    expect(await b.login.restore()).toBe(true)
    await sessionReaches(b, 'online')
    const statuses = await eventually(() => {
      const page = b.online().conversations.page({ kind: 'friend', key: f.key }, undefined, 20).filter((m) => m.direction === 'out' && m.segments[0]?.type === 'text' && m.segments[0].text.startsWith('outbox-'))
      return page.length === 2 && page.every((m) => m.status === 'sent' || m.status === 'unknown') ? page : undefined
    }, 8000, 'outbox drained')
    const log = (await phone.get('/control/messages?limit=100')) as any[]
    for (const m of statuses.filter((x) => x.status === 'sent')) {
      const t = (m.segments[0] as { text: string }).text
      expect(log.filter((x) => x.text === t)).toHaveLength(1)
    }
    expect(statuses.filter((x) => x.status === 'sent').length).toBeGreaterThanOrEqual(1)
  })
})
