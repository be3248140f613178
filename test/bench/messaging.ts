import { rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QQClient } from '../../electron/engine/client'
import { HistoryStore, type NewMessage } from '../../electron/engine/history/history-store'
import { Logger } from '../../electron/engine/log'
import { NO_VAULT } from '../../electron/engine/ports'
import type { Conversation } from '../../electron/emulator/notify'
import { DEFAULT_FONT } from '../../electron/emulator/web2/content'
import type { ChatMessage, ConversationRef } from '../../electron/model'
import { Phone, duringEmulator, type TestEmulator as Emulator } from '../support/emulator'
import { loginClient, tempDir } from '../support/client'
import { median, min, percentile, since, sleep, within, type Report, type Scenario } from './bench'
import { Rand, chatText } from './texts'

/**
 * Receiving and history: (a) a burst of queued messages taken in by one poll, (b) the latency
 * from the phone's send to the engine's `message` event at a steady rate, (c) history search
 * over a large store (FTS5 trigram for 3+ characters, the LIKE scan for 1–2).
 * The client runs with its production timings (no test shortcuts).
 */

const BURST = 10_000
const BURST_RUNS = 3
const RATE_PER_S = 100
const LATENCY_S = 10
const STORED = 100_000
/** Timed rounds over each query list (after one untimed round). */
const ROUNDS = 10

const textOf = (m: ChatMessage) => m.segments.map((s) => (s.type === 'text' ? s.text : '')).join('')

