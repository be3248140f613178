import { request } from 'node:http'
import { Window } from 'happy-dom'
import { describe, expect, it } from 'vitest'
import type { Session } from '../../electron/engine/session'
import { CGI } from '../../electron/smartqq/constants'
import { friendHash } from '../../electron/smartqq/hash'
import { Phone, withEmulator, type TestEmulator as Emu } from '../support/emulator'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'
import { raw, rForm, type RawResponse } from '../support/raw-http'

/**
 * The emulator's messaging side over raw HTTP (§6, §8, §9 items 18–21 and 29–44): poll2, the
 * send APIs, the phone acting as any contact, and the scripted contacts. The engine is used
 * only to log in; every poll and send is a hand-made request.
 */

interface Item {
  poll_type: string
  value: Record<string, any>
}

const ME = '2851234567'
const OTHER = '3100000001'
const FONT = ['font', { name: '宋体', size: 10, style: [0, 0, 0], color: '000000' }]
const HOLD_MS = 400

const { emu, phone } = await useEmulator({ pollHoldMs: HOLD_MS, chatter: false, rateLimit: { enabled: false }, accounts: [{ qq: OTHER, nick: '另一个号' }] })
const me = await loginWithPhone(emu.profile, phone)

async function cookieFor(s: Session, url: string): Promise<string> {
  return s.http.jar.getCookieString(url)
}

async function dPost(e: Emu, s: Session, name: string, r: Record<string, unknown>): Promise<RawResponse> {
  const form = rForm(r)
  const cookie = await cookieFor(s, `http://d1.web2.qq.com/channel/${name}`)
  return raw(e.port, { host: 'd1.web2.qq.com', path: `/channel/${name}`, method: 'POST', headers: { ...form.headers, cookie, referer: CGI.d1.referer }, body: form.body })
}

async function dGet(e: Emu, s: Session, name: string, query: Record<string, string | number>): Promise<RawResponse> {
  const q = new URLSearchParams({ ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])), t: String(Date.now()) })
  const cookie = await cookieFor(s, `http://d1.web2.qq.com/channel/${name}`)
  return raw(e.port, { host: 'd1.web2.qq.com', path: `/channel/${name}?${q}`, headers: { cookie, referer: CGI.d1.referer } })
}

function pollBody(s: Session, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ptwebqq: '', clientid: s.cred.clientid, psessionid: s.cred.psessionid, key: '', ...extra }
}

function poll(s: Session, e: Emu = emu, extra: Record<string, unknown> = {}): Promise<RawResponse> {
  return dPost(e, s, 'poll2', pollBody(s, extra))
}

/** A poll expected to carry items; returns them. */
async function pollItems(s: Session, e: Emu = emu): Promise<Item[]> {
  const res = await poll(s, e)
  const body = JSON.parse(res.body)
  expect(body).toMatchObject({ retcode: 0 })
  return body.result
}

/** get_online_buddies2: the call that attaches the session in strict mode (§8.3). */
async function attach(s: Session, e: Emu = emu): Promise<void> {
  const res = await dGet(e, s, 'get_online_buddies2', { vfwebqq: s.cred.vfwebqq, clientid: s.cred.clientid, psessionid: s.cred.psessionid })
  expect(JSON.parse(res.body).retcode).toBe(0)
}

let msgId = 67750000
const sendPaths = { friend: 'send_buddy_msg2', group: 'send_qun_msg2', discussion: 'send_discu_msg2', session: 'send_sess_msg2' } as const
const targetField = { friend: 'to', group: 'group_uin', discussion: 'did', session: 'to' } as const

function send(
  kind: keyof typeof sendPaths,
  target: string | number,
  content: unknown,
  opts: { s?: Session; e?: Emu; extra?: Record<string, unknown> } = {},
): Promise<RawResponse> {
  const s = opts.s ?? me
  return dPost(opts.e ?? emu, s, sendPaths[kind], {
    [targetField[kind]]: Number(target),
    content: typeof content === 'string' ? content : JSON.stringify(content),
    face: 603,
    clientid: s.cred.clientid,
    msg_id: ++msgId,
    psessionid: s.cred.psessionid,
    ...opts.extra,
  })
}

