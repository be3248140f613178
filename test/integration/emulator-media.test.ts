import { request } from 'node:http'
import { PNG } from 'pngjs'
import { afterEach, describe, expect, it } from 'vitest'
import { parseFaultSpec } from '../../electron/emulator/faults'
import type { Session } from '../../electron/engine/session'
import { loginWithPhone } from '../support/login'
import { attach, channelQuery, cookiesWithout, getBytes, nextItem, queryString, sendBuddy, type PollItem } from '../support/raw-session'
import { useEmulator } from '../support/use-emulator'

/**
 * Received pictures over raw HTTP (§7.1, §7.2, §6.3): what the phone sends arrives as offpic or
 * cface elements; get_offpic2, get_group_pic and get_cface2 answer a 302 to the image server on
 * the emulator's own IP and port, which serves exactly the bytes with their real Content-Type.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ pollHoldMs: 200 })
const me = await loginWithPhone(emu.profile, phone)
await attach(emu, me)
const contacts = await phone.contacts()
const friend: { qq: string; uin: string } = contacts.friends.find((f: any) => !f.bot)
const group = contacts.groups[0]
const groupMember: string = group.members.find((m: any) => m.qq !== ME).qq
const discussion = contacts.discussions[0]
const discussionMember: string = discussion.members.find((qq: string) => qq !== ME)

function png(width: number, height: number, seed: number): Buffer {
  const img = new PNG({ width, height })
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * seed) % 251
  return PNG.sync.write(img)
}
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(64, 7), Buffer.from([0xff, 0xd9])])
const IMAGE_URL = new RegExp(`^http://127\\.0\\.0\\.1:${emu.port}/\\?ver=2173&rkey=[0-9a-f]{64}$`)

/** The phone sends one picture; the account's poll gets the message; its picture element. */
async function received(input: Parameters<typeof phone.sendImage>[0], kind = 'message'): Promise<{ item: PollItem; element: any }> {
  const sent = await phone.sendImage(input)
  expect(sent).toEqual({ status: 200, body: { delivered: 1 } })
  const item = await nextItem(emu, me, kind)
  return { item, element: item.value.content.at(-1) }
}

const offpicUrl = (host: string, path: string, fUin: string, s: Session = me) =>
  `http://${host}/${host === 'w.qq.com' ? 'd/channel' : 'channel'}/get_offpic2?${channelQuery(s, { file_path: path, f_uin: fUin })}`

/** Follows one 302 to the image server and returns its answer. */
async function imageAt(location: string) {
  expect(location).toMatch(IMAGE_URL)
  return getBytes(emu, location)
}

