import { describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../electron/model'
import { eventually, newClient, sessionReaches } from '../support/client'
import { useEmulator } from '../support/use-emulator'

/**
 * The legacy password login of 2013 as the seed notes (001, 004) describe it, through the whole
 * client (issue 12): check, login with appid 1003903 and web2.qq.com's loginproxy page, that page
 * followed as given (not a check_sig URL), login2 on d.web2 with passwd_sig and a random
 * clientid, its vfwebqq used — and then a session that lists, receives and sends.
 */

const requests: string[] = []
const { emu, phone } = await useEmulator({ era: '2013', captcha: 'never', pollHoldMs: 100, logRequests: true, log: (l) => requests.push(l) })
const QQ = '2851234567'

describe('era 2013: the WebQQ password login', () => {
  it('logs in the 2013 way, then receives and sends', async () => {
    const c = newClient(emu.profile)
    try {
      const online = sessionReaches(c, 'online')
      void c.login.startPassword(QQ, 'password')
      await online
      // The embedded emulator of this test serves no TLS: the names and paths are what counts.
      const path = (l: string) => l.split(' ')[1]!.replace(/^https?:\/\//, '')
      const login = requests.map(path)
      expect(login).toEqual(
        expect.arrayContaining(['ssl.ptlogin2.qq.com/check', 'ssl.ptlogin2.qq.com/login', 'web2.qq.com/loginproxy.html', 'd.web2.qq.com/channel/login2']),
      )
      expect(login.filter((p) => p.endsWith('/check_sig') || p.endsWith('/getvfwebqq'))).toEqual([])
      expect(requests.find((l) => l.includes('/loginproxy.html'))).toMatch(/ 200$/)
      expect(c.online().session.cred.vfwebqq).toBe(emu.core.channels.live(QQ)!.login2Vfwebqq)
      expect(c.online().contacts.snapshot.friends.length).toBeGreaterThan(0)

      const friendQq = (await phone.contacts()).friends.find((f: any) => !f.bot).qq
      const got = new Promise<ChatMessage>((resolve) => c.on('message', (m) => m.direction === 'in' && resolve(m)))
      await phone.post('/control/messages/send', { kind: 'friend', from: friendQq, content: ['2013 你好'] })
      const m = await got
      const [reply] = c.online().sender.send(m.conversation, [{ type: 'text', text: '收到' }])
      const done = await eventually(() => c.online().conversations.page(m.conversation, undefined, 10).find((x) => x.id === reply!.id && x.status !== 'queued' && x.status !== 'sending'), 5_000, 'the reply settled')
      expect(done.status).toBe('sent')
    } finally {
      await c.shutdown()
    }
  })
})