/** A client with its own fresh data folder; `dispose` shuts it down and removes the folder. */
function freshClient(emu: Emulator): { client: QQClient; dispose: () => Promise<void> } {
  const dataDir = tempDir()
  const client = new QQClient({ profile: emu.profile, logger: new Logger(), dataDir, vault: NO_VAULT, qr: { pollIntervalMs: 20 } })
  return {
    client,
    dispose: async () => {
      await client.shutdown()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Who can write to the account, in world terms: its friends, group members and discussion members. */
function senders(emu: Emulator, owner: string): Array<{ from: string; conv: Conversation }> {
  const world = emu.core.world
  const graph = world.graph(owner)
  const out: Array<{ from: string; conv: Conversation }> = graph.friends.map((f) => ({ from: f.qq, conv: { kind: 'friend', to: owner } }))
  for (const number of graph.groups) {
    // A blocked group (mask 2) never delivers (§8.4).
    if (graph.groupMasks.get(number) === 2) continue
    for (const m of world.groups.get(number)!.members.filter((x) => x.qq !== owner).slice(0, 5)) out.push({ from: m.qq, conv: { kind: 'group', group: number } })
  }
  for (const id of graph.discussions) {
    for (const qq of world.discussions.get(id)!.members.filter((x) => x !== owner).slice(0, 5)) out.push({ from: qq, conv: { kind: 'discussion', did: id } })
  }
  return out
}

/**
 * (a) The burst is queued in the emulator right after login2, while the client still warms its
 * lists up and does not poll yet; the clock starts when the poll loop starts (session online)
 * and stops at the last `message` event (each one stored before it is emitted).
 */
async function burstRun(emu: Emulator, phone: Phone, run: number): Promise<{ ms: number; stored: number }> {
  const owner = emu.core.accounts.default.qq
  const from = senders(emu, owner)
  const rand = new Rand(run + 1)
  const { client, dispose } = freshClient(emu)
  try {
    let started = 0
    let received = 0
    let finished: () => void = () => undefined
    const all = new Promise<void>((resolve) => (finished = resolve))
    client.on('session', (v) => {
      if (v.kind === 'connecting') {
        for (let i = 0; i < BURST; i++) {
          const s = from[i % from.length]!
          const reached = emu.core.notify.message({ from: s.from, conv: s.conv, content: { segments: [`b${run}-${i} ${chatText(rand)}`], font: DEFAULT_FONT } })
          if (reached !== 1) throw new Error('the burst must be queued in the live session')
        }
      }
      if (v.kind === 'online' && !started) started = performance.now()
    })
    client.on('message', (m) => {
      if (m.direction === 'in' && ++received === BURST) finished()
    })
    await loginClient(client, phone)
    await within(all, 120_000, `burst: all ${BURST} messages`)
    return { ms: since(started), stored: client.online().history.count() }
  } finally {
    await dispose()
  }
}

/** (b) Phone API call → `message` event, at a steady rate; the first second is a warm-up. */
async function latencyRun(emu: Emulator, phone: Phone): Promise<number[]> {
  const owner = emu.core.accounts.default.qq
  const world = emu.core.world
  const friend = world.graph(owner).friends[0]!.qq
  const group = world.graph(owner).groups.find((n) => world.graph(owner).groupMasks.get(n) !== 2)!
  const member = world.groups.get(group)!.members.find((m) => m.qq !== owner)!.qq
  const { client, dispose } = freshClient(emu)
  const rand = new Rand(99)
  try {
    await loginClient(client, phone)
    const sentAt = new Map<string, number>()
    const latency = new Map<string, number>()
    client.on('message', (m) => {
      const t = sentAt.get(textOf(m))
      if (t !== undefined) latency.set(textOf(m), since(t))
    })
    const total = RATE_PER_S * (1 + LATENCY_S)
    const calls: Array<Promise<unknown>> = []
    const start = performance.now()
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / RATE_PER_S - performance.now()
      if (wait > 0) await sleep(wait)
      const text = `lat-${i} ${chatText(rand)}`
      const body = i % 2 ? { kind: 'friend', from: friend, content: [text] } : { kind: 'group', from: member, target: group, content: [text] }
      sentAt.set(text, performance.now())
      calls.push(phone.post('/control/messages/send', body))
    }
    await Promise.all(calls)
    const end = performance.now() + 10_000
    while (latency.size < total && performance.now() < end) await sleep(20)
    if (latency.size < total) throw new Error(`latency: only ${latency.size} of ${total} messages arrived`)
    return [...sentAt.keys()].slice(RATE_PER_S).map((t) => latency.get(t)!)
  } finally {
    await dispose()
  }
}

const FTS_QUERIES = ['周末爬山', '不好意思', '文件发你了', '会议室', '生日快乐', '火车票', 'meeting', 'deadline', 'please check', 'example.com', '没有这句话', 'xyzzy']
const LIKE_QUERIES = ['好', '会', '山', '雨', '猫', '吃饭', '明天', '哈哈', '红包', '龙虾']

/** (c) A store of `STORED` messages in 300 conversations, filled in transactions of 1,000. */
function fillHistory(h: HistoryStore): number {
  const rand = new Rand(7)
  const convs: ConversationRef[] = [
    ...Array.from({ length: 200 }, (_, i) => ({ kind: 'friend' as const, key: `f:n:friend${i}/0` })),
    ...Array.from({ length: 80 }, (_, i) => ({ kind: 'group' as const, key: `g:n:group${i}` })),
    ...Array.from({ length: 20 }, (_, i) => ({ kind: 'discussion' as const, key: `d:${1000 + i}` })),
  ]
  const t0 = performance.now()
  const time0 = Date.now() - STORED * 60_000
  for (let start = 0; start < STORED; start += 1_000) {
    const batch: NewMessage[] = []
    for (let i = start; i < start + 1_000; i++) {
      const text = chatText(rand)
      const conversation = convs[rand.int(convs.length)]!
      const out = rand.next() < 0.3
      batch.push({
        id: `m${i}`,
        conversation,
        direction: out ? 'out' : 'in',
        ...(conversation.kind !== 'friend' && !out ? { sender: { uin: String(10_000 + rand.int(500)), name: `成员${rand.int(500)}` } } : {}),
        time: time0 + i * 60_000,
        segments: [{ type: 'text', text }],
        status: out ? 'sent' : 'received',
        dedupe: `bench:${i}`,
        attempts: 0,
        text,
      })
    }
    h.addReceived(batch)
  }
  return since(t0)
}

function timeQueries(h: HistoryStore, queries: readonly string[], rounds: number): { ms: number[]; hits: number[] } {
  const ms: number[] = []
  const hits: number[] = []
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const t0 = performance.now()
      const found = h.search(q, { limit: 50 })
      ms.push(since(t0))
      hits.push(found.length)
    }
  }
  return { ms, hits }
}