describe('friend pictures: offpic and get_offpic2', () => {
  it('delivers an offpic element and serves the same bytes through a 302 on w.qq.com, d.web2 and d1.web2', async () => {
    const bytes = png(5, 4, 3)
    const { item, element } = await received({ kind: 'friend', from: friend.qq, image: bytes, text: '看这个' })
    expect(item.value.content.slice(1)).toEqual(['看这个', element])
    expect(element).toEqual(['offpic', { success: 1, file_path: expect.stringMatching(/^\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/) }])
    const path = element[1].file_path
    // The w.qq.com path proxy gets only the qq.com cookies (uin, skey) from a jar.
    const wCookies = await cookiesWithout(me, 'http://w.qq.com/', ['p_skey', 'p_uin'])
    for (const [host, opts] of [['w.qq.com', { cookie: wCookies }], ['d.web2.qq.com', { session: me }], ['d1.web2.qq.com', { session: me }]] as const) {
      const res = await getBytes(emu, offpicUrl(host, path, friend.uin), opts)
      expect(res.status, host).toBe(302)
      const image = await imageAt(String(res.headers.location))
      expect(image.status).toBe(200)
      expect(image.headers['content-type']).toBe('image/png')
      expect(image.headers['content-length']).toBe(String(bytes.length))
      expect(image.body.equals(bytes)).toBe(true)
    }
  })

  it('serves jpeg and gif under their own Content-Type, whatever name they were sent with', async () => {
    for (const [bytes, type] of [
      [JPEG, 'image/jpeg'],
      [GIF, 'image/gif'],
    ] as const) {
      const { element } = await received({ kind: 'friend', from: friend.qq, image: bytes, name: 'photo.png' })
      const res = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, friend.uin), { session: me })
      const image = await imageAt(String(res.headers.location))
      expect(image.headers['content-type']).toBe(type)
      expect(image.body.equals(bytes)).toBe(true)
    }
  })

  it('answers {"retcode":103,"errmsg":""} for an unknown path, another sender, a dead psessionid or missing cookies', async () => {
    const { element } = await received({ kind: 'friend', from: friend.qq, image: png(2, 2, 5) })
    const path = element[1].file_path
    const other = contacts.friends.find((f: any) => f.qq !== friend.qq).uin
    const d1 = (p: string, f = friend.uin) => offpicUrl('d1.web2.qq.com', p, f)
    const cases = [
      getBytes(emu, d1('/00000000-0000-4000-8000-000000000000'), { session: me }),
      getBytes(emu, d1(path, other), { session: me }),
      getBytes(emu, d1(path).replace(me.cred.psessionid, `ab${me.cred.psessionid.slice(2)}`), { session: me }),
      getBytes(emu, d1(path)),
      // d.web2 is a web2.qq.com host: its jar sends p_skey, and the service wanted it (§7.1, §9 item 45).
      getBytes(emu, d1(path), { cookie: await cookiesWithout(me, 'http://d1.web2.qq.com/', ['p_skey']) }),
    ]
    for (const res of await Promise.all(cases)) {
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
      expect(res.body.toString()).toBe('{"retcode":103,"errmsg":""}')
    }
  })

  it('serves a temporary-session picture as an offpic to its one recipient', async () => {
    const { element } = await received({ kind: 'session', from: groupMember, target: group.number, image: GIF }, 'sess_message')
    expect(element[0]).toBe('offpic')
    const uin = emu.core.channels.live(ME)!.login.ids.uin(groupMember)
    const res = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, uin), { session: me })
    expect((await imageAt(String(res.headers.location))).body.equals(GIF)).toBe(true)
  })
})

describe('the image server', () => {
  it('needs no secret (the rkey authorises), answers 404 to an unknown rkey, and sends a person without one to the phone page', async () => {
    const { element } = await received({ kind: 'friend', from: friend.qq, image: GIF })
    const res = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, friend.uin), { session: me })
    // A second 302 gives a new rkey for the same picture; both work.
    const again = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, friend.uin), { session: me })
    expect(again.headers.location).not.toBe(res.headers.location)
    for (const loc of [res.headers.location, again.headers.location]) expect((await imageAt(String(loc))).body.equals(GIF)).toBe(true)
    const unknown = await getBytes(emu, `http://127.0.0.1:${emu.port}/?ver=2173&rkey=${'0'.repeat(64)}`)
    expect(unknown.status).toBe(404)
    const root = await getBytes(emu, `http://127.0.0.1:${emu.port}/`)
    expect(root.status).toBe(403)
    const withSecret = await getBytes(emu, `http://127.0.0.1:${emu.port}/?secret=${emu.secret}`)
    expect(withSecret.headers.location).toBe(`/phone?secret=${emu.secret}`)
  })

  it('answers after the configured delay (imageDelayMs)', async () => {
    const { element } = await received({ kind: 'friend', from: friend.qq, image: GIF })
    const res = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, friend.uin), { session: me })
    await phone.settings({ imageDelayMs: 400 })
    try {
      const started = Date.now()
      const image = await imageAt(String(res.headers.location))
      expect(Date.now() - started).toBeGreaterThanOrEqual(390)
      expect(image.body.equals(GIF)).toBe(true)
    } finally {
      await phone.settings({ imageDelayMs: 0 })
    }
  })
})