async function contacts(e: Emu = emu, owner = ME): Promise<any> {
  return Phone.for(e).contacts(owner)
}

async function sentLog(e: Emu = emu, owner = ME, limit = 10): Promise<any[]> {
  return (await Phone.for(e).get(`/control/messages?owner=${owner}&limit=${limit}`)) as any[]
}

function phoneSend(body: Record<string, unknown>, p: Phone = phone) {
  return p.post('/control/messages/send', body)
}

function idsOf(qq: string, e: Emu = emu) {
  return e.core.channels.live(qq)!.login.ids
}

/** Resolves once the account's poll is held by the server. */
async function held(qq: string, e: Emu = emu): Promise<void> {
  for (let i = 0; i < 200 && !e.core.channels.live(qq)?.mailbox.isHeld; i++) await new Promise((r) => setTimeout(r, 5))
  expect(e.core.channels.live(qq)?.mailbox.isHeld).toBe(true)
}

/** A friend of the account who is no scripted contact. */
async function plainFriend(e: Emu = emu, owner = ME): Promise<{ qq: string; uin: string }> {
  const f = (await contacts(e, owner)).friends.find((x: any) => !x.bot)
  return { qq: f.qq, uin: f.uin }
}

describe('poll2: the strict gate and idle answers', () => {
  it('answers 103 to polls and sends until get_online_buddies2, then holds and answers idle', async () => {
    expect(JSON.parse((await poll(me)).body)).toEqual({ retcode: 103, errmsg: '' })
    const friend = await plainFriend()
    expect(JSON.parse((await send('friend', friend.uin, ['hi', FONT])).body)).toEqual({ retcode: 103, errmsg: '' })
    await attach(me)
    const started = Date.now()
    const res = await poll(me)
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(HOLD_MS - 20)
    // 2018: 100012 with the time it was held.
    const body = JSON.parse(res.body)
    expect(body.retcode).toBe(100012)
    const cost = Number(/cost\[(\d+\.\d\d)s\]$/.exec(body.retmsg)![1])
    expect(cost).toBeGreaterThanOrEqual((HOLD_MS - 20) / 1000)
    expect(cost).toBeLessThan(elapsed / 1000 + 0.05)
  })

  it('gives each era its idle answer', async () => {
    try {
      for (const era of ['2013', '2015', '2016']) {
        await phone.settings({ era })
        expect(JSON.parse((await poll(me)).body)).toEqual({ retcode: 102, errmsg: '' })
      }
      await phone.settings({ era: '2017' })
      const res = await poll(me)
      expect(res.status).toBe(504)
      expect(res.body).toContain('<title>504 Gateway Time-out</title>')
      expect(res.body).toContain('<center>nginx</center>')
    } finally {
      await phone.settings({ era: '2018' })
    }
  })

  it('answers a poll that still sends a ptwebqq with the 2018 anomaly, held like an idle poll (no hot loop)', async () => {
    const started = Date.now()
    const res = await poll(me, emu, { ptwebqq: 'f'.repeat(64) })
    expect(res.body).toBe('{"errmsg":"error","retcode":0,"retmsg":"ok"}')
    expect(Date.now() - started).toBeGreaterThanOrEqual(HOLD_MS - 20)
  })

  it('answers 103 for an unknown psessionid and 100006 for a body without r', async () => {
    expect(JSON.parse((await poll(me, emu, { psessionid: 'ab' + me.cred.psessionid.slice(2) })).body)).toEqual({ retcode: 103, errmsg: '' })
    const cookie = await cookieFor(me, 'http://d1.web2.qq.com/channel/poll2')
    const res = await raw(emu.port, {
      host: 'd1.web2.qq.com',
      path: '/channel/poll2',
      method: 'POST',
      headers: { cookie, referer: CGI.d1.referer, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'r=%7Bbroken',
    })
    expect(JSON.parse(res.body).retcode).toBe(100006)
  })
})

describe('poll2: delivery', () => {
  it('answers at once with everything queued, newest first, each item once', async () => {
    const friend = await plainFriend()
    for (const text of ['one', 'two', 'three']) expect((await phoneSend({ kind: 'friend', from: friend.qq, content: [text] })).body).toEqual({ delivered: 1 })
    const started = Date.now()
    const items = await pollItems(me)
    expect(Date.now() - started).toBeLessThan(HOLD_MS)
    expect(items.map((i) => i.value.content[1])).toEqual(['three', 'two', 'one'])
    const ids = items.map((i) => i.value.msg_id)
    expect(ids[0]).toBeGreaterThan(ids[1])
    expect(ids[1]).toBeGreaterThan(ids[2])
    // Nothing is delivered twice: the next poll idles.
    expect(JSON.parse((await poll(me)).body).retcode).toBe(100012)
  })

  it('answers a held poll as soon as a message arrives', async () => {
    await phone.settings({ pollHoldMs: 5000 })
    try {
      const friend = await plainFriend()
      const started = Date.now()
      const pending = poll(me)
      await held(ME)
      await phoneSend({ kind: 'friend', from: friend.qq, content: ['now'] })
      const body = JSON.parse((await pending).body)
      expect(Date.now() - started).toBeLessThan(2000)
      expect(body.result.map((i: Item) => i.value.content[1])).toEqual(['now'])
    } finally {
      await phone.settings({ pollHoldMs: HOLD_MS })
    }
  })

  it('lets a newer poll supersede a held one: the older gets the idle answer, the newer the message', async () => {
    await phone.settings({ pollHoldMs: 5000 })
    try {
      const friend = await plainFriend()
      const started = Date.now()
      const older = poll(me)
      await held(ME)
      const newer = poll(me)
      const first = await older
      expect(Date.now() - started).toBeLessThan(2000)
      expect(JSON.parse(first.body).retcode).toBe(100012)
      await held(ME)
      await phoneSend({ kind: 'friend', from: friend.qq, content: ['for the newest poller'] })
      const body = JSON.parse((await newer).body)
      expect(body.result[0].value.content[1]).toBe('for the newest poller')
    } finally {
      await phone.settings({ pollHoldMs: HOLD_MS })
    }
  })

  it('keeps the items of a poll the client gave up on for the next poll', async () => {
    await phone.settings({ pollHoldMs: 5000 })
    try {
      const friend = await plainFriend()
      const form = rForm(pollBody(me))
      const cookie = await cookieFor(me, 'http://d1.web2.qq.com/channel/poll2')
      const req = request({
        host: '127.0.0.1',
        port: emu.port,
        path: '/channel/poll2',
        method: 'POST',
        headers: { host: 'd1.web2.qq.com', ...form.headers, cookie, referer: CGI.d1.referer },
        setHost: false,
      })
      req.on('error', () => {})
      req.end(form.body)
      await held(ME)
      req.destroy()
      for (let i = 0; i < 200 && emu.core.channels.live(ME)?.mailbox.isHeld; i++) await new Promise((r) => setTimeout(r, 5))
      expect(emu.core.channels.live(ME)?.mailbox.isHeld).toBe(false)
      await phoneSend({ kind: 'friend', from: friend.qq, content: ['kept'] })
      const items = await pollItems(me)
      expect(items.map((i) => i.value.content[1])).toEqual(['kept'])
    } finally {
      await phone.settings({ pollHoldMs: HOLD_MS })
    }
  })

  it('answers an injected empty result at once', async () => {
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'empty' }, count: 1 })
    const started = Date.now()
    expect(JSON.parse((await poll(me)).body)).toEqual({ retcode: 0, result: [] })
    expect(Date.now() - started).toBeLessThan(HOLD_MS)
  })
})