/** (a) and (b), against one emulator. Returns the summary's part. */
function receiving(report: Report): Promise<string> {
  const opts = { seed: 9, rateLimit: { enabled: false }, graph: { friends: 200, groups: 20, membersPerGroup: 30, discussions: 5, scripted: false } }
  return duringEmulator(opts, async (emu, phone) => {
    report.note('account with 200 friends, 20 groups of 30, 5 discussions; messages from all three kinds; production client timings')

    await burstRun(emu, phone, 0)
    const bursts: Array<{ ms: number; stored: number }> = []
    for (let r = 1; r <= BURST_RUNS; r++) bursts.push(await burstRun(emu, phone, r))
    const burstMs = bursts.map((b) => b.ms)
    if (bursts.some((b) => b.stored < BURST)) throw new Error(`burst: history holds ${Math.min(...bursts.map((b) => b.stored))} messages`)
    const rate = Math.round(BURST / (median(burstMs) / 1000))
    report.line(median(burstMs), 'ms', `${BURST} queued messages: poll loop start → all stored and emitted, median of ${BURST_RUNS} after a warm-up (min ${min(burstMs).toFixed(0)})`)
    report.line(rate, 'msg/s', 'burst throughput (one poll answer carries them all: JSON decode, sender names, one SQLite transaction)')

    const lat = await latencyRun(emu, phone)
    report.line(percentile(lat, 50), 'ms', `phone API call → engine message event at ${RATE_PER_S}/s for ${LATENCY_S} s (${lat.length} messages, half friend, half group), p50`)
    report.line(percentile(lat, 90), 'ms', 'same, p90')
    report.line(percentile(lat, 99), 'ms', 'same, p99')
    report.line(Math.max(...lat), 'ms', 'same, max')
    report.note('latency includes the phone request to the emulator, the held poll2 answering, JSON decode and the SQLite write before the event')
    return `burst ${rate} msg/s; latency p50 ${percentile(lat, 50).toFixed(1)} / p99 ${percentile(lat, 99).toFixed(1)} ms`
  })
}

/** (c), on a store of its own. Returns the summary's part. */
function searching(report: Report): string {
  const dir = tempDir()
  const file = join(dir, 'history.sqlite')
  const h = HistoryStore.open(file)
  try {
    const fillMs = fillHistory(h)
    report.line(Math.round(STORED / (fillMs / 1000)), 'msg/s', `filling the store: ${STORED} messages in transactions of 1,000 (FTS index kept by trigger)`)
    const size = statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0)
    report.note(`store on disk: ${(size / 2 ** 20).toFixed(1)} MiB for ${h.count()} messages, a temporary file under ${tmpdir()}`)
    timeQueries(h, [...FTS_QUERIES, ...LIKE_QUERIES], 1)
    const fts = timeQueries(h, FTS_QUERIES, ROUNDS)
    const like = timeQueries(h, LIKE_QUERIES, ROUNDS)
    report.line(percentile(fts.ms, 50), 'ms', `FTS5 trigram search, 3+ characters (${FTS_QUERIES.length} queries × ${ROUNDS}, up to 50 hits, median ${median(fts.hits)} hits), p50`)
    report.line(percentile(fts.ms, 99), 'ms', 'same, p99')
    report.line(percentile(like.ms, 50), 'ms', `LIKE scan for 1–2 Chinese characters (${LIKE_QUERIES.length} queries × ${ROUNDS}, median ${median(like.hits)} hits), p50`)
    report.line(percentile(like.ms, 99), 'ms', 'same, p99')
    report.note('each search includes building the snippets of its hits; newest first, as the UI asks')
    return `search p50 FTS ${percentile(fts.ms, 50).toFixed(1)} ms, LIKE ${percentile(like.ms, 50).toFixed(1)} ms over ${STORED.toLocaleString('en-US')}`
  } finally {
    h.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

const scenario: Scenario = {
  name: 'messaging',
  title: `a ${BURST.toLocaleString('en-US')}-message burst, receive latency at ${RATE_PER_S}/s, search over ${STORED.toLocaleString('en-US')} stored messages`,
  async run(report: Report) {
    const live = await receiving(report)
    report.summary(`${live}; ${searching(report)}`)
  },
}

export default scenario