describe('group and discussion pictures: cface and get_group_pic', () => {
  const groupPicUrl = (q: Record<string, string | number>) =>
    `http://web2.qq.com/cgi-bin/get_group_pic?${queryString({ ...q, vfwebqq: me.cred.vfwebqq, t: Math.floor(Date.now() / 1000) })}`
  const referer = { referer: 'http://web2.qq.com/webqq.html' }

  it('delivers a cface element naming the emulator as its server and serves it by the group code or gid', async () => {
    const bytes = png(7, 3, 11)
    const { item, element } = await received({ kind: 'group', from: groupMember, target: group.number, image: bytes }, 'group_message')
    expect(element).toEqual([
      'cface',
      { name: expect.stringMatching(/^[0-9A-F]{32}\.jPg$/), file_id: expect.any(Number), key: expect.stringMatching(/^[A-Za-z0-9]{16}$/), server: `127.0.0.1:${emu.port}` },
    ])
    const { name, file_id: fid, server } = element[1]
    const [rip, rport] = server.split(':')
    const ids = emu.core.channels.live(ME)!.login.ids
    for (const gid of [ids.code(group.number), String(item.value.group_code)]) {
      const res = await getBytes(emu, groupPicUrl({ type: 0, gid, uin: item.value.send_uin, rip, rport, fid, pic: name }), { session: me, headers: referer })
      expect(res.status).toBe(302)
      const image = await imageAt(String(res.headers.location))
      expect(image.headers['content-type']).toBe('image/png')
      expect(image.body.equals(bytes)).toBe(true)
    }
  })

  it('serves a discussion picture with type 1 and the did', async () => {
    const { item, element } = await received({ kind: 'discussion', from: discussionMember, target: discussion.id, image: JPEG }, 'discu_message')
    const [rip, rport] = element[1].server.split(':')
    const res = await getBytes(emu, groupPicUrl({ type: 1, gid: discussion.id, uin: item.value.send_uin, rip, rport, fid: element[1].file_id, pic: element[1].name }), { session: me, headers: referer })
    expect((await imageAt(String(res.headers.location))).body.equals(JPEG)).toBe(true)
  })

  it('answers 404 to a wrong file id, name, sender, room or server, and without the login', async () => {
    const { item, element } = await received({ kind: 'group', from: groupMember, target: group.number, image: GIF }, 'group_message')
    const { name, file_id: fid } = element[1]
    const gid = String(item.value.group_code)
    const good = { type: 0, gid, uin: item.value.send_uin, rip: '127.0.0.1', rport: emu.port, fid, pic: name }
    expect((await getBytes(emu, groupPicUrl(good), { session: me })).status).toBe(302)
    for (const bad of [{ fid: fid + 1 }, { pic: `0${name.slice(1)}` }, { uin: item.value.send_uin + 1 }, { type: 1 }, { gid: `${gid}1` }, { rport: emu.port + 1 }]) {
      const res = await getBytes(emu, groupPicUrl({ ...good, ...bad }), { session: me })
      expect(res.status, JSON.stringify(bad)).toBe(404)
    }
    expect((await getBytes(emu, groupPicUrl(good))).status).toBe(404)
  })

  it('answers groups with an offpic request 400 at the phone', async () => {
    const res = await phone.sendImage({ kind: 'group', from: groupMember, target: group.number, image: GIF, element: 'offpic' })
    expect(res.status).toBe(400)
  })
})

describe('buddy custom faces: get_cface2', () => {
  it('serves a friend cface by guid and sender, and answers 103 otherwise', async () => {
    const { item, element } = await received({ kind: 'friend', from: friend.qq, image: JPEG, element: 'cface' })
    const name = element[1].name
    const url = (guid: string, to: string) => `http://d.web2.qq.com/channel/get_cface2?${channelQuery(me, { lcid: item.value.msg_id, guid, to, count: 5, time: 1 })}`
    const res = await getBytes(emu, url(name, friend.uin), { session: me })
    expect(res.status).toBe(302)
    expect((await imageAt(String(res.headers.location))).body.equals(JPEG)).toBe(true)
    for (const bad of [url(`F${name.slice(1)}`, friend.uin), url(name, contacts.friends.find((f: any) => f.qq !== friend.qq).uin)]) {
      expect((await getBytes(emu, bad, { session: me })).body.toString()).toBe('{"retcode":103,"errmsg":""}')
    }
  })
})

