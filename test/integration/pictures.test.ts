import { readFileSync, rmSync, statSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { eventually, newClient, loginClient, tempDir, MemoryVault } from '../support/client'
import { arrival, imagesOf, recorder, settledPictures, sha256 } from '../support/media'
import { noisePng } from '../support/pictures'
import { useClients } from '../support/use-clients'
import { useEmulator } from '../support/use-emulator'

/**
 * Received pictures end to end against the emulator over HTTP (§7.1, §7.2): the engine fetches
 * them beside dispatch, through one redirect to the emulator's image server, into the media
 * cache, and updates the stored message; hostile answers end in a failure, never a crash.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ pollHoldMs: 200 })
const { online } = useClients(emu, phone)
const contacts = await phone.contacts()
const friend: { qq: string } = contacts.friends.find((f: any) => !f.bot)
const group = contacts.groups[0]
const groupMember: string = group.members.find((m: any) => m.qq !== ME).qq
const discussion = contacts.discussions[0]
const discussionMember: string = discussion.members.find((qq: string) => qq !== ME)
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/** Fast and bounded: a hostile answer must end within a test's time. */
const PICTURES = { imageTimeoutMs: 1_500, cgiTimeoutMs: 3_000, retries: 1, backoffMs: 20 }

async function client() {
  const c = await online({ pictures: PICTURES })
  return { c, rec: recorder(c) }
}

describe('received pictures', () => {
  it('fetches a friend picture (offpic → get_offpic2 → 302 → image server) into the cache and updates the stored message', async () => {
    const { c, rec } = await client()
    const bytes = noisePng(40, 30)
    await phone.sendImage({ kind: 'friend', from: friend.qq, image: bytes, text: '看这个' })
    const m = await arrival(rec, (x) => imagesOf(x).length > 0)
    expect(imagesOf(m)[0]).toEqual({ type: 'image', ref: expect.stringMatching(/^offpic:\//) })
    const done = await settledPictures(rec, m.id)
    const picture = imagesOf(done)[0]!.picture!
    expect(picture).toEqual({ hash: sha256(bytes), mime: 'image/png', width: 40, height: 30 })
    const file = c.online().media.file(picture.hash)!
    expect(readFileSync(file.path).equals(bytes)).toBe(true)
    expect(statSync(file.path).mode & 0o777).toBe(0o600)
    // What history holds is what the event said.
    expect(c.online().history.get(m.id)!.segments).toEqual(done.segments)
  })

  it('fetches group (get_group_pic by the group code), discussion (by did) and buddy cface (get_cface2) pictures', async () => {
    const { rec } = await client()
    const cases = [
      { send: { kind: 'group' as const, from: groupMember, target: group.number, image: noisePng(8, 9) }, kind: 'group' },
      { send: { kind: 'discussion' as const, from: discussionMember, target: discussion.id, image: GIF }, kind: 'discussion' },
      { send: { kind: 'friend' as const, from: friend.qq, image: noisePng(3, 5), element: 'cface' as const }, kind: 'friend' },
    ]
    for (const { send, kind } of cases) {
      const before = rec.messages.length
      expect((await phone.sendImage(send)).status).toBe(200)
      const m = await arrival(rec, (x) => rec.messages.indexOf(x) >= before && x.conversation.kind === kind && imagesOf(x).length > 0, `a ${kind} picture`)
      expect(imagesOf(m)[0]!.ref).toMatch(/^cface:[0-9A-F]{32}\./)
      const done = await settledPictures(rec, m.id)
      const bytes = send.image
      expect(imagesOf(done)[0]!.picture, kind).toMatchObject({ hash: sha256(bytes) })
    }
  })

  it('a slow picture never holds up the messages after it (fetched beside dispatch)', async () => {
    const { rec } = await client()
    await phone.settings({ imageDelayMs: 30_000 })
    try {
      await phone.sendImage({ kind: 'friend', from: friend.qq, image: noisePng() })
      const pic = await arrival(rec, (x) => imagesOf(x).length > 0)
      await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['图片之后'] })
      await arrival(rec, (x) => x.segments.some((s) => s.type === 'text' && s.text === '图片之后'))
      expect(rec.updates.filter((u) => u.id === pic.id)).toEqual([])
    } finally {
      await phone.settings({ imageDelayMs: 0 })
    }
  })

  it('a picture that cannot be had ends as a failure, and media.retry fetches it again', async () => {
    const { c, rec } = await client()
    await phone.post('/control/faults', { endpoint: 'get_offpic2', fault: { kind: 'retcode', retcode: 103 }, count: 1 })
    const bytes = noisePng()
    await phone.sendImage({ kind: 'friend', from: friend.qq, image: bytes })
    const m = await arrival(rec, (x) => imagesOf(x).length > 0)
    const failed = await settledPictures(rec, m.id)
    expect(imagesOf(failed)[0]!.failure).toMatchObject({ kind: 'unavailable' })
    const seen = rec.updates.length
    c.online().pictures.retry(m.id, 0)
    // Loading again at once, then had.
    expect(imagesOf(rec.updates[seen]!)[0]).toEqual({ type: 'image', ref: imagesOf(m)[0]!.ref })
    const done = await eventuallyPicture(rec, m.id)
    expect(done.hash).toBe(sha256(bytes))
    expect(() => c.online().pictures.retry(m.id, 5)).toThrow(expect.objectContaining({ kind: 'bad-input' }))
  })
})

async function eventuallyPicture(rec: ReturnType<typeof recorder>, id: string) {
  const m = await settledPictures(rec, id)
  const p = imagesOf(m)[0]!.picture
  if (!p) throw new Error(`no picture: ${JSON.stringify(imagesOf(m)[0]!.failure)}`)
  return p
}

describe('pictures gone from the cache', () => {
  it('a picture whose file went (evicted, removed) shows as loading when read and is fetched again', async () => {
    const { c, rec } = await client()
    const bytes = noisePng()
    await phone.sendImage({ kind: 'friend', from: friend.qq, image: bytes })
    const m = await arrival(rec, (x) => imagesOf(x).length > 0)
    const { hash } = await eventuallyPicture(rec, m.id)
    rmSync(c.online().media.file(hash)!.path)
    const seen = rec.updates.length
    const on = c.online()
    const page = on.pictures.read(on.conversations.page(m.conversation, undefined, 50))
    expect(imagesOf(page.find((x) => x.id === m.id)!)[0]).toEqual({ type: 'image', ref: imagesOf(m)[0]!.ref })
    await eventually(() => rec.updates.slice(seen).find((u) => u.id === m.id && imagesOf(u)[0]?.picture?.hash === hash), 10_000, 'the picture again')
    expect(readFileSync(on.media.file(hash)!.path).equals(bytes)).toBe(true)
  })
})

describe('hostile picture servers (the emulator’s hostile switches): each ends in a clear failure', () => {
  type Mode = Parameters<typeof phone.hostile>[0]
  const cases: Array<{ name: string; mode: Mode; opts?: Parameters<typeof phone.hostile>[1]; kind: string }> = [
    { name: 'redirect to file:///etc/passwd', mode: 'redirect-scheme', opts: { scheme: 'file' }, kind: 'malformed' },
    { name: 'redirect to javascript:', mode: 'redirect-scheme', opts: { scheme: 'javascript' }, kind: 'malformed' },
    { name: 'redirect to another loopback address', mode: 'redirect-elsewhere', opts: { to: 'loopback' }, kind: 'malformed' },
    { name: 'redirect to a private address', mode: 'redirect-elsewhere', opts: { to: 'private' }, kind: 'malformed' },
    { name: 'redirect to the emulator on another port', mode: 'redirect-elsewhere', opts: { to: 'other-port' }, kind: 'malformed' },
    { name: 'a second redirect from the image server', mode: 'redirect-twice', kind: 'malformed' },
    { name: 'HTML under image/png', mode: 'lying-type', kind: 'malformed' },
    { name: 'a body that never ends', mode: 'endless', kind: 'malformed' },
    { name: 'a 64 MiB body', mode: 'oversized', kind: 'malformed' },
    { name: 'a byte every 200 ms', mode: 'trickle', kind: 'timeout' },
  ]
  for (const { name, mode, opts, kind } of cases) {
    it(`${name} → failure (${kind}), nothing cached`, async () => {
      const { c, rec } = await client()
      expect((await phone.hostile(mode, { scope: ['pictures'], ...opts })).status).toBe(200)
      await phone.sendImage({ kind: 'friend', from: friend.qq, image: noisePng(64, 64) })
      const m = await arrival(rec, (x) => imagesOf(x).length > 0)
      const done = await settledPictures(rec, m.id)
      expect(imagesOf(done)[0]!.failure).toMatchObject({ kind })
      expect(imagesOf(done)[0]!.picture).toBeUndefined()
      expect(c.online().media.totalBytes).toBe(0)
      // Still online, still dispatching.
      await phone.hostile('off')
      await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['还在吗'] })
      await arrival(rec, (x) => x.segments.some((s) => s.type === 'text' && s.text === '还在吗'))
    })
  }
})

