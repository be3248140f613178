import { request } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import type { Session } from '../../electron/engine/session'
import { loginWithPhone } from '../support/login'
import { attach, channelQuery, getBytes, nextItem, poll, sendBuddy, type PollItem } from '../support/raw-session'
import { useEmulator } from '../support/use-emulator'

/**
 * Online files over raw HTTP (§7.3, §6.2, §9 item 46): the phone offers a file (file_message),
 * get_file2 answers a 302 to file1.web.qq.com which streams it with its Content-Length, the
 * receiver sees filesrv_transfer once it read it all; refuse_file2, the sender's cancel (with
 * the low-12-bit session_id quirk), expiry, and a 1 GiB file streamed in flat memory.
 */

const ME = '2851234567'
const OTHER = '3100000001'
const { emu, phone } = await useEmulator({ pollHoldMs: 200, accounts: [{ qq: OTHER, nick: '另一个号' }] })
const me = await loginWithPhone(emu.profile, phone)
await attach(emu, me)
const friend: { qq: string; uin: string } = (await phone.contacts()).friends.find((f: any) => !f.bot)
const channel = () => emu.core.channels.live(ME)!

async function offer(input: { name: string; size?: number; data?: Buffer; type?: 101 | 161; from?: string }): Promise<{ lcid: number; item: PollItem }> {
  const res = await phone.offerFile({ from: friend.qq, ...input })
  expect(res.status).toBe(200)
  const lcid = res.body.lcid
  const item = await nextItem(emu, me, 'file_message', (v) => v.session_id === lcid && v.mode === 'recv')
  return { lcid, item }
}

const d1 = (name: string, q: Record<string, string | number>, s: Session = me) => `http://d1.web2.qq.com/channel/${name}?${channelQuery(s, q)}`
const getFile2 = (lcid: number, name: string, opts: { host?: string; to?: string; s?: Session } = {}) =>
  getBytes(emu, d1('get_file2', { lcid, guid: name, to: opts.to ?? friend.uin, count: 1, time: Date.now() }, opts.s).replace('d1.web2.qq.com', opts.host ?? 'd1.web2.qq.com'), { session: opts.s ?? me })
const refuseFile2 = (lcid: number, s: Session = me, to = friend.uin) => getBytes(emu, d1('refuse_file2', { to, lcid, t: Date.now() }, s), { session: s })
const stateOf = async (lcid: number, owner?: string) => (await phone.files(owner)).find((f) => f.lcid === lcid)

describe('file_message offers', () => {
  it('arrive as a recv item with the lcid as session_id, and the control API lists them as offered', async () => {
    const { lcid, item } = await offer({ name: '季度报告.pdf', size: 1234 })
    expect(lcid).toBeGreaterThanOrEqual(0)
    expect(lcid).toBeLessThan(4096)
    expect(item.value).toEqual({
      msg_id: expect.any(Number),
      mode: 'recv',
      from_uin: Number(friend.uin),
      to_uin: Number(ME),
      msg_id2: expect.any(Number),
      msg_type: 9,
      reply_ip: expect.any(Number),
      type: 101,
      name: '季度报告.pdf',
      time: expect.any(Number),
      session_id: lcid,
      inet_ip: 0,
    })
    expect(await stateOf(lcid)).toEqual({ lcid, from: friend.qq, name: '季度报告.pdf', size: 1234, type: 101, state: 'offered', bytesSent: 0 })
  })

  it('carries a call invitation as type 161, which get_file2 does not serve', async () => {
    const { lcid, item } = await offer({ name: '视频通话', size: 0, type: 161 })
    expect(item.value.type).toBe(161)
    expect((await getFile2(lcid, '视频通话')).body.toString()).toBe('{"retcode":102,"errmsg":""}')
  })

  it('the control API refuses bad offers', async () => {
    const bad = [
      { from: friend.qq, name: '', size: 1 },
      { from: friend.qq, name: 'x'.repeat(256), size: 1 },
      { from: friend.qq, name: 'a.bin', size: 1024 ** 3 + 1 },
      { from: friend.qq, name: 'a.bin', size: -1 },
      { from: friend.qq, name: 'a.bin' },
      { from: friend.qq, name: 'a.bin', size: 3, data: Buffer.from('abcd').toString('base64') },
      { from: friend.qq, name: 'a.bin', size: 1, type: 100 },
    ]
    for (const body of bad) expect((await phone.post('/control/files/offer', body)).status, JSON.stringify(body).slice(0, 80)).toBe(400)
    expect((await phone.offerFile({ from: '99999', name: 'a', size: 1 })).status).toBe(404)
    // OTHER is no friend of the account yet, and has no session.
    expect((await phone.offerFile({ from: OTHER, name: 'a', size: 1 })).status).toBe(409)
    expect((await phone.offerFile({ owner: OTHER, from: ME, name: 'a', size: 1 })).status).toBe(409)
  })
})