describe('the phone as a contact', () => {
  it('delivers a friend message with the font first and text escaped', async () => {
    const friend = await plainFriend()
    const before = Math.floor(Date.now() / 1000)
    expect((await phoneSend({ kind: 'friend', from: friend.qq, content: ['<b>A&B</b> ', { face: 14 }] })).status).toBe(200)
    const [item] = await pollItems(me)
    expect(item!.poll_type).toBe('message')
    const v = item!.value
    expect(v.from_uin).toBe(Number(friend.uin))
    expect(v.to_uin).toBe(Number(ME))
    expect(v.msg_type).toBe(0)
    expect(v.time).toBeGreaterThanOrEqual(before)
    expect(v.time).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000))
    expect(v.content).toEqual([['font', { size: 10, color: '000000', style: [0, 0, 0], name: '微软雅黑' }], '&lt;b&gt;A&amp;B&lt;/b&gt; ', ['face', 14]])
    expect(v).not.toHaveProperty('msg_id2')
  })

  it('delivers group, discussion and temporary-session messages with their ids', async () => {
    const c = await contacts()
    const ids = idsOf(ME)
    const group = c.groups[0]
    const member = group.members.find((m: any) => m.qq !== ME).qq
    await phoneSend({ kind: 'group', from: member, target: group.number, content: ['@小企鹅', ' ', '大家好 <3'] })
    const [g] = await pollItems(me)
    expect(g!.poll_type).toBe('group_message')
    expect(g!.value.from_uin).toBe(Number(group.gid))
    expect(g!.value.group_code).toBe(Number(group.gid))
    expect(g!.value.send_uin).toBe(Number(ids.uin(member)))
    expect(g!.value.content.slice(1)).toEqual(['@小企鹅', ' ', '大家好 &lt;3'])

    const disc = c.discussions[0]
    const dMember = disc.members.find((m: string) => m !== ME)
    await phoneSend({ kind: 'discussion', from: dMember, target: disc.id, content: ['周末见'] })
    const [d] = await pollItems(me)
    expect(d!.poll_type).toBe('discu_message')
    expect(d!.value).toMatchObject({ from_uin: Number(disc.id), did: Number(disc.id), send_uin: Number(ids.uin(dMember)), to_uin: Number(ME) })

    await phoneSend({ kind: 'session', from: member, target: group.number, content: ['临时会话'] })
    const [s] = await pollItems(me)
    expect(s!.poll_type).toBe('sess_message')
    expect(s!.value).toMatchObject({ from_uin: Number(ids.uin(member)), id: Number(group.gid), ruin: Number(member), service_type: 0, flags: { text: 1, pic: 1, file: 1, audio: 1, video: 1 } })
    expect(s!.value.content[0][0]).toBe('font')
  })

  it('refuses unknown people and non-members', async () => {
    const c = await contacts()
    const stranger = c.groups[0].members.find((m: any) => m.qq !== ME && !c.friends.some((f: any) => f.qq === m.qq))
    expect((await phoneSend({ kind: 'friend', from: '99999', content: ['x'] })).status).toBe(404)
    if (stranger) expect((await phoneSend({ kind: 'friend', from: stranger.qq, content: ['x'] })).status).toBe(409)
    expect((await phoneSend({ kind: 'group', from: c.friends[0].qq, target: '1', content: ['x'] })).status).toBe(404)
    const outsider = c.friends.find((f: any) => !c.groups[0].members.some((m: any) => m.qq === f.qq))
    expect((await phoneSend({ kind: 'group', from: outsider.qq, target: c.groups[0].number, content: ['x'] })).status).toBe(409)
    expect((await phoneSend({ kind: 'friend', from: c.friends[0].qq, content: [{ face: 999 }] })).status).toBe(400)
  })

  it('raises input_notify, shake_message and tips', async () => {
    const friend = await plainFriend()
    for (const type of ['input_notify', 'shake_message', 'tips']) expect((await phone.post('/control/events', { type, from: friend.qq })).status).toBe(200)
    const items = await pollItems(me)
    expect(items.map((i) => i.poll_type)).toEqual(['tips', 'shake_message', 'input_notify'])
    expect(items[2]!.value).toMatchObject({ from_uin: Number(friend.uin), to_uin: Number(ME), msg_type: 121, reply_ip: 4294967295 })
    expect(items[1]!.value).toMatchObject({ from_uin: Number(friend.uin), msg_type: 9 })
  })

  it('adds the WebQQ fields in the legacy era', async () => {
    const friend = await plainFriend()
    await phone.settings({ era: '2013' })
    try {
      await phoneSend({ kind: 'friend', from: friend.qq, content: ['old times'] })
      const [item] = await pollItems(me)
      expect(item!.value.msg_type).toBe(9)
      expect(typeof item!.value.msg_id2).toBe('number')
      expect(typeof item!.value.reply_ip).toBe('number')
    } finally {
      await phone.settings({ era: '2018' })
    }
  })
})

