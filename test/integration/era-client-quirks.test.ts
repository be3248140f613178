import { beforeAll, describe, expect, it } from 'vitest'
import { ERA_NAMES } from '../../electron/emulator/era'
import { friendHash } from '../../electron/smartqq/hash'
import { tempDir } from '../support/client'
import { CLIENT_ID, D_REFERER, EchoClient, FONT, S_REFERER, d1Headers } from '../support/echo-client'
import { useEmulator } from '../support/use-emulator'

/**
 * What the real third-party clients did besides the textbook flow, from their source and traffic
 * (issue 12), accepted in every era: the w.qq.com page as the first request, the group list as a
 * form POST and as a GET, either scheme on d1.web2, Referer and Origin left over from an earlier
 * request, the avatar ids they put in `face`, and msg_ids counted from 6000001 or taken from the
 * clock.
 */

const { emu, phone } = await useEmulator({ pollHoldMs: 300, rateLimit: { enabled: false }, tls: { httpsPort: 0, certDir: tempDir() } })

/** A send's success in the era's form: `retcode` or (2015–2016) `errCode` 0 (§2.3). */
const sentOk = (body: any) => (body.retcode ?? body.errCode) === 0

for (const name of ERA_NAMES) {
  describe(`era ${name}: the habits of real clients`, () => {
    let client: EchoClient
    let friendUin: string
    let friendQq: string
    let gid: string
    let did: string

    /** The ids of this login (a new login hands out new ones, §2.4). */
    async function learnIds(): Promise<void> {
      const c = await phone.contacts()
      const friend = c.friends.find((f: any) => !f.bot)
      friendUin = String(friend.uin)
      friendQq = friend.qq
      gid = String(c.groups[0].gid)
      did = String(c.discussions[0].id)
    }

    beforeAll(async () => {
      await phone.settings({ era: name })
      client = new EchoClient(emu)
      await client.logIn(phone, 'after-check_sig')
      await learnIds()
    })

    it('answers GET http://w.qq.com/ with the page', async () => {
      const res = await client.request('GET', 'http://w.qq.com/')
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toMatch(/^text\/html/)
      expect(res.body).toContain('ptlogin2.qq.com/cgi-bin/login')
    })

    it('lists the groups for a form POST and for a GET with r= in the query', async () => {
      const r = { vfwebqq: client.vfwebqq, hash: friendHash(client.uin, client.ptwebqq) }
      const post = await client.json('POST', 'http://s.web2.qq.com/api/get_group_name_list_mask2', { headers: { referer: S_REFERER, origin: 'http://s.web2.qq.com' }, r })
      const get = await client.json('GET', `http://s.web2.qq.com/api/get_group_name_list_mask2?r=${encodeURIComponent(JSON.stringify(r))}`, { headers: { referer: S_REFERER } })
      expect(post.retcode).toBe(0)
      expect(get).toEqual(post)
      expect(post.result.gnamelist.map((g: any) => String(g.gid))).toContain(gid)
    })

    for (const scheme of ['http', 'https'] as const) {
      it(`serves ${scheme} on d1.web2: get_online_buddies2, get_discu_info, get_recent_list2, the sends and poll2`, async () => {
        const d1 = `${scheme}://d1.web2.qq.com/channel`
        const channel = `clientid=${CLIENT_ID}&psessionid=${client.psessionid}&t=${Date.now()}`
        const { referer } = d1Headers(scheme)
        expect((await client.json('GET', `${d1}/get_online_buddies2?vfwebqq=${client.vfwebqq}&${channel}`, { headers: { referer } })).retcode).toBe(0)
        expect((await client.json('GET', `${d1}/get_discu_info?did=${did}&vfwebqq=${client.vfwebqq}&${channel}`, { headers: { referer } })).retcode).toBe(0)
        const recent = await client.json('POST', `${d1}/get_recent_list2`, {
          headers: d1Headers(scheme),
          r: { vfwebqq: client.vfwebqq, clientid: CLIENT_ID, psessionid: client.psessionid },
        })
        expect(recent.retcode).toBe(0)
        const content = JSON.stringify([`over ${scheme}`, FONT])
        const common = { content, face: 522, clientid: CLIENT_ID, msg_id: 6000001, psessionid: client.psessionid }
        expect(sentOk(await client.json('POST', `${d1}/send_buddy_msg2`, { headers: d1Headers(scheme), r: { to: Number(friendUin), ...common } }))).toBe(true)
        expect(sentOk(await client.json('POST', `${d1}/send_qun_msg2`, { headers: d1Headers(scheme), r: { group_uin: Number(gid), ...common, msg_id: 6000002 } }))).toBe(true)
        expect(sentOk(await client.json('POST', `${d1}/send_discu_msg2`, { headers: d1Headers(scheme), r: { did: Number(did), ...common, msg_id: 6000003 } }))).toBe(true)
        await phone.post('/control/messages/send', { kind: 'friend', from: friendQq, content: [`to ${scheme}`] })
        const polled = JSON.parse((await client.poll(scheme)).body)
        expect(polled.retcode).toBe(0)
        expect(polled.result.some((i: any) => i.value.content.includes(`to ${scheme}`))).toBe(true)
      })

      it(`logs in with login2 over ${scheme}`, async () => {
        const other = new EchoClient(emu)
        await other.logIn(phone, 'after-ptqrlogin', scheme)
        expect(other.psessionid).toMatch(/^[0-9a-f]+$/)
        // The first client's channel was replaced by this login of the same account (§8.4).
        client = other
        await learnIds()
      })
    }

    it('accepts Referer and Origin headers left over from an earlier request', async () => {
      // The page's URL, the other CGI's proxy page, the other scheme's proxy page, a POST's
      // Origin on a GET: whatever the previous request of a client with session-wide headers sent.
      const channel = `clientid=${CLIENT_ID}&psessionid=${client.psessionid}&t=${Date.now()}`
      const leftovers: Array<Record<string, string>> = [
        { referer: 'http://w.qq.com/' },
        { referer: D_REFERER, origin: 'http://d1.web2.qq.com' },
        { referer: d1Headers('https').referer, origin: 'https://d1.web2.qq.com' },
        { referer: S_REFERER, origin: 'http://s.web2.qq.com' },
      ]
      for (const headers of leftovers) {
        const self = await client.json('GET', `http://s.web2.qq.com/api/get_self_info2?t=${Date.now()}`, { headers })
        expect(self.retcode, JSON.stringify(headers)).toBe(0)
        const online = await client.json('GET', `http://d1.web2.qq.com/channel/get_online_buddies2?vfwebqq=${client.vfwebqq}&${channel}`, { headers })
        expect(online.retcode, JSON.stringify(headers)).toBe(0)
        const sent = await client.json('POST', 'https://d1.web2.qq.com/channel/send_buddy_msg2', {
          headers,
          r: { to: Number(friendUin), content: JSON.stringify(['leftover', FONT]), face: 591, clientid: CLIENT_ID, msg_id: 6000010, psessionid: client.psessionid },
        })
        expect(sentOk(sent), JSON.stringify(headers)).toBe(true)
      }
    })

    it('takes the avatar ids clients sent as face (522, 570, 591) and msg_ids from 6000001 or the clock', async () => {
      const clock = Math.round(Date.now() / 1000) * 1000
      const bodies = [
        { face: 522, msg_id: 6000001 },
        { face: 570, msg_id: 6000002 },
        { face: 591, msg_id: 6000003 },
        { face: 522, msg_id: clock % 100_000_000 },
        { face: 570, msg_id: Date.now() },
      ]
      for (const [i, b] of bodies.entries()) {
        const r = { to: Number(friendUin), content: JSON.stringify([`face ${b.face} #${i}`, FONT]), ...b, clientid: CLIENT_ID, psessionid: client.psessionid }
        expect(sentOk(await client.json('POST', 'https://d1.web2.qq.com/channel/send_buddy_msg2', { headers: d1Headers('https'), r })), JSON.stringify(b)).toBe(true)
      }
      const log = (await phone.get(`/control/messages?limit=${bodies.length}`)) as any[]
      expect(log).toHaveLength(bodies.length)
    })
  })
}