describe('get_file2 and file1.web.qq.com', () => {
  it('redirects to the file URL of the capture (§7.3) and streams the given bytes with Content-Length', async () => {
    const data = Buffer.from('第一行\n第二行\n' + 'x'.repeat(5000))
    const name = '说明 v2.txt'
    const { lcid } = await offer({ name, data })
    const res = await getFile2(lcid, name)
    expect(res.status).toBe(302)
    const c = channel()
    const location = String(res.headers.location)
    expect(location).toMatch(new RegExp(`^http://file1\\.web\\.qq\\.com/v2/${ME}/${friend.uin}/${lcid}/${c.index}/${c.port}/0/0/1/f/\\d+/${escape(encodeURIComponent(name))}\\?psessionid=${c.psessionid}$`))
    expect(await stateOf(lcid)).toMatchObject({ state: 'accepted' })
    const file = await getBytes(emu, location)
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toBe('application/octet-stream')
    expect(file.headers['content-length']).toBe(String(data.length))
    expect(file.headers['content-disposition']).toBeUndefined()
    expect(file.body.equals(data)).toBe(true)
    const done = await nextItem(emu, me, 'filesrv_transfer')
    expect(done.value).toEqual({
      file_count: 1,
      file_infos: [{ file_name: name, file_status: 0, pro_id: expect.any(Number) }],
      from_uin: Number(friend.uin),
      to_uin: Number(ME),
      lc_id: lcid,
      now: expect.any(Number),
      operation: 2,
      type: 0,
    })
    expect(await stateOf(lcid)).toMatchObject({ state: 'done', bytesSent: data.length })
    // A finished transfer is over: get_file2 answers 102, the file URL 404.
    expect((await getFile2(lcid, name)).body.toString()).toBe('{"retcode":102,"errmsg":""}')
    expect((await getBytes(emu, location)).status).toBe(404)
  })

  it('answers on d.web2.qq.com too', async () => {
    const { lcid } = await offer({ name: 'a.bin', size: 10 })
    expect((await getFile2(lcid, 'a.bin', { host: 'd.web2.qq.com' })).status).toBe(302)
  })

  it('generates a file of the offered size from its seed: the same bytes on every download, not zeros', async () => {
    // Big enough that the socket buffers cannot take all of it before the client reads.
    const size = 64 * 1024 * 1024
    const { lcid } = await offer({ name: 'random.bin', size })
    const location = String((await getFile2(lcid, 'random.bin')).headers.location)
    // A download given up after its first chunks leaves the offer accepted; the next one starts over.
    const partial = await readSome(location, 100_000)
    expect(await stateOf(lcid)).toMatchObject({ state: 'accepted' })
    const whole = await getBytes(emu, location)
    expect(whole.headers['content-length']).toBe(String(size))
    expect(whole.body.length).toBe(size)
    expect(whole.body.subarray(0, partial.length).equals(partial)).toBe(true)
    expect(new Set(whole.body.subarray(0, 4096)).size).toBeGreaterThan(200)
    expect(await stateOf(lcid)).toMatchObject({ state: 'done', bytesSent: size })
  })

  it('serves hostile names: the item carries them exactly and the file URL still leads to the bytes', async () => {
    const names = ['../../etc/passwd', '..', '.', 'a%2Fb?c=d#e&f', 'CON.txt', 'evil\u202Etxt.exe', 'line\r\nbreak.txt', '\u0000nul', ' 空格 .', '文'.repeat(255)]
    for (const name of names) {
      const data = Buffer.from(`content of ${JSON.stringify(name)}`)
      const { lcid, item } = await offer({ name, data })
      expect(item.value.name, JSON.stringify(name)).toBe(name)
      const location = String((await getFile2(lcid, name)).headers.location)
      const file = await getBytes(emu, location)
      expect(file.status, JSON.stringify(name)).toBe(200)
      expect(file.body.equals(data)).toBe(true)
    }
  })

  it('answers 102 to an unknown lcid or another sender, 103 without the session, and 404 to a wrong file URL', async () => {
    const { lcid } = await offer({ name: 'b.bin', size: 10 })
    const other = (await phone.contacts()).friends.find((f: any) => f.qq !== friend.qq).uin
    expect((await getFile2((lcid + 1) % 4096, 'b.bin')).body.toString()).toBe('{"retcode":102,"errmsg":""}')
    expect((await getFile2(lcid, 'b.bin', { to: other })).body.toString()).toBe('{"retcode":102,"errmsg":""}')
    const noCookies = await getBytes(emu, d1('get_file2', { lcid, guid: 'b.bin', to: friend.uin }))
    expect(noCookies.body.toString()).toBe('{"retcode":103,"errmsg":""}')
    const location = String((await getFile2(lcid, 'b.bin')).headers.location)
    const c = channel()
    for (const wrong of [
      location.replace(`/${lcid}/${c.index}/`, `/${(lcid + 1) % 4096}/${c.index}/`),
      location.replace(`/${c.index}/${c.port}/`, `/${c.index + 1}/${c.port}/`),
      location.replace(`/v2/${ME}/`, `/v2/${OTHER}/`),
      location.replace(c.psessionid, `ab${c.psessionid.slice(2)}`),
    ]) {
      expect((await getBytes(emu, wrong)).status).toBe(404)
    }
  })

  it('expires an offer not accepted in time: 102', async () => {
    await phone.settings({ fileOfferTtlMs: 100 })
    try {
      const { lcid } = await offer({ name: 'late.bin', size: 10 })
      await new Promise((r) => setTimeout(r, 150))
      expect((await getFile2(lcid, 'late.bin')).body.toString()).toBe('{"retcode":102,"errmsg":""}')
      expect(await stateOf(lcid)).toMatchObject({ state: 'expired' })
    } finally {
      await phone.settings({ fileOfferTtlMs: 600_000 })
    }
  })
})

