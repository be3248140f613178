import { describe, expect, it } from 'vitest'
import { Logger } from '../../electron/engine/log'
import { restoreSession } from '../../electron/engine/login/restore'
import { withEmulator } from '../support/emulator'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'

const { emu, phone } = await useEmulator()

/** A saved session as it would come back from disk (JSON round trip). */
async function savedAfterLogin(): Promise<unknown> {
  const session = await loginWithPhone(emu.profile, phone)
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