describe('the control API takes only real pictures', () => {
  it.each([
    ['text', Buffer.from('<html>not a picture</html>')],
    ['a PDF', Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n')],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e])],
  ])('refuses %s with 400', async (_what, bytes) => {
    const res = await phone.sendImage({ kind: 'friend', from: friend.qq, image: bytes })
    expect(res.status).toBe(400)
    expect(res.body.error).toContain('not a png, jpeg or gif')
  })

  it('refuses bad base64, an empty picture and one over 10 MiB', async () => {
    const send = (data: string) => phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [{ image: { data } }] })
    expect((await send('not base64!')).status).toBe(400)
    expect((await send('')).status).toBe(400)
    const big = Buffer.concat([png(2, 2, 1), Buffer.alloc(10 * 1024 * 1024)])
    expect((await send(big.toString('base64'))).status).toBe(400)
    expect(emu.core.channels.live(ME)!.mailbox.size).toBe(0)
  })

  it('needs the secret like the rest of the API', async () => {
    const res = await fetch(`${emu.url}/control/messages/send`, { method: 'POST', body: JSON.stringify({ kind: 'friend', from: friend.qq, content: [{ image: { data: GIF.toString('base64') } }] }) })
    expect(res.status).toBe(403)
  })
})

describe('the bundled samples', () => {
  it.each(['landscape', 'cat', 'chart'] as const)('sends the %s sample as a real, calm PNG', async (sample) => {
    const { element } = await received({ kind: 'friend', from: friend.qq, image: sample })
    const res = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, friend.uin), { session: me })
    const image = await imageAt(String(res.headers.location))
    expect(image.headers['content-type']).toBe('image/png')
    const img = PNG.sync.read(image.body)
    expect(img.width).toBeGreaterThanOrEqual(320)
    // Not noise: most neighbouring pixels are (nearly) the same colour.
    let calm = 0
    for (let i = 4; i < img.data.length; i += 4) if (Math.abs(img.data[i]! - img.data[i - 4]!) < 8) calm++
    expect(calm / (img.data.length / 4)).toBeGreaterThan(0.9)
  })

  it('refuses an unknown sample name', async () => {
    expect((await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [{ image: { sample: 'dog' } }] })).status).toBe(400)
  })
})

describe('the phone page', () => {
  it('has the picture controls (a file input and the samples) and the file offer controls', async () => {
    const page = await (await fetch(emu.phoneUrl)).text()
    expect(page).toMatch(/<input id="picFile" type="file" accept="image\/png,image\/jpeg,image\/gif"/)
    for (const sample of ['landscape', 'cat', 'chart']) expect(page).toContain(`<option value="${sample}"`)
    for (const id of ['sendPic', 'fileFrom', 'fileName', 'fileSize', 'offerFile', 'files']) expect(page).toContain(`id="${id}"`)
    expect(page).toContain('/control/files/offer')
    expect(page).toContain('/control/files/cancel')
  })
})

describe('小助手', () => {
  it('answers 图片 with a picture the image server serves', async () => {
    const bot = contacts.friends.find((f: any) => f.bot === 'keywords')
    expect(await sendBuddy(emu, me, bot.uin, '来张图片')).toEqual({ retcode: 0, result: 'ok' })
    const item = await nextItem(emu, me, 'message', (v) => v.from_uin === Number(bot.uin))
    const [, text, element] = item.value.content
    expect(text).toBe('给你看一张图片：')
    expect(element[0]).toBe('offpic')
    const res = await getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, bot.uin), { session: me })
    const image = await imageAt(String(res.headers.location))
    expect(image.headers['content-type']).toBe('image/png')
    expect(PNG.sync.read(image.body).width).toBeGreaterThan(0)
  })
})