describe('refuse_file2', () => {
  it('answers {"retcode":0,"result":"ok"}, and the control API sees refused; get_file2 then answers 102', async () => {
    const { lcid } = await offer({ name: 'no.bin', size: 10 })
    const res = await refuseFile2(lcid)
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(res.body.toString()).toBe('{"retcode":0,"result":"ok"}')
    expect(await stateOf(lcid)).toMatchObject({ state: 'refused' })
    expect((await getFile2(lcid, 'no.bin')).body.toString()).toBe('{"retcode":102,"errmsg":""}')
    expect((await refuseFile2(lcid)).body.toString()).toBe('{"retcode":0,"result":"ok"}')
  })
})

describe('the sender cancels', () => {
  it('sends a refuse item with cancel_type 1 and session_id = lcid; the offer is cancelled', async () => {
    const { lcid } = await offer({ name: 'c1.bin', size: 10 })
    expect(await phone.cancelFile(lcid)).toEqual({ status: 200, body: { ok: true } })
    const item = await nextItem(emu, me, 'file_message', (v) => v.mode === 'refuse')
    expect(item.value).toEqual({ msg_id: expect.any(Number), mode: 'refuse', from_uin: Number(friend.uin), to_uin: Number(ME), msg_type: 9, type: 101, session_id: lcid, cancel_type: 1, time: expect.any(Number) })
    expect(await stateOf(lcid)).toMatchObject({ state: 'cancelled' })
    expect((await getFile2(lcid, 'c1.bin')).body.toString()).toBe('{"retcode":102,"errmsg":""}')
    expect((await phone.cancelFile(lcid)).status).toBe(409)
    expect((await phone.cancelFile(4095 - lcid === lcid ? 1 : 4095 - lcid)).status).toBe(404)
  })

  it('with cancel_type 2 sends a session_id whose low 12 bits are the lcid (§7.3 quirk)', async () => {
    const { lcid } = await offer({ name: 'c2.bin', size: 10 })
    await phone.cancelFile(lcid, { cancelType: 2 })
    const item = await nextItem(emu, me, 'file_message', (v) => v.mode === 'refuse')
    expect(item.value.cancel_type).toBe(2)
    expect(item.value.session_id).toBeGreaterThan(4095)
    expect(item.value.session_id & 0xfff).toBe(lcid)
  })

  it('mid-transfer ends the download', async () => {
    const { lcid } = await offer({ name: 'big.bin', size: 200 * 1024 * 1024 })
    const location = String((await getFile2(lcid, 'big.bin')).headers.location)
    const got = await new Promise<{ bytes: number; complete: boolean }>((resolve, reject) => {
      const u = new URL(location)
      const req = request({ host: '127.0.0.1', port: emu.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
        let bytes = 0
        res.on('data', (c: Buffer) => {
          if (bytes === 0) void phone.cancelFile(lcid)
          bytes += c.length
        })
        res.on('end', () => resolve({ bytes, complete: res.complete }))
        res.on('error', () => resolve({ bytes, complete: false }))
        res.on('aborted', () => resolve({ bytes, complete: false }))
      })
      req.on('error', reject)
      req.end()
    })
    expect(got.complete).toBe(false)
    expect(got.bytes).toBeLessThan(200 * 1024 * 1024)
    expect(await stateOf(lcid)).toMatchObject({ state: 'cancelled' })
  })
})

