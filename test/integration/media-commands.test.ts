import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { HostServices } from '../../electron/backend/ports'
import { Logger } from '../../electron/engine/log'
import type { ChatMessage, FileTransferView } from '../../electron/ipc/contract'
import { dispatch } from '../../electron/ipc/dispatch'
import { startWebServer } from '../../electron/web/server'
import { logInBackend, testBackend } from '../support/backend'
import { eventually, tempDir } from '../support/client'
import { Phone } from '../support/emulator'
import { imagesOf, sha256 } from '../support/media'
import { noisePng } from '../support/pictures'

/**
 * The pictures-and-files commands through the backend's validating boundary (dispatch), as both
 * hosts run them: an Electron-like host (save dialog, open, reveal) and web mode (which answers
 * bad-input to those and serves /media and /files behind its token instead).
 */

const ME = '2851234567'
const calls: Array<[string, ...string[]]> = []
const downloadDir = tempDir()
const electronHost: HostServices = {
  kind: 'electron',
  openExternal: async () => undefined,
  secretStorage: 'encrypted',
  downloadDir,
  saveCopy: async (file, name) => void calls.push(['save', file, name]),
  openPath: async (file) => void calls.push(['open', file]),
  revealPath: (file) => void calls.push(['reveal', file]),
}

async function loggedIn(host: HostServices) {
  const { core, emulator } = testBackend({ host })
  const messages: ChatMessage[] = []
  const updates: ChatMessage[] = []
  const transfers: FileTransferView[] = []
  core.on('message.new', (m) => messages.push(m))
  core.on('message.updated', (m) => updates.push(m))
  core.on('file.transfer', (t) => transfers.push(t))
  await logInBackend(core, emulator)
  const phone = Phone.for(emulator())
  const friend = (await phone.contacts()).friends.find((f: any) => !f.bot && f.qq !== ME)
  const call = (name: string, args: unknown) => dispatch(core.handlers, name, args)
  /** The phone sends a picture; resolves with its message once the picture is had. */
  const picture = async (bytes: Buffer) => {
    const before = messages.length
    await phone.sendImage({ kind: 'friend', from: friend.qq, image: bytes })
    const m = await eventually(() => messages.slice(before).find((x) => imagesOf(x).length > 0), 10_000, 'the picture message')
    return eventually(() => updates.find((u) => u.id === m.id && imagesOf(u)[0]?.picture), 10_000, 'the picture')
  }
  /** The phone offers a file and it is accepted and saved; resolves with the transfer. */
  const file = async (name: string, data: Buffer) => {
    const before = messages.length
    await phone.post('/control/files/offer', { from: friend.qq, name, data: data.toString('base64') })
    const m = await eventually(() => messages.slice(before).find((x) => x.segments[0]?.type === 'file'), 10_000, 'the offer')
    const id = (m.segments[0] as { transfer: string }).transfer
    expect((await call('file.list', { conversation: m.conversation })).ok).toBe(true)
    expect(await call('file.accept', { id })).toMatchObject({ ok: true })
    return eventually(() => transfers.find((t) => t.id === id && t.state === 'done'), 10_000, 'the file saved')
  }
  return { core, call, picture, file, friend, phone }
}

describe('commands on an Electron-like host', async () => {
  const app = await loggedIn(electronHost)
  afterAll(() => app.core.stop())

  it('media.save hands the cached file and a safe name with the right extension to the save dialog', async () => {
    const bytes = noisePng()
    const m = await app.picture(bytes)
    const { hash } = imagesOf(m)[0]!.picture!
    expect(await app.call('media.save', { hash, name: '../猫.gif' })).toMatchObject({ ok: true })
    const [kind, file, name] = calls.at(-1)!
    expect([kind, name]).toEqual(['save', '_猫.png'])
    expect(sha256(readFileSync(file!))).toBe(hash)
    expect((await app.call('media.save', { hash: 'f'.repeat(64), name: 'x' })).ok).toBe(false)
  })

  it('file.open and file.reveal hand the OS the saved file, only by transfer id', async () => {
    const t = await app.file('账单.xlsx', Buffer.from('cells'))
    expect(await app.call('file.open', { id: t.id })).toMatchObject({ ok: true })
    expect(await app.call('file.reveal', { id: t.id })).toMatchObject({ ok: true })
    expect(calls.slice(-2)).toEqual([
      ['open', join(downloadDir, '账单.xlsx')],
      ['reveal', join(downloadDir, '账单.xlsx')],
    ])
    for (const id of ['../账单.xlsx', join(downloadDir, '账单.xlsx').slice(0, 64), 'nope']) {
      expect(await app.call('file.open', { id }), id).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
  })

  it('media.retry and avatar.get answer through the boundary; bad arguments are bad-input', async () => {
    const m = await app.picture(noisePng())
    expect(await app.call('media.retry', { messageId: m.id, index: 0 })).toMatchObject({ ok: true })
    expect(await app.call('media.retry', { messageId: m.id, index: 3 })).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    const friendKey = app.core.client!.online().contacts.snapshot.friends[0]!.key
    expect(await app.call('avatar.get', { subject: { kind: 'friend', key: friendKey } })).toMatchObject({ ok: true, value: { mime: 'image/png' } })
    expect(await app.call('avatar.get', { subject: { kind: 'member', uin: '../1' } })).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect(await app.call('media.save', { hash: '../../etc/passwd', name: 'x' })).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
  })
})

describe('web mode', async () => {
  const app = await loggedIn({ kind: 'web', openExternal: async () => undefined, secretStorage: 'plaintext', downloadDir: tempDir() })
  const rendererDir = tempDir()
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>QQ</title>')
  const web = await startWebServer(app.core, { rendererDir, logger: new Logger() })
  afterAll(async () => {
    await web.close()
    await app.core.stop()
  })

  it('answers bad-input to media.save, file.open and file.reveal (the browser downloads)', async () => {
    const m = await app.picture(noisePng())
    const t = await app.file('a.txt', Buffer.from('a'))
    for (const [name, args] of [
      ['media.save', { hash: imagesOf(m)[0]!.picture!.hash, name: 'x.png' }],
      ['file.open', { id: t.id }],
      ['file.reveal', { id: t.id }],
    ] as const) {
      expect(await app.call(name, args), name).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
  })

  it('serves a received picture at /media/<hash> and a saved file at /files/<id>, behind the token', async () => {
    const bytes = noisePng(30, 20)
    const m = await app.picture(bytes)
    const { hash } = imagesOf(m)[0]!.picture!
    const base = `http://127.0.0.1:${web.port}`
    const res = await fetch(`${base}/media/${hash}?token=${web.token}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    expect((await fetch(`${base}/media/${hash}`)).status).toBe(403)
    const t = await app.file('报告.pdf', Buffer.from('%PDF-1.4 x'))
    const f = await fetch(`${base}/files/${t.id}?token=${web.token}`)
    expect(f.status).toBe(200)
    expect(f.headers.get('content-disposition')).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''${encodeURIComponent('报告.pdf')}`)
    expect(await f.text()).toBe('%PDF-1.4 x')
  })
})
