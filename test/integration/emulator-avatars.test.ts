import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { REAL_HOSTS } from '../../electron/emulator/http/router'
import { loginWithPhone } from '../support/login'
import { cookiesWithout, getBytes, queryString } from '../support/raw-session'
import { useEmulator } from '../support/use-emulator'

/**
 * Avatars over raw HTTP (§7.6): getface on face1 … face10.web.qq.com answers a 100×100 PNG per
 * person (type 1, by this login's uin) and per group (type 4, by gid), generated from the
 * number — the same number, the same picture — or the one set through the control API.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator()
const me = await loginWithPhone(emu.profile, phone)
const contacts = await phone.contacts()
const [friendA, friendB] = contacts.friends as [{ qq: string; uin: string }, { qq: string; uin: string }]
const group = contacts.groups[0]
const ids = () => emu.core.channels.live(ME)!.login.ids
const referer = { referer: 'http://w.qq.com/' }

const faceUrl = (n: number, type: 1 | 4, uin: string, vfwebqq = me.cred.vfwebqq) =>
  `http://face${n}.web.qq.com/cgi/svr/face/getface?${queryString({ cache: 1, type, f: 40, uin, t: Math.floor(Date.now() / 1000), vfwebqq })}`

/** The qq.com cookies a jar sends to a face host (no p_skey: that one is web2.qq.com's). */
const faceCookies = () => cookiesWithout(me, 'http://face1.web.qq.com/', [])

async function avatar(url: string, opts: { cookie?: string } = {}) {
  const res = await getBytes(emu, url, { cookie: opts.cookie ?? (await faceCookies()), headers: referer })
  expect(res.status).toBe(200)
  return res
}

function pixels(png: Buffer): PNG {
  return PNG.sync.read(png)
}

/** How different two same-sized pictures are: mean absolute channel difference, 0–255. */
function difference(a: PNG, b: PNG): number {
  let sum = 0
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!)
  return sum / a.data.length
}

describe('getface', () => {
  it('answers every face host 1–10 with the same 100×100 PNG for a friend, with Content-Length', async () => {
    const first = await avatar(faceUrl(1, 1, friendA.uin))
    expect(first.headers['content-type']).toBe('image/png')
    expect(first.headers['content-length']).toBe(String(first.body.length))
    const img = pixels(first.body)
    expect([img.width, img.height]).toEqual([100, 100])
    for (let n = 2; n <= 10; n++) expect((await avatar(faceUrl(n, 1, friendA.uin))).body.equals(first.body), `face${n}`).toBe(true)
  })

  it('is a calm picture, not noise: neighbouring pixels are close and the corners are the gradient', async () => {
    const img = pixels((await avatar(faceUrl(3, 1, friendA.uin))).body)
    let jumps = 0
    for (let y = 0; y < 100; y++) {
      for (let x = 1; x < 100; x++) {
        const i = (y * 100 + x) * 4
        if (Math.abs(img.data[i]! - img.data[i - 4]!) > 40) jumps++
      }
    }
    // Only the silhouette's outline changes sharply.
    expect(jumps).toBeLessThan(400)
    // The centre of the head is the white figure; a corner is not.
    const at = (x: number, y: number) => [...img.data.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 3)]
    expect(Math.min(...at(50, 40))).toBeGreaterThan(200)
    expect(Math.min(...at(2, 2))).toBeLessThan(Math.min(...at(50, 40)))
  })

  it('draws a different picture for another person, and three figures for a group', async () => {
    const a = pixels((await avatar(faceUrl(1, 1, friendA.uin))).body)
    const b = pixels((await avatar(faceUrl(1, 1, friendB.uin))).body)
    expect(difference(a, b)).toBeGreaterThan(0)
    const g = await avatar(faceUrl(2, 4, ids().gid(group.number)))
    expect(g.headers['content-type']).toBe('image/png')
    const groupImg = pixels(g.body)
    // Where a person has background beside the head, a group has the two figures behind.
    const bright = (img: PNG, x: number, y: number) => img.data[(y * 100 + x) * 4]! + img.data[(y * 100 + x) * 4 + 1]! + img.data[(y * 100 + x) * 4 + 2]!
    expect(bright(groupImg, 23, 42)).toBeGreaterThan(bright(a, 23, 42))
    // By the group's code too.
    expect((await avatar(faceUrl(2, 4, ids().code(group.number)))).body.equals(g.body)).toBe(true)
  })

  it('finds the login by its vfwebqq alone, and answers the default avatar to a uin nobody knows', async () => {
    const byVf = await avatar(faceUrl(4, 1, ids().uin(friendA.qq)), { cookie: '' })
    const byCookie = await avatar(faceUrl(4, 1, ids().uin(friendA.qq)))
    expect(byVf.body.equals(byCookie.body)).toBe(true)
    const unknown = await avatar(faceUrl(5, 1, '12345'))
    const stranger = await avatar(faceUrl(5, 1, ids().uin(friendA.qq), 'f'.repeat(80)), { cookie: '' })
    expect(unknown.body.equals(stranger.body)).toBe(true)
    expect(unknown.body.equals(byVf.body)).toBe(false)
    expect(pixels(unknown.body).width).toBe(100)
    // Groups too.
    expect((await avatar(faceUrl(5, 4, '999'))).body.equals(unknown.body)).toBe(true)
  })

  it("serves the account's own avatar by its QQ number, which is its uin (§3.7)", async () => {
    const own = await avatar(faceUrl(6, 1, ME))
    expect(own.body.equals((await avatar(faceUrl(6, 1, '12345'))).body)).toBe(false)
  })

  it('is one of the real host names (and so in the TLS certificate)', () => {
    for (let n = 1; n <= 10; n++) expect(REAL_HOSTS).toContain(`face${n}.web.qq.com`)
  })
})

