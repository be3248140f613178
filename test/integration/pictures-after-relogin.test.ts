import { describe, expect, it } from 'vitest'
import { MemoryVault, eventually, sessionReaches } from '../support/client'
import { arrival, imagesOf, recorder, settledPictures, sha256 } from '../support/media'
import { noisePng } from '../support/pictures'
import { useClients } from '../support/use-clients'
import { useEmulator } from '../support/use-emulator'

/**
 * Issue 10 follow-up: a picture received before a relogin, fetched after it, is asked for with
 * the ids of the new login (a relogin hands out new uins, gids and codes, §2.4): the sender's
 * and the group's current ids are looked up at fetch time, not the ones the message came with.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ pollHoldMs: 200 })
const { online } = useClients(emu, phone)
const world = await phone.contacts()
const friend: { qq: string } = world.friends.find((f: any) => !f.bot)
const group = world.groups[0]
const member: string = group.members.find((m: any) => m.qq !== ME && !world.friends.some((f: any) => f.qq === m.qq))?.qq ?? group.members.find((m: any) => m.qq !== ME).qq
const PICTURES = { imageTimeoutMs: 1_500, cgiTimeoutMs: 3_000, retries: 0, backoffMs: 20 }
const ids = () => emu.core.channels.live(ME)!.login.ids

describe('a picture received before a relogin', () => {
  it('still loads after it: friend offpic and group cface, asked for with the new login’s uin, gid and code', async () => {
    const c = await online({ vault: new MemoryVault(), pictures: PICTURES })
    const rec = recorder(c)
    // The first fetch fails, so the pictures are still to be had after the relogin.
    for (const endpoint of ['get_offpic2', 'get_group_pic']) await phone.post('/control/faults', { endpoint, fault: { kind: 'http', status: 500 } })
    const friendBytes = noisePng(12, 7)
    const groupBytes = noisePng(9, 11)
    await phone.sendImage({ kind: 'friend', from: friend.qq, image: friendBytes })
    const fm = await arrival(rec, (x) => x.conversation.kind === 'friend' && imagesOf(x).length > 0, 'the friend picture')
    await phone.sendImage({ kind: 'group', from: member, target: group.number, image: groupBytes })
    const gm = await arrival(rec, (x) => x.conversation.kind === 'group' && imagesOf(x).length > 0, 'the group picture')
    for (const m of [fm, gm]) expect(imagesOf(await settledPictures(rec, m.id))[0]!.failure).toBeDefined()

    const before = { uin: ids().uin(friend.qq), member: ids().uin(member), code: ids().code(group.number) }
    await phone.post('/control/sessions/end', { qq: ME, reason: 'expired' })
    await sessionReaches(c, 'reconnecting')
    await sessionReaches(c, 'online')
    // A new web login: new ids for the same people and group.
    expect(ids().uin(friend.qq)).not.toBe(before.uin)
    expect(ids().uin(member)).not.toBe(before.member)
    expect(ids().code(group.number)).not.toBe(before.code)

    await phone.post('/control/faults/clear', {})
    const seen = rec.updates.length
    for (const m of [fm, gm]) c.online().pictures.retry(m.id, 0)
    for (const [m, bytes] of [
      [fm, friendBytes],
      [gm, groupBytes],
    ] as const) {
      // The retry's outcome: the last update after it with a picture or a failure.
      const done = await eventually(() => rec.updates.slice(seen).filter((u) => u.id === m.id && (imagesOf(u)[0]?.picture || imagesOf(u)[0]?.failure)).at(-1), 15_000, 'the retry')
      expect(imagesOf(done)[0], m.conversation.kind).toMatchObject({ picture: { hash: sha256(bytes) } })
    }
  })
})
