import { describe, expect, it } from 'vitest'
import { eventually } from '../support/client'
import { useEmulator } from '../support/use-emulator'
import { useClients } from '../support/use-clients'

/**
 * A stream of presence changes is taken in few polls (issue 13: one poll2 request per change cost
 * more CPU than the change): after an answer of presence changes alone the next poll waits out
 * the spacing and brings what queued meanwhile (§6.1), every change still arrives, and an answer
 * with a message is followed by the next poll at once.
 */

const { emu, phone } = await useEmulator({ seed: 5, pollHoldMs: 2_000, chatter: false })
const world = (await phone.contacts()) as { friends: Array<{ qq: string; nick: string; bot?: boolean }> }
const { online } = useClients(emu, phone)
const people = world.friends.filter((f) => !f.bot)
const STATUSES = ['online', 'away', 'busy', 'silent'] as const
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('presence poll spacing', () => {
  it('takes 50 changes sent 10 ms apart in a few polls, and every friend ends in their last status', async () => {
    const c = await online()
    const polls0 = c.online().poll.stats.polls
    const last = new Map<string, string>()
    for (let i = 0; i < 50; i++) {
      const friend = people[i % people.length]!
      const status = STATUSES[i % STATUSES.length]!
      last.set(friend.nick, status)
      await phone.post('/control/contacts/presence', { qq: friend.qq, status })
      await sleep(10)
    }
    const byNick = () => new Map(c.online().contacts.snapshot.friends.map((f) => [f.nick, f.status]))
    await eventually(() => [...last].every(([nick, status]) => byNick().get(nick) === status) || undefined, 10_000, 'every last status')
    // ≥ 0.5 s of changes at ≤ 4 polls a second: 3–5 polls here (47 without the spacing).
    expect(c.online().poll.stats.polls - polls0).toBeLessThanOrEqual(25)
  })

  it("keeps a friend's later change when one answer brings two (the answer lists them newest first, §6.1)", async () => {
    const c = await online()
    const [first, second] = [people[1]!, people[2]!]
    const statusOf = (nick: string) => c.online().contacts.snapshot.friends.find((f) => f.nick === nick)?.status
    const other = (nick: string) => STATUSES.filter((s) => s !== statusOf(nick))
    // The first change's answer is presence alone: the next poll waits, and the two changes after it queue for one answer.
    const [now] = other(first.nick)
    await phone.post('/control/contacts/presence', { qq: first.qq, status: now })
    await eventually(() => statusOf(first.nick) === now || undefined, 5_000, 'the first change')
    const before = statusOf(second.nick)
    const [earlier, later] = other(second.nick)
    await phone.post('/control/contacts/presence', { qq: second.qq, status: earlier })
    await phone.post('/control/contacts/presence', { qq: second.qq, status: later })
    await eventually(() => statusOf(second.nick) !== before || undefined, 5_000, 'the second friend changed')
    // Both changes were in that answer (a later poll would have brought only the later one).
    expect(statusOf(second.nick)).toBe(later)
  })

  it('polls again at once after an answer with a message: 20 messages 10 ms apart take about a poll each', async () => {
    const c = await online()
    const polls0 = c.online().poll.stats.polls
    let received = 0
    c.on('message', () => received++)
    for (let i = 0; i < 20; i++) {
      await phone.post('/control/messages/send', { kind: 'friend', from: people[0]!.qq, content: [`消息 ${i}`] })
      await sleep(10)
    }
    await eventually(() => received >= 20 || undefined, 10_000, 'all 20 messages')
    // Spaced like presence, 20 messages over ~0.3 s would take 3–4 polls.
    expect(c.online().poll.stats.polls - polls0).toBeGreaterThanOrEqual(8)
  })
})
