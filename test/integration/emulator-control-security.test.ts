import { describe, expect, it } from 'vitest'
import { SECRET_HEADER } from '../../electron/emulator'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'
import { raw } from '../support/raw-http'

/**
 * The phone page and the control API write to the user as any contact and read what the user
 * sent: a web page the user happens to visit must reach neither. Each case is what a page can
 * make a browser send: a "simple" cross-origin POST (text/plain, no preflight), a read from a
 * domain rebound to 127.0.0.1, a request without this run's secret. The protocol hosts stay
 * as the real service had them.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator()
const own = `127.0.0.1:${emu.port}`
await loginWithPhone(emu.profile, phone)
const friend: string = (await phone.contacts()).friends[0].qq

const mailbox = () => emu.core.channels.live(ME)!.mailbox.size
const sendBody = () => JSON.stringify({ kind: 'friend', from: friend, content: ['点这个链接领红包'] })

describe('the control API', () => {
  it('refuses a cross-origin text/plain POST, with or without the secret, and writes nothing', async () => {
    const before = mailbox()
    const forged = { host: own, path: '/control/messages/send', method: 'POST', body: sendBody() }
    const plain = { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example' }
    expect((await raw(emu.port, { ...forged, headers: plain })).status).toBe(403)
    expect((await raw(emu.port, { ...forged, headers: { ...plain, [SECRET_HEADER]: emu.secret } })).status).toBe(403)
    expect((await raw(emu.port, { ...forged, headers: { ...plain, origin: 'null', [SECRET_HEADER]: emu.secret } })).status).toBe(403)
    expect(mailbox()).toBe(before)
    // The same write from the emulator's own origin (the phone page) goes through.
    const same = await raw(emu.port, { ...forged, headers: { 'content-type': 'application/json', origin: `http://${own}`, [SECRET_HEADER]: emu.secret } })
    expect(same.status).toBe(200)
    expect(mailbox()).toBe(before + 1)
  })

  it('refuses the preflight a cross-origin page would need to send the secret header', async () => {
    const res = await raw(emu.port, { host: own, path: '/control/messages', method: 'OPTIONS', headers: { origin: 'http://evil.example', 'access-control-request-headers': SECRET_HEADER } })
    expect(res.status).not.toBe(200)
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
  })

  it.each(['/control/messages', '/control/contacts', '/control/state', '/control/captcha?qq=' + ME])('answers %s only with the secret', async (path) => {
    expect((await raw(emu.port, { host: own, path })).status).toBe(403)
    expect((await raw(emu.port, { host: own, path, headers: { [SECRET_HEADER]: 'x'.repeat(emu.secret.length) } })).status).toBe(403)
    expect((await raw(emu.port, { host: own, path, headers: { [SECRET_HEADER]: emu.secret.slice(1) } })).status).toBe(403)
    // As a query parameter the secret opens the phone page, not the API.
    expect((await raw(emu.port, { host: own, path: `${path}${path.includes('?') ? '&' : '?'}secret=${emu.secret}` })).status).toBe(403)
    expect((await raw(emu.port, { host: own, path, headers: { [SECRET_HEADER]: emu.secret } })).status).not.toBe(403)
  })

  it('answers a rebinding host name (a page whose domain now points at 127.0.0.1) with nothing', async () => {
    for (const host of [`evil.example:${emu.port}`, 'evil.example', `127.0.0.1.nip.io:${emu.port}`, `localhost.evil.example:${emu.port}`]) {
      const read = await raw(emu.port, { host, path: '/control/messages', headers: { [SECRET_HEADER]: emu.secret } })
      expect(read.status).toBe(421)
      expect(read.body).not.toContain('[')
      expect((await raw(emu.port, { host, path: `/phone?secret=${emu.secret}` })).status).toBe(421)
      const write = await raw(emu.port, { host, path: '/control/messages/send', method: 'POST', headers: { origin: `http://${host}`, [SECRET_HEADER]: emu.secret }, body: sendBody() })
      expect(write.status).toBe(421)
    }
  })

  it('answers under its own addresses: the IP, localhost, and an IPv6 literal', async () => {
    for (const host of [own, `localhost:${emu.port}`, `[::1]:${emu.port}`]) {
      const res = await raw(emu.port, { host, path: '/control/state', headers: { [SECRET_HEADER]: emu.secret } })
      expect(res.status).toBe(200)
    }
  })
})

describe('the phone page', () => {
  it('is served only with the secret in its URL, and leaks that URL to nobody', async () => {
    const page = await fetch(emu.phoneUrl)
    expect(page.status).toBe(200)
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(await page.text()).toContain('模拟手机')
    for (const path of ['/phone', '/phone?secret=', `/phone?secret=${emu.secret}x`, '/']) {
      const refused = await raw(emu.port, { host: own, path })
      expect(refused.status).toBe(403)
      expect(refused.body).toContain('npm run emulator')
    }
    const root = await raw(emu.port, { host: own, path: `/?secret=${emu.secret}` })
    expect(root.headers.location).toBe(`/phone?secret=${emu.secret}`)
  })

  it('gives out the phone URL with the secret (what the app opens)', () => {
    expect(emu.phoneUrl).toBe(`${emu.url}/phone?secret=${emu.secret}`)
    expect(emu.secret).toMatch(/^[\w-]{32}$/)
  })
})

describe('the protocol hosts', () => {
  it('answer as the real service did: no secret, no Origin rule', async () => {
    const qr = await raw(emu.port, { host: 'ssl.ptlogin2.qq.com', path: '/ptqrshow?appid=501004106&e=2&l=M&s=3&d=72&v=4&t=0.1&daid=164&pt_3rd_aid=0', headers: { origin: 'http://evil.example' } })
    expect(qr.status).toBe(200)
    expect(qr.headers['content-type']).toBe('image/png')
  })

  it('do not serve the control API or the phone page', async () => {
    for (const host of ['w.qq.com', 'd1.web2.qq.com', 's.web2.qq.com']) {
      expect((await raw(emu.port, { host, path: '/control/state', headers: { [SECRET_HEADER]: emu.secret } })).status).toBe(404)
      expect((await raw(emu.port, { host, path: `/phone?secret=${emu.secret}` })).status).toBe(404)
    }
  })
})