describe('小助手', () => {
  it('answers 文件 with an offer of a small text file with real content', async () => {
    const bot = (await phone.contacts()).friends.find((f: any) => f.bot === 'keywords')
    expect(await sendBuddy(emu, me, bot.uin, '发个文件给我')).toEqual({ retcode: 0, result: 'ok' })
    const item = await nextItem(emu, me, 'file_message', (v) => v.from_uin === Number(bot.uin))
    expect(item.value).toMatchObject({ mode: 'recv', type: 101, name: '小助手使用说明.txt' })
    const location = String((await getFile2(item.value.session_id, item.value.name, { to: bot.uin })).headers.location)
    const text = (await getBytes(emu, location)).body.toString('utf8')
    expect(text).toContain('小助手使用说明')
    expect(text).toContain('图片 / picture')
  })
})

describe('a sender who is an account (§9 item 46)', () => {
  it('hears send_ack when the receiver accepts and refuse (cancel_type 2) when it refuses, with the quirky session_id', async () => {
    await phone.post('/control/contacts/friend/add', { owner: ME, qq: OTHER })
    const other = await loginWithPhone(emu.profile, phone, { qq: OTHER })
    await attach(emu, other)
    await poll(emu, other)
    await poll(emu, me)
    const otherUin = channel().login.ids.uin(OTHER)
    const accepted = await offer({ name: 'from-account.txt', data: Buffer.from('hi'), from: OTHER })
    expect((await getFile2(accepted.lcid, 'from-account.txt', { to: otherUin })).status).toBe(302)
    const ack = await nextItem(emu, other, 'file_message', (v) => v.mode === 'send_ack')
    expect(ack.value.from_uin).toBe(Number(emu.core.channels.live(OTHER)!.login.ids.uin(ME)))
    expect(ack.value.session_id & 0xfff).toBe(accepted.lcid)
    expect(ack.value.session_id).toBeGreaterThan(4095)
    const refused = await offer({ name: 'nope.txt', size: 5, from: OTHER })
    await refuseFile2(refused.lcid, me, otherUin)
    const refuse = await nextItem(emu, other, 'file_message', (v) => v.mode === 'refuse')
    expect(refuse.value).toMatchObject({ cancel_type: 2, type: 101 })
    expect(refuse.value.session_id & 0xfff).toBe(refused.lcid)
  })
})

