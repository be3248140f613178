import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import type { ContactsSnapshot } from '../../electron/model'
import { MemoryVault, eventually, sessionReaches } from '../support/client'
import { useClients } from '../support/use-clients'
import { useEmulator } from '../support/use-emulator'

/**
 * Issue 11: while the session is not online (reconnecting, offline, kicked) nobody's presence is
 * known, so the snapshot the renderer gets shows every friend offline; once online again the
 * presence is the service's (asked anew). Against the real emulator.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ seed: 3, pollHoldMs: 300, chatter: false })
const { online } = useClients(emu, phone)

const present = (s: ContactsSnapshot) => s.friends.filter((f) => f.status !== 'offline').map((f) => f.nick).sort()
/** Who the emulator says is present among the account's friends (hidden reads offline, §5.7). */
async function presentInWorld(): Promise<string[]> {
  const w = await phone.contacts()
  return w.friends.filter((f: any) => f.status !== 'offline' && f.status !== 'hidden').map((f: any) => f.nick).sort()
}
function contactEvents(c: QQClient): ContactsSnapshot[] {
  const seen: ContactsSnapshot[] = []
  c.on('contacts', (s) => seen.push(s))
  return seen
}

describe('presence while the session is not online', () => {
  it('reads offline for every friend while reconnecting, and the service’s presence once online again', async () => {
    const c = await online({ vault: new MemoryVault() })
    const before = present(c.online().contacts.snapshot)
    expect(before.length, 'some friends are online in this world').toBeGreaterThan(0)
    const seen = contactEvents(c)
    const reconnecting = sessionReaches(c, 'reconnecting')
    await phone.post('/control/sessions/end', { qq: ME, reason: 'expired' })
    await reconnecting
    expect(present(c.online().contacts.snapshot)).toEqual([])
    expect(seen.length).toBeGreaterThan(0)
    expect(present(seen.at(-1)!)).toEqual([])
    // Someone comes online meanwhile: no poll item reaches us, the next presence call does.
    const w = await phone.contacts()
    const newcomer = w.friends.find((f: any) => f.status === 'offline' && !f.bot)
    await phone.post('/control/contacts/presence', { qq: newcomer.qq, status: 'online' })
    await sessionReaches(c, 'online')
    const truth = await presentInWorld()
    expect(truth).toContain(newcomer.nick)
    await eventually(() => (JSON.stringify(present(c.online().contacts.snapshot)) === JSON.stringify(truth) ? true : undefined), 5000, 'presence restored')
    expect(present(seen.at(-1)!)).toEqual(truth)
  })

  it('reads offline for every friend once kicked by another login, and sends no presence deltas then', async () => {
    const c = await online()
    expect(present(c.online().contacts.snapshot).length).toBeGreaterThan(0)
    const seen = contactEvents(c)
    const deltas: unknown[] = []
    const lost = sessionReaches(c, 'session-lost')
    const other = await online()
    await lost
    c.on('presence', (p) => deltas.push(p))
    expect(present(c.online().contacts.snapshot)).toEqual([])
    expect(present(seen.at(-1)!)).toEqual([])
    // A late status change applied to the lost session is kept, not shown.
    const f = c.online().contacts.snapshot.friends[0]!
    c.online().contacts.applyPresence(f.uin, 'online', 1)
    expect(deltas).toEqual([])
    expect(present(c.online().contacts.snapshot)).toEqual([])
    expect(present(other.online().contacts.snapshot).length).toBeGreaterThan(0)
  })
})