describe('the phone page', () => {
  it('sends as a contact with a face and lists what the account sent', async () => {
    const window = new Window({ url: emu.phoneUrl, settings: { enableJavaScriptEvaluation: true, suppressInsecureJavaScriptEnvironmentWarning: true } })
    const $ = (id: string) => window.document.getElementById(id) as any
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 20))
      expect(cond()).toBe(true)
    }
    try {
      window.document.write(await (await fetch(emu.phoneUrl)).text())
      await until(() => $('convTarget').options.length > 0)
      const from = $('convTarget').value
      $('msgText').value = '你好 <b>'
      ;[...$('faces').children].find((b: any) => b.textContent === '微笑').click()
      $('sendMsg').click()
      await until(() => emu.core.channels.live(ME)!.mailbox.size > 0)
      const [item] = await pollItems(me)
      expect(item!.value.from_uin).toBe(Number(idsOf(ME).uin(from)))
      expect(item!.value.content.slice(1)).toEqual(['你好 &lt;b&gt;', ['face', 14]])

      expect((await send('friend', (await plainFriend()).uin, ['from the web ', ['face', 13]])).status).toBe(200)
      await until(() => ($('sent').textContent as string).includes('from the web [呲牙]'))
    } finally {
      await window.happyDOM.close()
    }
  })
})

