import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { imageSize } from 'image-size'
import { sha256 } from '../support/media'
import { noisePng } from '../support/pictures'
import { useClients } from '../support/use-clients'
import { useEmulator } from '../support/use-emulator'

/** Avatars (§7.6) through getface on face<N>.web.qq.com, fetched when asked, cached, remembered. */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ pollHoldMs: 200 })
const { online } = useClients(emu, phone)

describe('avatars', () => {
  it('fetches a friend’s, a group’s and a member’s avatar as a cached picture', async () => {
    const c = await online()
    const on = c.online()
    const friend = on.contacts.snapshot.friends[0]!
    const group = on.contacts.snapshot.groups[0]!
    const details = await on.contacts.groupDetails(group.key)
    const member = details.members.find((m) => !m.friendKey)!
    for (const subject of [{ kind: 'friend', key: friend.key }, { kind: 'group', key: group.key }, { kind: 'member', uin: member.uin }] as const) {
      const p = await on.avatars.get(subject)
      expect(p, subject.kind).toMatchObject({ mime: 'image/png', width: 100, height: 100 })
      const file = on.media.file(p!.hash)!
      expect(sha256(readFileSync(file.path))).toBe(p!.hash)
      expect(imageSize(readFileSync(file.path))).toMatchObject({ width: 100, height: 100 })
    }
  })

  it('shows the picture set through the phone, and remembers an answer per contact', async () => {
    const c = await online()
    const on = c.online()
    // This login's uins.
    const w = (await phone.contacts()).friends.find((f: any) => f.qq !== ME && !f.bot)
    const friend = on.contacts.snapshot.friends.find((f) => f.uin === w.uin)!
    const mine = noisePng(48, 48)
    expect((await phone.setAvatar({ qq: w.qq }, mine)).status).toBe(200)
    const p = await on.avatars.get({ kind: 'friend', key: friend.key })
    expect(p).toEqual({ hash: sha256(mine), mime: 'image/png', width: 48, height: 48 })
    // Asked again within the day: the same answer, no second request.
    const requests = c.online().session.http.requestCount
    expect(await on.avatars.get({ kind: 'friend', key: friend.key })).toEqual(p)
    expect(c.online().session.http.requestCount).toBe(requests)
  })

  it('answers null for a contact it does not know, and when getface fails', async () => {
    const c = await online()
    const on = c.online()
    expect(await on.avatars.get({ kind: 'friend', key: 'f:q:1' })).toBeNull()
    expect(await on.avatars.get({ kind: 'group', key: 'g:n:nobody' })).toBeNull()
    await phone.post('/control/faults', { endpoint: 'getface', fault: { kind: 'http', status: 500 } })
    const group = on.contacts.snapshot.groups[1] ?? on.contacts.snapshot.groups[0]!
    expect(await on.avatars.get({ kind: 'group', key: group.key })).toBeNull()
  })
})

describe('hostile avatar servers (the emulator’s hostile switches): no avatar, the letter tile stays', () => {
  for (const mode of ['lying-type', 'endless', 'oversized', 'trickle'] as const) {
    it(`${mode} → null, nothing cached`, async () => {
      const c = await online({ pictures: { cgiTimeoutMs: 2_000, imageTimeoutMs: 2_000, retries: 0, backoffMs: 10 } })
      const on = c.online()
      expect((await phone.hostile(mode, { scope: ['avatars'] })).status).toBe(200)
      const group = on.contacts.snapshot.groups[0]!
      expect(await on.avatars.get({ kind: 'group', key: group.key })).toBeNull()
      expect(on.media.totalBytes).toBe(0)
    })
  }
})
