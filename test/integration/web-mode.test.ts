import { testBackend } from '../support/backend'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppCore } from '../../electron/backend/app-core'
import { startWebServer, type WebServer } from '../../electron/web/server'
import { tempDir } from '../support/client'
import { Phone, decodeQr } from '../support/emulator'
import { raw } from '../support/raw-http'
import { connectSocket, socketClient } from '../support/ws-client'

let core: AppCore
let web: WebServer
let origin: string

beforeAll(async () => {
  const rendererDir = tempDir()
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>QQ</title>')
  writeFileSync(join(rendererDir, 'app.js'), 'console.log(1)')
  core = testBackend().core
  await core.start()
  web = await startWebServer(core, { rendererDir })
  origin = `http://127.0.0.1:${web.port}`
})
afterAll(async () => {
  await web.close()
  await core.stop()
})

const connect = (token: string, originHeader = origin) => connectSocket(web.port, token, originHeader)
const client = socketClient

describe('web mode', () => {
  it('serves the page only with the token, and assets with a strict CSP', async () => {
    expect((await fetch(`${origin}/`)).status).toBe(403)
    const page = await fetch(web.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`${origin}/app.js`)).status).toBe(200)
    // Raw requests: fetch would normalise these paths before sending them.
    for (const path of ['/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/..\\..\\package.json']) {
      expect((await raw(web.port, { host: `127.0.0.1:${web.port}`, path })).status).toBe(404)
    }
  })

  it('refuses a socket without the token or from another origin', async () => {
    await expect(connect('wrong')).rejects.toThrow('403')
    await expect(connect(web.token, 'http://evil.example')).rejects.toThrow('403')
  })

  it('carries commands, validation errors and events: a QR login through the phone, then contacts', async () => {
    const ws = await connect(web.token)
    const c = client(ws)
    const info = await c.invoke('app.info')
    expect(info).toMatchObject({ ok: true, value: { host: 'web', profile: 'emulator', secretStorage: 'plaintext', phoneUrl: expect.stringMatching(/\/phone\?secret=./) } })
    expect(await c.invoke('nope')).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect(await c.invoke('self.setStatus', { status: 'sleeping' })).toMatchObject({ ok: false, error: { kind: 'bad-input' } })

    // The phone URL the app opens works as it is (it carries the emulator's secret).
    const phone = Phone.fromPageUrl((info as any).value.phoneUrl)
    const state = (await c.invoke('session.get')) as any
    let qr = state.value.login.kind === 'qr' ? state.value.login.image : undefined
    const end = Date.now() + 8000
    while (!qr && Date.now() < end) {
      qr = c.events.find((e) => e.name === 'login.state' && (e.payload as any).kind === 'qr')?.payload
      qr = qr && (qr as any).image
      await new Promise((r) => setTimeout(r, 20))
    }
    const text = decodeQr(Buffer.from(String(qr).split(',')[1]!, 'base64'))
    await phone.scan(text)
    await phone.confirm(text)
    while (!c.events.some((e) => e.name === 'session.state' && (e.payload as any).kind === 'online') && Date.now() < end + 8000) {
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(c.events.some((e) => e.name === 'session.state' && (e.payload as any).kind === 'online')).toBe(true)
    const contacts = (await c.invoke('contacts.get')) as any
    expect(contacts.value.friends.length).toBeGreaterThan(5)
    ws.close()
  })
})