describe('hostile switches on files', () => {
  afterEach(async () => {
    await phone.post('/control/faults/clear', {})
  })

  it('redirect-scheme and redirect-elsewhere spoil get_file2 302s', async () => {
    await phone.hostile('redirect-scheme', { scope: ['files'], count: 1 })
    const { lcid } = await offer({ name: 'h1.bin', size: 10 })
    expect((await getFile2(lcid, 'h1.bin')).headers.location).toBe('file:///etc/passwd')
    await phone.hostile('redirect-elsewhere', { scope: ['files'], count: 1 })
    // The file URL names file1.web.qq.com on port 80: the same port on another loopback address.
    expect(String((await getFile2(lcid, 'h1.bin')).headers.location)).toMatch(new RegExp(`^http://127\\.0\\.0\\.2:80/v2/${ME}/`))
  })

  it('redirect-twice makes the file server answer another 302 to the same file', async () => {
    const { lcid } = await offer({ name: 'h2.bin', data: Buffer.from('twice') })
    const location = String((await getFile2(lcid, 'h2.bin')).headers.location)
    await phone.hostile('redirect-twice', { scope: ['files'], count: 1 })
    const again = await getBytes(emu, location)
    expect(again.status).toBe(302)
    expect(again.headers.location).toBe(location)
    expect((await getBytes(emu, location)).body.toString()).toBe('twice')
  })

  it('oversized sends 64 MiB for a small file and the offer is not done; endless has no length; trickle keeps the real length', async () => {
    const { lcid } = await offer({ name: 'h3.bin', data: Buffer.from('small file') })
    const location = String((await getFile2(lcid, 'h3.bin')).headers.location)
    await phone.hostile('oversized', { scope: ['files'], count: 1 })
    const big = await getBytes(emu, location)
    expect(big.headers['content-length']).toBe(String(64 * 1024 * 1024))
    expect(big.body.length).toBe(64 * 1024 * 1024)
    expect(await stateOf(lcid)).toMatchObject({ state: 'accepted' })
    await phone.hostile('endless', { scope: ['files'], count: 1 })
    expect((await readSome(location, 1024 * 1024)).length).toBeGreaterThanOrEqual(1024 * 1024)
    await phone.hostile('trickle', { scope: ['files'], count: 1 })
    expect((await headersOf(location))['content-length']).toBe('10')
    expect(await stateOf(lcid)).toMatchObject({ state: 'accepted' })
    expect((await getBytes(emu, location)).body.toString()).toBe('small file')
    expect(await stateOf(lcid)).toMatchObject({ state: 'done' })
  })
})

describe('a 1 GiB file', () => {
  it('streams all of it with its Content-Length, in flat memory, then counts as done', { timeout: 180_000 }, async () => {
    const size = 1024 ** 3
    const { lcid } = await offer({ name: 'disk.img', size })
    const location = String((await getFile2(lcid, 'disk.img')).headers.location)
    global.gc?.()
    const before = process.memoryUsage().rss
    let peak = before
    const { bytes, length } = await new Promise<{ bytes: number; length: string | undefined }>((resolve, reject) => {
      const u = new URL(location)
      const req = request({ host: '127.0.0.1', port: emu.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
        let n = 0
        res.on('data', (c: Buffer) => {
          n += c.length
          if ((n & 0xffffff) < c.length) peak = Math.max(peak, process.memoryUsage().rss)
        })
        res.on('end', () => resolve({ bytes: n, length: res.headers['content-length'] }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    })
    expect(length).toBe(String(size))
    expect(bytes).toBe(size)
    // Loose: a buffered gigabyte would be ~1 GiB more; streaming keeps it to chunks.
    expect(peak - before).toBeLessThan(200 * 1024 * 1024)
    console.info(`1 GiB file: RSS ${Math.round(before / 2 ** 20)} MiB before, peak +${Math.round((peak - before) / 2 ** 20)} MiB`)
    expect(await stateOf(lcid)).toMatchObject({ state: 'done', bytesSent: size })
  })
})

/** Reads the first `atLeast` bytes of a URL and drops the connection. */
function readSome(location: string, atLeast: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const u = new URL(location)
    const req = request({ host: '127.0.0.1', port: emu.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
      const chunks: Buffer[] = []
      let n = 0
      res.on('data', (c: Buffer) => {
        chunks.push(c)
        n += c.length
        if (n >= atLeast) {
          req.destroy()
          // Let the server see the close before the next download.
          setTimeout(() => resolve(Buffer.concat(chunks)), 50)
        }
      })
    })
    req.on('error', () => {})
    req.on('close', () => undefined)
    req.end()
    req.once('error', reject)
  })
}

/** A response's headers; the connection is dropped at once. */
function headersOf(location: string): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const u = new URL(location)
    const req = request({ host: '127.0.0.1', port: emu.port, path: u.pathname + u.search, headers: { host: u.host } }, (res) => {
      resolve(res.headers)
      req.destroy()
    })
    req.on('error', (err) => (req.destroyed ? undefined : reject(err)))
    req.end()
  })
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
