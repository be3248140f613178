import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { getOnlineBuddies2 } from '../../electron/engine/endpoints/contact-endpoints'
import { poll2 } from '../../electron/engine/endpoints/message-endpoints'
import { useEmulator } from '../support/use-emulator'
import { eventually, loginClient, newClient, nextMessage, sessionReaches } from '../support/client'
import { loginWithPhone } from '../support/login'

/** Bugs the messaging soak (soak.test.ts) found, each pinned down on its own. */

const { emu, phone } = await useEmulator({ seed: 5, pollHoldMs: 200, rateLimit: { enabled: false }, graph: { scripted: false } })
const ME = '2851234567'

/** The next message whose text is `text`. */
const textArrives = (c: QQClient, text: string) => nextMessage(c, (m) => m.segments.some((s) => s.type === 'text' && s.text === text))


describe('emulator: a dropped connection', () => {
  it('takes no queued poll items with it: the next poll still gets them', async () => {
    const session = await loginWithPhone(emu.profile, phone)
    await session.http.call(getOnlineBuddies2, { cred: session.cred })
    const friend = (await phone.contacts()).friends[0].qq as string
    const sent = await phone.post('/control/messages/send', { kind: 'friend', from: friend, content: ['queued before the drop'] })
    expect(sent.body.delivered).toBe(1)
    emu.core.faults.add({ endpoint: 'poll2', fault: { kind: 'drop' }, count: 1 })
    await expect(session.http.call(poll2, { cred: session.cred })).rejects.toMatchObject({ kind: 'network' })
    const answer = await session.http.call(poll2, { cred: session.cred })
    expect(answer.kind).toBe('events')
    if (answer.kind !== 'events') return
    expect(answer.events.map((e) => e.type)).toContain('message')
  })
})

describe('engine: a silent relogin', () => {
  it('reloads the lists (new uins and gids, §2.4): conversations keep their keys and sends still arrive', async () => {
    const c = newClient(emu.profile)
    try {
      await loginClient(c, phone)
      const world = await phone.contacts()
      const friendQq = world.friends[1].qq as string
      const before = textArrives(c, 'before relogin')
      await phone.post('/control/messages/send', { kind: 'friend', from: friendQq, content: ['before relogin'] })
      const key = (await before).conversation.key
      expect(key).not.toMatch(/^f:u:/)

      const reconnecting = sessionReaches(c, 'reconnecting')
      await phone.post('/control/sessions/end', { qq: ME, reason: 'expired' })
      await reconnecting
      await sessionReaches(c, 'online')

      const after = textArrives(c, 'after relogin')
      await phone.post('/control/messages/send', { kind: 'friend', from: friendQq, content: ['after relogin'] })
      expect((await after).conversation.key).toBe(key)

      const group = c.online().contacts.snapshot.groups[0]!
      const out = [...c.online().sender.send({ kind: 'friend', key }, [{ type: 'text', text: 'reply after relogin' }]), ...c.online().sender.send({ kind: 'group', key: group.key }, [{ type: 'text', text: 'group after relogin' }])]
      for (const m of out) {
        const done = await eventually(() => c.online().conversations.page(m.conversation, undefined, 20).find((x) => x.id === m.id && x.status !== 'queued' && x.status !== 'sending'), 5000, 'send settled')
        expect(done.status).toBe('sent')
      }
      const log = (await phone.get('/control/messages?limit=10')) as Array<{ text: string }>
      expect(log.map((x) => x.text)).toEqual(expect.arrayContaining(['reply after relogin', 'group after relogin']))
    } finally {
      await c.shutdown()
    }
  })
})
