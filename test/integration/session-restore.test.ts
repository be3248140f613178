import { describe, expect, it } from 'vitest'
import { ContactService } from '../../electron/engine/contacts/contact-service'
import type { ContactsSnapshot } from '../../electron/model'
import { toStatus } from '../../electron/engine/contacts/mappers'
import { getOnlineBuddies2 } from '../../electron/engine/endpoints/contact-endpoints'
import { Logger } from '../../electron/engine/log'
import { restoreSession } from '../../electron/engine/login/restore'
import { duringEmulator, Phone, withEmulator, type TestEmulator } from '../support/emulator'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'

const { emu, phone } = await useEmulator()

/** A saved session as it would come back from disk (JSON round trip). */
async function savedAfterLogin(on: { emu: TestEmulator; phone: Phone } = { emu, phone }): Promise<unknown> {
  const session = await loginWithPhone(on.emu.profile, on.phone)
  return JSON.parse(JSON.stringify(session.serialize()))
}

describe('session restore', () => {
  it('uses a live saved session as it is: no QR, same psessionid', async () => {
    const saved = (await savedAfterLogin()) as { cred: { psessionid: string } }
    const qrBefore = emu.core.qr.pending().length
    const out = await restoreSession(saved, emu.profile, new Logger())
    expect(out.kind).toBe('alive')
    if (out.kind !== 'alive') return
    expect(out.session.cred.psessionid).toBe(saved.cred.psessionid)
    expect(out.session.qq).toBe('2851234567')
    expect(emu.core.qr.pending().length).toBe(qrBefore)
  })

  it('asks get_online_buddies2 once after a restart: the liveness check’s answer is the warm-up’s presence', async () => {
    const requests: string[] = []
    await duringEmulator({ seed: 7, logRequests: true, log: (line) => requests.push(line) }, async (own, ownPhone) => {
      const saved = await savedAfterLogin({ emu: own, phone: ownPhone })
      requests.length = 0
      const out = await restoreSession(saved, own.profile, new Logger())
      expect(out.kind).toBe('alive')
      if (out.kind !== 'alive') return
      const contacts = new ContactService(out.session, new Logger())
      const shownFriends: ContactsSnapshot[] = []
      contacts.on('changed', (s) => s.friends.length && shownFriends.push(s))
      const snap = await contacts.load()
      const asked = requests.filter((r) => r.includes('/channel/get_online_buddies2 '))
      expect(asked, requests.join('\n')).toHaveLength(1)
      expect(snap.failures).toEqual([])
      expect(requests.some((r) => r.includes('/api/get_user_friends2 '))).toBe(true)
      // The presence laid over the list is the server's: what get_online_buddies2 says now.
      const online = await out.session.http.call(getOnlineBuddies2, { cred: out.session.cred })
      expect(online.length).toBeGreaterThan(0)
      const shown = new Map(snap.friends.map((f) => [f.uin, f.status]))
      for (const o of online) expect(shown.get(o.uin), o.uin).toBe(toStatus(o.status))
      const present = online.filter((o) => toStatus(o.status) !== 'offline').length
      expect(snap.friends.filter((f) => f.status !== 'offline')).toHaveLength(present)
      // Known before the list came, the presence is laid in the list's own pass: the list is never shown without it.
      expect(shownFriends[0]!.friends.filter((f) => f.status !== 'offline')).toHaveLength(present)
    })
  })

  it('logs in again without a scan (pt4_auth) when the web session expired', async () => {
    const saved = await savedAfterLogin()
    expect((await phone.post('/control/sessions/end', { qq: '2851234567', reason: 'expired' })).status).toBe(200)
    const out = await restoreSession(saved, emu.profile, new Logger())
    expect(out.kind).toBe('reauthorised')
    if (out.kind !== 'reauthorised') return
    expect(out.session.cred.psessionid).not.toBe((saved as { cred: { psessionid: string } }).cred.psessionid)
    // The fresh session works: it is the account's live channel now.
    expect(emu.core.channels.live('2851234567')?.psessionid).toBe(out.session.cred.psessionid)
  })

  it('falls back to a QR scan when the session was kicked', async () => {
    const saved = await savedAfterLogin()
    await phone.post('/control/sessions/end', { qq: '2851234567', reason: 'kicked' })
    const out = await restoreSession(saved, emu.profile, new Logger())
    expect(out).toMatchObject({ kind: 'dead', reason: 'expired' })
  })

  it('falls back to a QR scan when the server forgot everything (restart)', async () => {
    const saved = await savedAfterLogin()
    const other = await withEmulator()
    try {
      const out = await restoreSession(saved, other.profile, new Logger())
      expect(out).toMatchObject({ kind: 'dead', reason: 'expired' })
    } finally {
      await other.stop()
    }
  })

  it('refuses unusable saved data without touching the network', async () => {
    expect(await restoreSession({ v: 99 }, emu.profile, new Logger())).toEqual({ kind: 'dead', reason: 'unusable' })
    expect(await restoreSession('garbage', emu.profile, new Logger())).toEqual({ kind: 'dead', reason: 'unusable' })
  })
})
