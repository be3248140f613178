import { afterEach, describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { ERA_NAMES, era } from '../../electron/emulator/era'
import type { SessionView } from '../../electron/model'
import { eventually, loginClient, newClient, nextMessage, tempDir } from '../support/client'
import { loginWithPhone } from '../support/login'
import { useEmulator } from '../support/use-emulator'

/**
 * The engine against each era's quirks (issue 12): check_sig at the URL ptlogin handed out, on
 * whichever host and scheme its era used; 2017's idle polls that end in HTTP 504 (§6.1) are
 * idle polls, not failures; poll2's ptwebqq as the era wants it; 122 means log in again;
 * from_uin 0 is the account itself. The emulator serves TLS, so https stays https.
 */

const requests: string[] = []
const { emu, phone } = await useEmulator({
  pollHoldMs: 60,
  rateLimit: { enabled: false },
  tls: { httpsPort: 0, certDir: tempDir() },
  logRequests: true,
  log: (line) => requests.push(line),
})
const ME = '2851234567'

const clients: QQClient[] = []
afterEach(async () => {
  await phone.post('/control/faults/clear', {})
  for (const c of clients.splice(0)) await c.shutdown()
  await phone.settings({ era: '2018' })
})

async function online(): Promise<QQClient> {
  const c = newClient(emu.profile)
  clients.push(c)
  await loginClient(c, phone)
  return c
}


describe('check_sig at the URL ptlogin handed out', () => {
  for (const name of ERA_NAMES) {
    it(`era ${name}: GETs ${era(name).checkSigBase}`, async () => {
      await phone.settings({ era: name })
      requests.length = 0
      await loginWithPhone(emu.profile, phone)
      const checkSig = requests.filter((l) => l.includes('/check_sig'))
      expect(checkSig).toEqual([`GET ${era(name).checkSigBase} 302`])
    })
  }
})

describe('era 2017: idle polls end in HTTP 504', () => {
  it('are idle polls: the session stays online, nothing relinks, and the outbox sends meanwhile', async () => {
    await phone.settings({ era: '2017' })
    const c = await online()
    // Before 2018 the login's ptwebqq is a real one, and poll2 carries it (§6.1 table).
    expect(c.online().session.cred.ptwebqq).toMatch(/^[0-9a-f]{64}$/)
    const views: SessionView['kind'][] = []
    c.on('session', (v) => views.push(v.kind))
    const poll = c.online().poll
    await eventually(() => poll.stats.polls >= 15, 20_000, '15 polls')
    // Each of those polls was held and answered 504 by the emulator.
    expect(requests.filter((l) => l.startsWith('POST https://d1.web2.qq.com/channel/poll2 504')).length).toBeGreaterThanOrEqual(10)

    const friend = c.online().contacts.snapshot.friends[0]!
    const [m] = c.online().sender.send({ kind: 'friend', key: friend.key }, [{ type: 'text', text: 'sent between 504s' }])
    const done = await eventually(
      () => c.online().conversations.page(m!.conversation, undefined, 10).find((x) => x.id === m!.id && x.status !== 'queued' && x.status !== 'sending'),
      10_000,
      'the send settled',
    )
    expect(done.status).toBe('sent')
    await eventually(() => poll.stats.polls >= 25, 20_000, '25 polls')
    expect(poll.stats).toMatchObject({ failures: 0, relinks: 0, relogins: 0 })
    expect(views).toEqual([])
    expect(c.session.kind).toBe('online')
  })
})

describe('era 2018: poll2 and ptwebqq', () => {
  it('polls with "" once the service refused a ptwebqq (a rotation left one), without counting a failure', async () => {
    const c = await online()
    expect(c.online().session.cred.ptwebqq).toBe('')
    // 116 hands out a (non-empty) ptwebqq, which 2018's poll2 then refuses (§3.10).
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'rotate-ptwebqq' }, count: 1 })
    await eventually(() => c.online().session.cred.ptwebqq !== '' || undefined, 5_000, 'the rotation')
    const friendQq = (await phone.contacts()).friends.find((f: any) => !f.bot).qq
    const got = nextMessage(c, (m) => m.segments.some((s) => s.type === 'text' && s.text === 'after the refusal'))
    await phone.post('/control/messages/send', { kind: 'friend', from: friendQq, content: ['after the refusal'] })
    await got
    expect(c.online().poll.stats).toMatchObject({ failures: 0, relinks: 0 })
  })
})

describe('poll2 answers', () => {
  it('122 "wrong web client3" logs in again without the user (pt4_auth)', async () => {
    const c = await online()
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'retcode', retcode: 122 }, count: 1 })
    await eventually(() => c.online().poll.stats.relogins >= 1 || undefined, 10_000, 'a relogin')
    await eventually(() => c.session.kind === 'online' || undefined, 10_000, 'online again')
    expect(c.online().poll.stats.relinks).toBe(0)
  })

  it('a message from_uin 0 is the account\'s own, from another device, in the chat with to_uin', async () => {
    const c = await online()
    const friend = c.online().contacts.snapshot.friends[0]!
    const got = nextMessage(c, (m) => m.segments.some((s) => s.type === 'text' && s.text === 'from my phone'))
    const value = { msg_id: 4242, from_uin: 0, to_uin: Number(friend.uin), msg_type: 0, time: Math.floor(Date.now() / 1000), content: [['font', { size: 10, color: '000000', style: [0, 0, 0], name: '宋体' }], 'from my phone'] }
    expect((await phone.post('/control/events/raw', { owner: ME, items: [{ poll_type: 'message', value }] })).status).toBe(200)
    const m = await got
    expect(m).toMatchObject({ direction: 'out', status: 'sent', conversation: { kind: 'friend', key: friend.key } })
  })
})