describe('pictures across a restart', () => {
  it('a picture not fetched when the app stopped is fetched when its message is read', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const first = newClient(emu.profile, { dataDir, vault, pictures: PICTURES })
    await loginClient(first, phone)
    const rec = recorder(first)
    await phone.settings({ imageDelayMs: 60_000 })
    const bytes = noisePng()
    try {
      await phone.sendImage({ kind: 'friend', from: friend.qq, image: bytes })
      const m = await arrival(rec, (x) => imagesOf(x).length > 0)
      await first.shutdown()
      expect(rec.updates.filter((u) => u.id === m.id)).toEqual([])
      await phone.settings({ imageDelayMs: 0 })
      const second = newClient(emu.profile, { dataDir, vault, pictures: PICTURES })
      try {
        expect(await second.login.restore()).toBe(true)
        const rec2 = recorder(second)
        const on = second.online()
        const page = on.pictures.read(on.conversations.page(m.conversation, undefined, 50))
        expect(imagesOf(page.find((x) => x.id === m.id)!)[0]!.picture).toBeUndefined()
        expect((await eventuallyPicture(rec2, m.id)).hash).toBe(sha256(bytes))
      } finally {
        await second.shutdown()
      }
    } finally {
      await phone.settings({ imageDelayMs: 0 })
      await first.shutdown()
    }
  })
})