/** Reads a URL until `enough(bytes so far)` says so (then drops the connection) or the body ends; `seen` hears every chunk. */
function readUntil(url: string, enough: (received: number) => boolean, seen?: (body: Buffer) => void): Promise<{ headers: Record<string, any>; body: Buffer; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url)
    const req = request({ host: '127.0.0.1', port: emu.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
      const chunks: Buffer[] = []
      let received = 0
      const done = (ended: boolean) => resolve({ headers: res.headers, body: Buffer.concat(chunks), ended })
      res.on('data', (c: Buffer) => {
        chunks.push(c)
        received += c.length
        seen?.(c)
        if (enough(received)) {
          req.destroy()
          done(false)
        }
      })
      res.on('end', () => done(true))
    })
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)))
    req.end()
  })
}

describe('hostile switches', () => {
  afterEach(async () => {
    await phone.post('/control/faults/clear', {})
  })
  const bytes = png(40, 30, 7)

  /** A friend picture's get_offpic2 answer (its 302). */
  async function offpicAnswer() {
    const { element } = await received({ kind: 'friend', from: friend.qq, image: bytes })
    return getBytes(emu, offpicUrl('d1.web2.qq.com', element[1].file_path, friend.uin), { session: me })
  }
  /** A real image server URL for a fresh picture, taken before any switch is on. */
  async function imageServerUrl(): Promise<string> {
    return String((await offpicAnswer()).headers.location)
  }

  it('redirect-scheme: the 302 leads to file:// or javascript:', async () => {
    expect((await phone.hostile('redirect-scheme')).status).toBe(200)
    expect((await offpicAnswer()).headers.location).toBe('file:///etc/passwd')
    await phone.hostile('off')
    await phone.hostile('redirect-scheme', { scheme: 'javascript', scope: ['pictures'] })
    const res = await offpicAnswer()
    expect(res.status).toBe(302)
    expect(res.headers.location).toBe('javascript:alert(1)')
  })

  it('redirect-elsewhere: to another loopback address, a private one, or the emulator on another port', async () => {
    await phone.hostile('redirect-elsewhere', { count: 1 })
    expect(String((await offpicAnswer()).headers.location)).toMatch(new RegExp(`^http://127\\.0\\.0\\.2:${emu.port}/\\?ver=2173&rkey=[0-9a-f]{64}$`))
    await phone.hostile('redirect-elsewhere', { to: 'private', count: 1 })
    expect(String((await offpicAnswer()).headers.location)).toMatch(/^http:\/\/10\.0\.0\.1\/\?ver=2173&rkey=[0-9a-f]{64}$/)
    await phone.hostile('redirect-elsewhere', { to: 'other-port', count: 1 })
    expect(String((await offpicAnswer()).headers.location)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${emu.port + 1}/\\?ver=2173&rkey=[0-9a-f]{64}$`))
    // Each switch was for one answer: the next 302 is the real one again.
    expect(String((await offpicAnswer()).headers.location)).toMatch(IMAGE_URL)
  })

  it('redirect-twice: the image server answers another 302 (to itself) instead of the bytes', async () => {
    const url = await imageServerUrl()
    await phone.hostile('redirect-twice', { count: 1 })
    const again = await getBytes(emu, url)
    expect(again.status).toBe(302)
    const image = await imageAt(String(again.headers.location))
    expect(image.body.equals(bytes)).toBe(true)
  })

  it('lying-type: HTML under image/png', async () => {
    const url = await imageServerUrl()
    await phone.hostile('lying-type')
    const res = await getBytes(emu, url)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.body.toString()).toMatch(/^<!DOCTYPE html>/)
    expect(res.headers['content-length']).toBe(String(res.body.length))
  })

  it('endless: a body without Content-Length that does not end (it starts like the picture)', async () => {
    const url = await imageServerUrl()
    await phone.hostile('endless')
    const got = await readUntil(url, (n) => n > 3 * 1024 * 1024)
    expect(got.ended).toBe(false)
    expect(got.headers['content-length']).toBeUndefined()
    expect(got.headers['transfer-encoding']).toBe('chunked')
    expect(got.body.subarray(0, 8).equals(bytes.subarray(0, 8))).toBe(true)
  })

  it('oversized: 64 MiB with its Content-Length', async () => {
    const url = await imageServerUrl()
    await phone.hostile('oversized', { scope: ['pictures'] })
    const got = await readUntil(url, () => false)
    expect(got.ended).toBe(true)
    expect(got.headers['content-length']).toBe(String(64 * 1024 * 1024))
    expect(got.body.length).toBe(64 * 1024 * 1024)
    expect(got.body.subarray(0, 16).equals(bytes.subarray(0, 16))).toBe(true)
  })

  it('trickle: the real picture, a byte at a time', async () => {
    const url = await imageServerUrl()
    await phone.hostile('trickle')
    const started = await readUntil(url, (n) => n >= 1)
    expect(started.headers['content-length']).toBe(String(bytes.length))
    expect(started.body.equals(bytes.subarray(0, 1))).toBe(true)
    // Half a second after its first byte a trickle has a few more, nowhere near the picture.
    const chunks: Buffer[] = []
    let stop = false
    await new Promise<void>((resolve) => {
      void readUntil(
        url,
        () => stop,
        (c) => {
          chunks.push(c)
          if (chunks.length === 1) setTimeout(resolve, 500)
        },
      )
    })
    stop = true
    const more = Buffer.concat(chunks)
    expect(more.length).toBeGreaterThanOrEqual(1)
    expect(more.length).toBeLessThan(bytes.length)
    expect(more.equals(bytes.subarray(0, more.length))).toBe(true)
  })

  it('reaches avatars (bodies only) and is refused where it cannot apply', async () => {
    await phone.hostile('oversized', { scope: ['avatars'] })
    const avatar = await readUntil(`http://face1.web.qq.com/cgi/svr/face/getface?cache=1&type=1&f=40&uin=${friend.uin}&t=1&vfwebqq=${me.cred.vfwebqq}`, () => true)
    expect(avatar.headers['content-length']).toBe(String(64 * 1024 * 1024))
    // Pictures were not in the scope.
    expect((await imageAt(await imageServerUrl())).body.equals(bytes)).toBe(true)
    expect((await phone.hostile('redirect-twice', { scope: ['avatars'] })).status).toBe(400)
    expect((await phone.post('/control/media/hostile', { mode: 'explode' })).status).toBe(400)
  })

  it('goes away with mode off or /control/faults/clear, and only the hostile rules go with off', async () => {
    await phone.post('/control/faults', { endpoint: 'get_user_friends2', fault: { kind: 'retcode', retcode: 50 } })
    const set = await phone.hostile('lying-type')
    expect(set.body.rules.map((r: any) => r.endpoint).sort()).toEqual(['getface', 'image_server'])
    expect((await phone.hostile('off')).body).toEqual({ removed: 2 })
    expect((await phone.get('/control/faults')).map((r: any) => r.endpoint)).toEqual(['get_user_friends2'])
    await phone.hostile('endless')
    await phone.post('/control/faults/clear', {})
    expect((await imageAt(await imageServerUrl())).body.equals(bytes)).toBe(true)
  })

  it('can be set from the CLI form of a fault', () => {
    expect(parseFaultSpec('get_offpic2:redirect-scheme=javascript#2')).toEqual({ endpoint: 'get_offpic2', fault: { kind: 'redirect-scheme', scheme: 'javascript' }, probability: 1, count: 2 })
    expect(parseFaultSpec('image_server:trickle').fault).toEqual({ kind: 'trickle' })
    expect(parseFaultSpec('get_file2:redirect-elsewhere=private').fault).toEqual({ kind: 'redirect-elsewhere', to: 'private' })
  })
})
