import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest } from 'node:http'
import { beforeEach, describe, expect, it } from 'vitest'
import { ContactService, PRESENCE_WAIT_MS } from '../../electron/engine/contacts/contact-service'
import { Logger } from '../../electron/engine/log'
import type { ContactsSnapshot } from '../../electron/model'
import { loginWithPhone } from '../support/login'
import { useEmulator } from '../support/use-emulator'

/**
 * Issue 13: the first load maps the friends while get_online_buddies2 is on the wire, and shows
 * them once, with their presence, when its answer comes soon after — but never hides them for
 * longer than PRESENCE_WAIT_MS behind a slow one.
 */

const { emu, phone } = await useEmulator({ seed: 7 })
beforeEach(() => phone.post('/control/faults/clear', {}))

/** A warm-up with every snapshot it emitted that held friends. */
async function warmUp(): Promise<{ withFriends: ContactsSnapshot[]; last: ContactsSnapshot }> {
  const session = await loginWithPhone(emu.profile, phone)
  const contacts = new ContactService(session, new Logger())
  const withFriends: ContactsSnapshot[] = []
  contacts.on('changed', (s) => s.friends.length && withFriends.push(s))
  const last = await contacts.load()
  // The last snapshot comes a turn after the last change.
  await new Promise(setImmediate)
  return { withFriends, last }
}

const present = (s: ContactsSnapshot) => s.friends.filter((f) => f.status !== 'offline').length

describe('the first friends list and presence', () => {
  it('waits for an online answer that comes after the friends are mapped, and shows the friends once, already with presence', async () => {
    // Well after the (small) friend list is mapped, well within the wait.
    await phone.post('/control/faults', { endpoint: 'get_online_buddies2', fault: { kind: 'delay', ms: PRESENCE_WAIT_MS / 3 } })
    const { withFriends, last } = await warmUp()
    expect(present(last)).toBeGreaterThan(0)
    // Every snapshot that shows friends shows them with presence: no list of offline friends first.
    for (const s of withFriends) expect(present(s)).toBe(present(last))
  })

  it('shows the friends without presence after the wait when the online answer is slower, and lays it when it comes', async () => {
    await phone.post('/control/faults', { endpoint: 'get_online_buddies2', fault: { kind: 'delay', ms: PRESENCE_WAIT_MS * 4 } })
    const { withFriends, last } = await warmUp()
    const first = withFriends[0]!
    expect(first.friends.length).toBe(last.friends.length)
    expect(present(first)).toBe(0)
    expect(first.loading).toContain('online')
    expect(present(last)).toBeGreaterThan(0)
    expect(last.loading).toEqual([])
  })

  it('emits the lists with their presence before it asks for the recent list, which they show loading', async () => {
    const session = await loginWithPhone(emu.profile, phone)
    const contacts = new ContactService(session, new Logger())
    const order: string[] = []
    let lists: ContactsSnapshot | undefined
    contacts.on('changed', (s) => {
      if (s.friends.length && !s.loading.some((p) => p === 'friends' || p === 'online') && !lists) {
        lists = s
        order.push('lists')
      }
    })
    const onRequest = (msg: unknown) => {
      if ((msg as { request: ClientRequest }).request.path.startsWith('/channel/get_recent_list2')) order.push('get_recent_list2')
    }
    subscribe('http.client.request.start', onRequest)
    try {
      await contacts.load()
      await new Promise(setImmediate)
    } finally {
      unsubscribe('http.client.request.start', onRequest)
    }
    // Sending it (got's request) would hold back the snapshot the user waits for (issue 13);
    // its loading is in that snapshot, not in one more of 5,000 friends to the renderer.
    expect(order).toEqual(['lists', 'get_recent_list2'])
    expect(lists!.loading).toEqual(['recent'])
  })

  it('shows the friends without presence when the online answer fails, with the failure its own', async () => {
    await phone.post('/control/faults', { endpoint: 'get_online_buddies2', fault: { kind: 'malformed' } })
    const { last } = await warmUp()
    expect(last.friends.length).toBeGreaterThan(0)
    expect(present(last)).toBe(0)
    expect(last.failures.map((f) => [f.part, f.error.kind])).toEqual([['online', 'malformed']])
  })
})
