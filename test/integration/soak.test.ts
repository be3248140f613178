import { afterEach, describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import type { PollStats } from '../../electron/engine/poll/poll-loop'
import type { FaultRuleInput } from '../../electron/emulator/faults'
import type { ChatMessage, ConversationRef } from '../../electron/model'
import { Phone, withEmulator, type TestEmulator as Emulator } from '../support/emulator'
import { FAST, eventually, loginClient, newClient, sessionReaches } from '../support/client'

/**
 * The messaging soak: thousands of messages each way while ~10 % of the poll and send requests
 * fail in every way a session can survive (§6.1, §6.4, §8.2–§8.3). Nothing received may be lost
 * or doubled, nothing sent may arrive twice (the service does not deduplicate, §6.4), and the
 * poll loop may never spin.
 */

const SEND_ENDPOINTS = ['send_buddy_msg2', 'send_qun_msg2', 'send_discu_msg2']
const MIN_IDLE_POLL_MS = 50
const TIMINGS = {
  ...FAST,
  poll: { ...FAST.poll, minIdlePollMs: MIN_IDLE_POLL_MS },
  // Session refusals (103, 121, 100012, an expired channel) are retried; give them room.
  sender: { ...FAST.sender, maxAttempts: 100, retryDelayMs: 5 },
  // The app's own batching of conversation-list pushes: FAST's 10 ms would rebuild the list
  // (a query per conversation) a hundred times a second and measure the test, not the engine.
  conversationsDebounceMs: 150,
}

type FaultSpec = FaultRuleInput['fault']
const TRANSPORT_FAULTS: FaultSpec[] = [
  { kind: 'delay', ms: 30 },
  { kind: 'http', status: 502 },
  { kind: 'http', status: 504 },
  { kind: 'drop' },
  { kind: 'malformed' },
]
/** The session refusals a poll or a send may get and the session survives. */
const REFUSALS: FaultSpec[] = [103, 121, 100012, 1202].map((retcode) => ({ kind: 'retcode', retcode }))
const POLL_FAULTS: FaultSpec[] = [...TRANSPORT_FAULTS, ...REFUSALS, { kind: 'rotate-ptwebqq' }]
const SEND_FAULTS: FaultSpec[] = [
  ...TRANSPORT_FAULTS,
  ...REFUSALS,
  { kind: 'delivered-retcode', retcode: 100100 },
  { kind: 'delivered-retcode', retcode: 1202 },
]

/** Each rule fires independently, so this per-rule probability makes `total` of requests fail. */
const perRule = (total: number, rules: number) => 1 - (1 - total) ** (1 / rules)

function backgroundFaults(total: number): FaultRuleInput[] {
  const poll = POLL_FAULTS.map((fault) => ({ endpoint: 'poll2', fault, probability: perRule(total, POLL_FAULTS.length) }))
  const send = SEND_ENDPOINTS.flatMap((endpoint) => SEND_FAULTS.map((fault) => ({ endpoint, fault, probability: perRule(total, SEND_FAULTS.length) })))
  return [...poll, ...send]
}

/**
 * Storms and session ends, each switched on once the outgoing stream has reached its share:
 * 103 past the failure limit (→ relink), 100012 and 1202 runs on sends, and the session
 * expiring under a poll and under a send (→ silent relogin through pt4_auth, no QR).
 */
const SCHEDULED: Array<{ at: number; rule: FaultRuleInput }> = [
  { at: 0.15, rule: { endpoint: 'poll2', fault: { kind: 'retcode', retcode: 103 }, count: 10 } },
  { at: 0.25, rule: { endpoint: 'send_buddy_msg2', fault: { kind: 'retcode', retcode: 100012 }, count: 6 } },
  { at: 0.35, rule: { endpoint: 'poll2', fault: { kind: 'expire' }, count: 1 } },
  { at: 0.5, rule: { endpoint: 'send_qun_msg2', fault: { kind: 'retcode', retcode: 1202 }, count: 5 } },
  { at: 0.6, rule: { endpoint: 'poll2', fault: { kind: 'retcode', retcode: 121 }, count: 3 } },
  { at: 0.7, rule: { endpoint: 'send_discu_msg2', fault: { kind: 'expire' }, count: 1 } },
]

const textOf = (m: ChatMessage) => m.segments.map((s) => (s.type === 'text' ? s.text : '')).join('')
const convId = (c: ConversationRef) => `${c.kind}:${c.key}`
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const SAMPLES = ['你好，今天下午开会吗？', 'ok see you at 8 & bring the <b>slides</b>', '收到👌', '周末去爬山？"天气"不错', 'line one\nline two', '哈哈哈哈 lol']

/** What the phone makes contacts send: a person and where, in world terms, and the engine's key. */
interface Source {
  body: { kind: 'friend' | 'group' | 'discussion'; from: string; target?: string }
  ref: ConversationRef
}

/** The account's contacts as incoming sources and outgoing targets, keyed as the engine keys them. */
async function mapContacts(emu: Emulator, client: QQClient, owner: string): Promise<{ sources: Source[]; targets: ConversationRef[] }> {
  const world = await Phone.for(emu).contacts()
  const contacts = client.online().contacts.snapshot
  const masks = emu.core.world.graph(owner).groupMasks
  const sources: Source[] = []
  for (const f of world.friends as Array<{ qq: string; uin: string }>) {
    const key = contacts.friends.find((x) => x.uin === f.uin)!.key
    sources.push({ body: { kind: 'friend', from: f.qq }, ref: { kind: 'friend', key } })
  }
  // A group the account blocked (mask 2) never delivers (§8.4): not a source.
  for (const g of world.groups as Array<{ number: string; gid: string; members: Array<{ qq: string }> }>) {
    if (masks.get(g.number) === 2) continue
    const key = contacts.groups.find((x) => x.gid === g.gid)!.key
    for (const m of g.members.filter((x) => x.qq !== owner).slice(0, 3)) sources.push({ body: { kind: 'group', from: m.qq, target: g.number }, ref: { kind: 'group', key } })
  }
  for (const d of world.discussions as Array<{ id: string; members: string[] }>) {
    const key = contacts.discussions.find((x) => x.did === d.id)!.key
    for (const m of d.members.filter((x) => x !== owner).slice(0, 3)) sources.push({ body: { kind: 'discussion', from: m, target: d.id }, ref: { kind: 'discussion', key } })
  }
  const targets: ConversationRef[] = [
    ...contacts.friends.map((f) => ({ kind: 'friend' as const, key: f.key })),
    ...contacts.groups.map((g) => ({ kind: 'group' as const, key: g.key })),
    ...contacts.discussions.map((d) => ({ kind: 'discussion' as const, key: d.key })),
  ]
  return { sources, targets }
}

const TERMINAL = new Set(['sent', 'unknown', 'failed'])

/** Every outgoing message's latest status, from the client's events, and how many are unfinished. */
class Outbox {
  readonly status = new Map<string, string>()
  open = 0

  constructor(client: QQClient) {
    client.on('status', (m) => {
      const before = this.status.get(m.id)
      if (before === undefined) return
      this.status.set(m.id, m.status)
      this.open += Number(TERMINAL.has(before)) - Number(TERMINAL.has(m.status))
    })
  }

  add(m: ChatMessage): void {
    this.status.set(m.id, m.status)
    if (!TERMINAL.has(m.status)) this.open++
  }
}

interface Traffic {
  /** (conversation, text) of every message the phone got through to the account. */
  expected: Set<string>
  outbox: Outbox
  /** Phone messages sent again because no session was live (between an expiry and its relogin). */
  resent: number
}

/**
 * `count` distinct messages each way, interleaved: the phone (four senders in parallel) keeps
 * pace with the client's outbox, which holds at most 40 unfinished messages. `atShare` hears
 * how far the outgoing side has got; both sides stop early when `going` turns false.
 */
async function runTraffic(emu: Emulator, client: QQClient, contacts: { sources: Source[]; targets: ConversationRef[] }, count: number, atShare: (share: number) => void, going = () => true): Promise<Traffic> {
  const traffic: Traffic = { expected: new Set(), outbox: new Outbox(client), resent: 0 }
  let issued = 0
  const outgoing = async () => {
    while (issued < count && going()) {
      if (traffic.outbox.open >= 40) {
        await sleep(2)
        continue
      }
      for (const stop = Math.min(count, issued + 10); issued < stop; issued++) {
        // `<` and `>` reach recipients as entities (§6.4): kept out so the echo's text matches.
        const text = `out-${issued} ${SAMPLES[(issued * 7) % SAMPLES.length]!.replace(/[<>]/g, '')}`
        for (const m of client.online().sender.send(contacts.targets[issued % contacts.targets.length]!, [{ type: 'text', text }])) traffic.outbox.add(m)
      }
      atShare(issued / count)
      await sleep(1)
    }
  }
  const phone = Phone.for(emu)
  let next = 0
  const incoming = async () => {
    while (next < count && going()) {
      if (next > issued + 20) {
        await sleep(2)
        continue
      }
      const i = next++
      const source = contacts.sources[i % contacts.sources.length]!
      const text = `in-${i} ${SAMPLES[i % SAMPLES.length]}`
      traffic.expected.add(`${convId(source.ref)}\u0000${text}`)
      for (let tries = 0; ; tries++) {
        const res = await phone.post('/control/messages/send', { ...source.body, content: [text] })
        expect(res.status).toBe(200)
        if (res.body.delivered > 0 || !going()) break
        // The account has no live channel right now: the message reached nobody; send it again.
        if (tries > 500) throw new Error(`phone message ${i} reached no session`)
        traffic.resent++
        await sleep(10)
      }
    }
  }
  await Promise.all([outgoing(), incoming(), incoming(), incoming(), incoming()])
  return traffic
}

let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

async function setUp(seed: number): Promise<{ emu: Emulator; client: QQClient; owner: string; requests: () => number }> {
  let requests = 0
  const emu = await withEmulator({
    seed,
    pollHoldMs: 500,
    rateLimit: { enabled: false },
    graph: { scripted: false, friends: 20, groups: 4, membersPerGroup: 8, discussions: 2 },
    logRequests: true,
    log: (line) => {
      if (!line.includes('/control/')) requests++
    },
  })
  const client = newClient(emu.profile, TIMINGS)
  cleanup.push(() => emu.stop(), () => client.shutdown())
  await loginClient(client, Phone.for(emu))
  return { emu, client, owner: emu.core.accounts.default.qq, requests: () => requests }
}

describe('messaging soak', () => {
  it('5,000 messages each way through ~10 % faults: none lost, none doubled, the loop never spins', async () => {
    const N = 5000
    const { emu, client, owner } = await setUp(11)
    const contacts = await mapContacts(emu, client, owner)

    // What reached the contacts' phones from the account (the control API's log keeps only the last 500).
    const arrived = new Map<string, number>()
    emu.core.notify.onMessage((m) => {
      if (m.from !== owner) return
      const text = m.content.segments.filter((s): s is string => typeof s === 'string').join('')
      arrived.set(text, (arrived.get(text) ?? 0) + 1)
    })
    const received = new Set<string>()
    client.on('message', (m) => {
      if (m.direction === 'in') received.add(m.id)
    })

    for (const rule of backgroundFaults(0.1)) emu.core.faults.add(rule)
    const scheduled = [...SCHEDULED]
    const before = { ...client.online().poll.stats }
    const started = Date.now()
    const { expected, outbox, resent } = await runTraffic(emu, client, contacts, N, (share) => {
      while (scheduled[0] && scheduled[0].at <= share) emu.core.faults.add(scheduled.shift()!.rule)
    })
    const unsettled = () => {
      const open = [...outbox.status].filter(([, s]) => !TERMINAL.has(s))
      return `all messages in and out settled: ${received.size} of ${N} received, ${outbox.open} outgoing open (${open.slice(0, 5).map(([id, s]) => `${id} ${s}`).join(', ')}), session ${client.session.kind}`
    }
    // Generous bounds: on a loaded CI machine the traffic alone took over a minute; the test asserts what arrived, not how fast.
    await eventually(() => received.size >= N && outbox.open === 0, 60_000, unsettled)
    const elapsed = Date.now() - started
    const after = { ...client.online().poll.stats }
    const faults = emu.core.faults.list()
    emu.core.faults.clear()
    // Late echoes of group and discussion sends (§6.6) still come in; let them.
    await sleep(300)

    // ---- incoming: exactly the set the phone sent ----
    const history = client.online().conversations.list().flatMap((c) => client.online().conversations.page(c.ref, undefined, 100_000))
    const incoming = history.filter((m) => m.direction === 'in').map((m) => `${convId(m.conversation)}\u0000${textOf(m)}`)
    expect(incoming.length).toBe(new Set(incoming).size)
    expect(new Set(incoming)).toEqual(expected)
    expect(incoming).toHaveLength(N)

    // ---- outgoing: terminal, never doubled, `sent` means arrived once, nothing unknown to history ----
    const outgoing = history.filter((m) => m.direction === 'out')
    expect(outgoing).toHaveLength(N)
    expect(outgoing.every((m) => TERMINAL.has(m.status))).toBe(true)
    const texts = new Map(outgoing.map((m) => [textOf(m), m]))
    expect(texts.size).toBe(N)
    for (const [text, times] of arrived) {
      expect(times, `"${text}" arrived ${times} times`).toBe(1)
      expect(texts.has(text), `"${text}" arrived but is not in history`).toBe(true)
    }
    const sent = outgoing.filter((m) => m.status === 'sent')
    for (const m of sent) expect(arrived.get(textOf(m)), `sent "${textOf(m)}" did not arrive`).toBe(1)
    // `failed` is only for what provably did not go out.
    for (const m of outgoing.filter((x) => x.status === 'failed')) expect(arrived.has(textOf(m)), `failed "${textOf(m)}" arrived`).toBe(false)

    // ---- the loop never spins, and the session survived ----
    const d = (k: keyof PollStats) => after[k] - before[k]
    // Quiet answers are spaced by minIdlePollMs (jittered down to 0.8×); only answers with news,
    // 116 rotations and recoveries go straight on.
    const rotations = faults.filter((f) => f.fault.kind === 'rotate-ptwebqq').reduce((n, f) => n + f.fired, 0)
    const bound = Math.ceil(elapsed / (0.8 * MIN_IDLE_POLL_MS)) + d('withEvents') + rotations + d('relinks') + d('relogins') + 10
    expect(d('polls')).toBeLessThanOrEqual(bound)
    expect(client.session.kind).toBe('online')
    expect(client.login.state.kind).toBe('online')
    expect(d('relogins')).toBeGreaterThanOrEqual(2)
    expect(emu.core.qr.pending()).toHaveLength(0)

    const why = new Map<string, number>()
    for (const m of outgoing.filter((x) => x.status !== 'sent')) {
      const k = `${m.status}: ${[m.error?.kind, m.error?.retcode ?? m.error?.status].filter((x) => x !== undefined).join(' ')}`
      why.set(k, (why.get(k) ?? 0) + 1)
    }
    const unknownArrived = outgoing.filter((m) => m.status === 'unknown' && arrived.has(textOf(m))).length
    const firedBy = new Map<string, number>()
    for (const f of faults) {
      const k = `${f.endpoint === 'poll2' ? 'poll2' : 'send'} ${f.fault.kind}${'retcode' in f.fault ? ` ${f.fault.retcode}` : ''}${'status' in f.fault ? ` ${f.fault.status}` : ''}`
      firedBy.set(k, (firedBy.get(k) ?? 0) + f.fired)
    }
    for (const [k, n] of firedBy) expect(n, `${k} never fired`).toBeGreaterThan(0)
    console.log(
      [
        `soak: ${N} in + ${N} out in ${(elapsed / 1000).toFixed(1)} s; phone resends while no session was live: ${resent}`,
        `  out: ${sent.length} sent, ${outgoing.filter((m) => m.status === 'unknown').length} unknown (${unknownArrived} of them did arrive), ${outgoing.filter((m) => m.status === 'failed').length} failed; arrived at the phones: ${arrived.size}`,
        ...[...why].sort().map(([k, n]) => `    ${k}: ${n}`),
        `  poll: ${d('polls')} polls (${d('withEvents')} with events, bound ${bound}), ${d('failures')} failures, ${d('relinks')} relinks, ${d('relogins')} relogins, ${d('watchdogAborts')} watchdog aborts`,
        `  faults fired: ${[...firedBy].map(([k, n]) => `${k}×${n}`).join(', ')}`,
      ].join('\n'),
    )
  }, 180_000)

  it.each(['poll2', 'send_buddy_msg2'])('a kick mid-soak (on %s) ends in session-lost and nothing spins afterwards', async (endpoint) => {
    const { emu, client, owner, requests } = await setUp(12)
    const contacts = await mapContacts(emu, client, owner)
    for (const rule of backgroundFaults(0.1)) emu.core.faults.add(rule)
    const lost = sessionReaches(client, 'session-lost', 45_000)
    let kicking = false
    const traffic = runTraffic(
      emu,
      client,
      contacts,
      400,
      (share) => {
        if (share < 0.3 || kicking) return
        kicking = true
        emu.core.faults.add({ endpoint, fault: { kind: 'kick' }, count: 1 })
      },
      () => client.session.kind !== 'session-lost',
    )
    expect(await lost).toMatchObject({ kind: 'session-lost', reason: 'kicked', message: expect.stringContaining('另一地点登录') })
    await traffic
    // Whatever was in flight settles; from then on not a single request goes out.
    await sleep(300)
    const stats = { ...client.online().poll.stats }
    const count = requests()
    await sleep(1_000)
    expect(requests()).toBe(count)
    expect({ ...client.online().poll.stats }).toEqual(stats)
    expect(client.session.kind).toBe('session-lost')
    expect(emu.core.channels.live(owner)).toBeUndefined()
  }, 90_000)
})