describe('sending', () => {
  it('delivers friend, group and discussion sends to the phone side, and echoes group ones (2018)', async () => {
    const c = await contacts()
    const friend = await plainFriend()
    const group = c.groups[0]
    const disc = c.discussions[0]
    const ok = '{"retcode":0,"result":"ok"}'
    expect((await send('friend', friend.uin, ['hello ', ['face', 14], ' world', FONT])).body).toBe(ok)
    const friendMsgId = msgId
    expect((await send('group', group.gid, [FONT, 'hi all'])).body).toBe(ok)
    expect((await send('discussion', disc.id, ['去爬山？'])).body).toBe(ok)
    const log = await sentLog(emu, ME, 3)
    expect(log.map((m) => [m.kind, m.to, m.text])).toEqual([
      ['friend', friend.qq, 'hello  world'],
      ['group', group.number, 'hi all'],
      ['discussion', disc.id, '去爬山？'],
    ])
    expect(log[0].segments).toEqual(['hello ', ['face', 14], ' world'])
    expect(log[0].msgId).toBe(friendMsgId)
    // Own group and discussion messages come back through poll with send_uin = self (§6.6).
    const items = await pollItems(me)
    expect(items.map((i) => i.poll_type)).toEqual(['discu_message', 'group_message'])
    expect(items[1]!.value).toMatchObject({ from_uin: Number(group.gid), send_uin: Number(ME) })
    expect(items[0]!.value).toMatchObject({ did: Number(disc.id), send_uin: Number(ME) })
  })

  it('answers unknown recipients with 1202, or 100001 for a group', async () => {
    expect(JSON.parse((await send('friend', 12345678901, ['x'])).body)).toEqual({ retcode: 1202, errmsg: '' })
    expect(JSON.parse((await send('group', 12345678901, ['x'])).body)).toEqual({ retcode: 100001 })
    expect(JSON.parse((await send('discussion', 1, ['x'])).body)).toEqual({ retcode: 1202, errmsg: '' })
  })

  it.each([
    ['an array instead of a JSON string', ['x']],
    ['text that is not JSON', 'hello'],
    ['a JSON object', '{"text":"x"}'],
    ['a face out of range', JSON.stringify([['face', 200], FONT])],
  ])('answers 100001 to content that is %s', async (_what, content) => {
    const friend = await plainFriend()
    const res = await send('friend', friend.uin, '', { extra: { content } })
    expect(JSON.parse(res.body)).toEqual({ retcode: 100001 })
  })

  it('accepts numeric strings and a missing font', async () => {
    const friend = await plainFriend()
    const res = await send('friend', friend.uin, ['no font', ['face', '13']], { extra: { to: friend.uin, clientid: String(me.cred.clientid) } })
    expect(res.body).toBe('{"retcode":0,"result":"ok"}')
    expect((await sentLog(emu, ME, 1))[0].segments).toEqual(['no font', ['face', 13]])
  })

  it('answers with the era success body', async () => {
    const friend = await plainFriend()
    try {
      for (const [era, body] of [
        ['2013', '{"retcode":0,"result":"ok"}'],
        ['2015', '{"errCode":0,"msg":"send ok"}'],
        ['2016', '{"errCode":0,"msg":"send ok"}'],
        ['2017', '{"retcode":0,"result":"ok"}'],
      ]) {
        await phone.settings({ era })
        expect((await send('friend', friend.uin, ['era ' + era])).body).toBe(body)
      }
    } finally {
      await phone.settings({ era: '2018' })
    }
  })

  it('delivers the same body posted twice twice (no dedupe by msg_id)', async () => {
    const group = (await contacts()).groups[0]
    const body = { group_uin: Number(group.gid), content: JSON.stringify(['again', FONT]), face: 603, clientid: me.cred.clientid, msg_id: 4242, psessionid: me.cred.psessionid }
    for (let i = 0; i < 2; i++) expect((await dPost(emu, me, 'send_qun_msg2', body)).body).toBe('{"retcode":0,"result":"ok"}')
    const log = await sentLog(emu, ME, 2)
    expect(log.map((m) => [m.text, m.msgId])).toEqual([
      ['again', 4242],
      ['again', 4242],
    ])
    expect((await pollItems(me)).map((i) => i.value.content[1])).toEqual(['again', 'again'])
  })

  it('answers the delivered-retcode fault after delivering', async () => {
    const friend = await plainFriend()
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'delivered-retcode', retcode: 100100 }, count: 1 })
    expect((await send('friend', friend.uin, ['odd status'])).body).toBe('{"errmsg":"error!!!","retcode":100100}')
    expect((await sentLog(emu, ME, 1))[0].text).toBe('odd status')
  })

  it('rate-limits a burst with 1202, delivers nothing over the limit, and cools down after repeated violations', async () => {
    const friend = await plainFriend()
    const limited = '{"errmsg":"error!!!","retcode":1202}'
    await phone.settings({ rateLimit: { enabled: true, burst: 3, refillMs: 600_000, cooldownMs: 1000 } })
    try {
      for (let i = 0; i < 3; i++) expect((await send('friend', friend.uin, [`burst ${i}`])).body).toBe('{"retcode":0,"result":"ok"}')
      for (let i = 3; i < 6; i++) expect((await send('friend', friend.uin, [`burst ${i}`])).body).toBe(limited)
      expect((await sentLog(emu, ME, 1))[0].text).toBe('burst 2')
      // Tokens come back at once now, but the account is cooling: still refused.
      await phone.settings({ rateLimit: { refillMs: 1 } })
      expect((await send('friend', friend.uin, ['while cooling'])).body).toBe(limited)
      await new Promise((r) => setTimeout(r, 1100))
      expect((await send('friend', friend.uin, ['after cooling'])).body).toBe('{"retcode":0,"result":"ok"}')
      expect((await sentLog(emu, ME, 2)).map((m) => m.text)).toEqual(['burst 2', 'after cooling'])
    } finally {
      await phone.settings({ rateLimit: { enabled: false, refillMs: 2000, burst: 10 } })
    }
  })

  it('blocks temporary sessions from 2016 on: empty signature, failing sends', async () => {
    const group = (await contacts()).groups[0]
    const member = group.members.find((m: any) => m.qq !== ME).qq
    const uin = idsOf(ME).uin(member)
    const sig = await dGet(emu, me, 'get_c2cmsg_sig2', { id: group.gid, to_uin: uin, service_type: 0, clientid: me.cred.clientid, psessionid: me.cred.psessionid })
    expect(JSON.parse(sig.body)).toEqual({ retcode: 0, result: { type: 0, value: '', flags: { text: 1, pic: 1, file: 1, audio: 1, video: 1 } } })
    const res = await send('session', uin, ['hi'], { extra: { group_sig: '', service_type: 0 } })
    expect(res.body).toBe('{"errmsg":"error!!!","retcode":1202}')
  })

  it('sends a temporary session with the signature from get_c2cmsg_sig2 (2015)', async () => {
    const group = (await contacts()).groups[0]
    const member = group.members.find((m: any) => m.qq !== ME).qq
    const uin = idsOf(ME).uin(member)
    await phone.settings({ era: '2015' })
    try {
      const ask = () => dGet(emu, me, 'get_c2cmsg_sig2', { id: group.gid, to_uin: uin, service_type: 0, clientid: me.cred.clientid, psessionid: me.cred.psessionid })
      const value = JSON.parse((await ask()).body).result.value
      expect(value).toMatch(/^[0-9a-f]{64,}$/)
      expect(JSON.parse((await ask()).body).result.value).toBe(value)
      expect(JSON.parse((await send('session', uin, ['wrong sig'], { extra: { group_sig: 'ab', service_type: 0 } })).body)).toEqual({ retcode: 1202, errmsg: '' })
      const res = await send('session', uin, ['悄悄话'], { extra: { group_sig: value, service_type: 0 } })
      expect(res.body).toBe('{"errCode":0,"msg":"send ok"}')
      expect((await sentLog(emu, ME, 1))[0]).toMatchObject({ kind: 'session', to: member, text: '悄悄话' })
      // Not a member of that group → 100001.
      const bad = await dGet(emu, me, 'get_c2cmsg_sig2', { id: group.gid, to_uin: 1, service_type: 0, clientid: me.cred.clientid, psessionid: me.cred.psessionid })
      expect(JSON.parse(bad.body).retcode).toBe(100001)
    } finally {
      await phone.settings({ era: '2018' })
    }
  })
})

