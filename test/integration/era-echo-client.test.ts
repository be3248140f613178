import { beforeAll, describe, expect, it } from 'vitest'
import { ERA_NAMES, era } from '../../electron/emulator/era'
import { tempDir } from '../support/client'
import { EchoClient } from '../support/echo-client'
import { useEmulator } from '../support/use-emulator'

/**
 * The third-party clients of 2017–2018 against every era (issue 12), played by EchoClient: it
 * sends back whatever the service gave it, read at either moment real clients read ptwebqq. An
 * era is self-consistent when such a client receives messages: what it issues (ptwebqq at
 * ptqrlogin, §3.4; 2018: "", §3.10) is what its poll2 accepts.
 */

const HOLD_MS = 300
const { emu, phone } = await useEmulator({ pollHoldMs: HOLD_MS, tls: { httpsPort: 0, certDir: tempDir() } })

async function aFriend(): Promise<string> {
  const c = await phone.contacts()
  return c.friends.find((f: any) => !f.bot).qq
}

for (const name of ERA_NAMES) {
  describe(`era ${name}: a client that echoes what it was given`, () => {
    beforeAll(async () => {
      await phone.settings({ era: name })
    })

    for (const moment of ['after-ptqrlogin', 'after-check_sig'] as const) {
      it(`receives a message when it reads ptwebqq ${moment.replace('-', ' ')}`, async () => {
        const client = new EchoClient(emu)
        await client.logIn(phone, moment)
        // What the era issues: 64 hex until 2017, "" in 2018 (§3.10).
        expect(client.ptwebqq).toMatch(era(name).issuesPtwebqq ? /^[0-9a-f]{64}$/ : /^$/)
        const text = `echo ${name} ${moment}`
        await phone.post('/control/messages/send', { kind: 'friend', from: await aFriend(), content: [text] })
        const item = await client.receive(text)
        expect(item.value.to_uin).toBe(Number(client.uin))
      })
    }

    it('is sent to check_sig on the host of its era', async () => {
      const client = new EchoClient(emu)
      await client.logIn(phone, 'after-check_sig')
      expect(client.checkSigUrl.split('?')[0]).toBe(era(name).checkSigBase)
    })
  })
}

describe('era 2018: a client that still sends a ptwebqq of its own', () => {
  it('cannot drive the service into a hot loop: each rejected poll is held like an idle one', async () => {
    await phone.settings({ era: '2018' })
    const client = new EchoClient(emu)
    await client.logIn(phone, 'after-check_sig')
    client.ptwebqq = 'a'.repeat(64)
    // It polls again the moment an answer comes, as one client did (63,000 requests in 150 s).
    const windowMs = 6 * HOLD_MS
    const end = Date.now() + windowMs
    let polls = 0
    let last: any
    while (Date.now() < end) {
      polls++
      last = JSON.parse((await client.poll()).body)
    }
    expect(last).toEqual({ errmsg: 'error', retcode: 0, retmsg: 'ok' })
    // Bounded by the hold: a hot loop would make hundreds in this window.
    expect(polls).toBeLessThanOrEqual(windowMs / HOLD_MS + 1)
  })
})