describe('POST /control/avatars', () => {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), Buffer.alloc(32, 9), Buffer.from([0xff, 0xd9])])

  it("sets a person's and a group's picture, served as is with its own Content-Type", async () => {
    const small = new PNG({ width: 2, height: 2 })
    small.data.fill(200)
    const png = PNG.sync.write(small)
    expect(await phone.setAvatar({ qq: friendB.qq }, png)).toEqual({ status: 200, body: { ok: true } })
    const res = await avatar(faceUrl(7, 1, ids().uin(friendB.qq)))
    expect(res.body.equals(png)).toBe(true)
    expect((await phone.setAvatar({ group: group.number }, jpeg)).status).toBe(200)
    const g = await avatar(faceUrl(7, 4, ids().gid(group.number)))
    expect(g.headers['content-type']).toBe('image/jpeg')
    expect(g.body.equals(jpeg)).toBe(true)
  })

  it('refuses what is not a picture, an unknown person or group, both or neither, and more than 2 MiB', async () => {
    expect((await phone.setAvatar({ qq: friendA.qq }, Buffer.from('<svg onload=alert(1)>'))).status).toBe(400)
    expect((await phone.setAvatar({ qq: '99999' }, jpeg)).status).toBe(404)
    expect((await phone.setAvatar({ group: '1' }, jpeg)).status).toBe(404)
    expect((await phone.post('/control/avatars', { qq: friendA.qq, group: group.number, data: jpeg.toString('base64') })).status).toBe(400)
    expect((await phone.post('/control/avatars', { data: jpeg.toString('base64') })).status).toBe(400)
    expect((await phone.setAvatar({ qq: friendA.qq }, Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024)]))).status).toBe(400)
  })
})

describe('a fresh login', () => {
  // Last in the file: it ends the first login.
  it('has other uins for the same friend, and gets the same picture', async () => {
    const before = (await avatar(faceUrl(1, 1, friendA.uin))).body
    const again = await loginWithPhone(emu.profile, phone)
    const uin = ids().uin(friendA.qq)
    expect(uin).not.toBe(friendA.uin)
    const cookie = await again.http.jar.getCookieString('http://face1.web.qq.com/')
    expect((await avatar(faceUrl(1, 1, uin, again.cred.vfwebqq), { cookie })).body.equals(before)).toBe(true)
  })
})