describe('scripted contacts', () => {
  it('the echo friend answers with the same content', async () => {
    const echo = (await contacts()).friends.find((f: any) => f.bot === 'echo')
    await phone.settings({ pollHoldMs: 5000 })
    try {
      expect((await send('friend', echo.uin, ['回声 <test>', ['face', 14], FONT])).body).toBe('{"retcode":0,"result":"ok"}')
      const started = Date.now()
      const [item] = await pollItems(me)
      expect(Date.now() - started).toBeLessThan(3000)
      expect(item!.poll_type).toBe('message')
      expect(item!.value.from_uin).toBe(Number(echo.uin))
      expect(item!.value.content).toEqual([FONT, '回声 &lt;test&gt;', ['face', 14]])
    } finally {
      await phone.settings({ pollHoldMs: HOLD_MS })
    }
  })

  it('the echo friend answers quick messages in the order they were sent', async () => {
    const echo = (await contacts()).friends.find((f: any) => f.bot === 'echo')
    await phone.settings({ pollHoldMs: 1000 })
    try {
      const sent = ['一', '二', '三', '四', '五'].map((n) => `第${n}条`)
      for (const text of sent) expect((await send('friend', echo.uin, [text, FONT])).body).toBe('{"retcode":0,"result":"ok"}')
      const heard: string[] = []
      for (let polls = 0; heard.length < sent.length && polls < 20; polls++) {
        const body = JSON.parse((await poll(me)).body)
        // An answer lists its items newest first (§6.1).
        const items: Item[] = body.retcode === 0 ? [...body.result].reverse() : []
        for (const i of items) if (i.poll_type === 'message' && i.value.from_uin === Number(echo.uin)) heard.push(i.value.content[1])
      }
      expect(heard).toEqual(sent)
    } finally {
      await phone.settings({ pollHoldMs: HOLD_MS })
    }
  })

  it('the keyword friend answers 时间 with the time', async () => {
    const helper = (await contacts()).friends.find((f: any) => f.bot === 'keywords')
    await phone.settings({ pollHoldMs: 5000 })
    try {
      await send('friend', helper.uin, ['时间'])
      const [item] = await pollItems(me)
      expect(item!.value.from_uin).toBe(Number(helper.uin))
      expect(item!.value.content[1]).toMatch(/^现在是 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/)
    } finally {
      await phone.settings({ pollHoldMs: HOLD_MS })
    }
  })

  it('chatty groups talk while the account is online and attached', async () => {
    const e = await withEmulator({ pollHoldMs: 3000, chatter: true, chatterRate: 600 })
    try {
      const p = Phone.for(e)
      const s = await loginWithPhone(e.profile, p)
      // Not attached yet (strict mode): nobody reads the rooms, so nobody talks.
      await new Promise((r) => setTimeout(r, 1300))
      expect(e.core.channels.live(ME)!.mailbox.size).toBe(0)
      await attach(s, e)
      const c = await contacts(e)
      const rooms = [...c.groups.filter((g: any) => g.chatterPerMinute > 0).map((g: any) => Number(g.gid)), ...c.discussions.filter((d: any) => d.chatterPerMinute > 0).map((d: any) => Number(d.id))]
      expect(rooms).toHaveLength(2)
      const items = await pollItems(s, e)
      expect(items.length).toBeGreaterThan(0)
      for (const item of items) {
        expect(['group_message', 'discu_message']).toContain(item.poll_type)
        expect(rooms).toContain(item.value.from_uin)
        expect(item.value.send_uin).not.toBe(Number(ME))
        expect(item.value.content[0][0]).toBe('font')
      }
    } finally {
      await e.stop()
    }
  })
})

describe('session end', () => {
  it('rotates ptwebqq with 116; the friend-list hash then needs the new value', async () => {
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'rotate-ptwebqq' }, count: 1 })
    const body = JSON.parse((await poll(me)).body)
    expect(body).toEqual({ retcode: 116, p: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(body.p).not.toBe(me.cred.ptwebqq)
    const friends = async (ptwebqq: string) => {
      const form = rForm({ vfwebqq: me.cred.vfwebqq, hash: friendHash(ME, ptwebqq) })
      const cookie = await cookieFor(me, 'http://s.web2.qq.com/api/get_user_friends2')
      const res = await raw(emu.port, { host: 's.web2.qq.com', path: '/api/get_user_friends2', method: 'POST', headers: { ...form.headers, cookie, referer: CGI.s.referer }, body: form.body })
      return JSON.parse(res.body).retcode
    }
    expect(await friends(me.cred.ptwebqq)).toBe(50)
    expect(await friends(body.p)).toBe(0)
  })

  it('a second login kicks the first: kick_message once, then 121; its sends get 103', async () => {
    const first = await loginWithPhone(emu.profile, phone, { qq: OTHER })
    await attach(first)
    const friend = await plainFriend(emu, OTHER)
    await loginWithPhone(emu.profile, phone, { qq: OTHER })
    const items = await pollItems(first)
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      poll_type: 'kick_message',
      value: { from_uin: 10000, to_uin: Number(OTHER), msg_type: 48, show_reason: 1, reason: '您的帐号在另一地点登录，您已被迫下线。如有疑问，请登录 safe.qq.com 了解更多。' },
    })
    expect(JSON.parse((await poll(first)).body)).toEqual({ retcode: 121, t: '0' })
    expect(JSON.parse((await send('friend', friend.uin, ['x'], { s: first })).body)).toEqual({ retcode: 103, errmsg: '' })
  })

  it('the kick fault ends the session the same way; the expire fault answers 121', async () => {
    const s = await loginWithPhone(emu.profile, phone, { qq: OTHER })
    await attach(s)
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'kick' }, count: 1 })
    expect((await pollItems(s)).map((i) => i.poll_type)).toEqual(['kick_message'])
    expect(JSON.parse((await poll(s)).body)).toEqual({ retcode: 121, t: '0' })

    const t = await loginWithPhone(emu.profile, phone, { qq: OTHER })
    await attach(t)
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'expire' }, count: 1 })
    expect(JSON.parse((await poll(t)).body)).toEqual({ retcode: 121, t: '0' })
  })

  it('answers 121 once the session outlived its TTL', async () => {
    const e = await withEmulator({ pollHoldMs: 300, chatter: false, sessionTtlMs: 1500 })
    try {
      const s = await loginWithPhone(e.profile, Phone.for(e))
      await attach(s, e)
      expect(JSON.parse((await poll(s, e)).body).retcode).toBe(100012)
      await new Promise((r) => setTimeout(r, 1600))
      expect(JSON.parse((await poll(s, e)).body)).toEqual({ retcode: 121, t: '0' })
    } finally {
      await e.stop()
    }
  })
})
