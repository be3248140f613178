import { spawn, type ChildProcess } from 'node:child_process'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { Session as Inspector } from 'node:inspector/promises'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ClientRequest } from 'node:http'
import { PerformanceObserver, constants as perf, type PerformanceEntry } from 'node:perf_hooks'
import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import type { ContactsSnapshot } from '../../electron/model'
import { parseUtf8Json } from '../../electron/smartqq/json'
import { ContactService, PRESENCE_WAIT_MS } from '../../electron/engine/contacts/contact-service'
import { friendsPass } from '../../electron/engine/contacts/friends-pass'
import { mapFriends } from '../../electron/engine/contacts/mappers'
import { plainEnvelopeResult } from '../../electron/engine/http/decode'
import { HttpClient } from '../../electron/engine/http/client'
import { emulatorProfile, type ServerProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { QrLogin } from '../../electron/engine/login/qr-login'
import { getUserFriends2 } from '../../electron/engine/endpoints/contact-endpoints'
import { Phone, decodeQr } from '../support/emulator'
import { median, min, since, sleep, within, type Report, type Scenario } from './bench'
import { attribute, type CpuProfile } from './cpu-profile'
import { LISTS_REQUESTS, floorMs, sequentialLogin, type Floor } from './sequential-floor'

/**
 * Login + contact warm-up against the emulator in its own process with TLS, as a user's custom
 * server would run (`npm run emulator -- --tls --era 2017 …`): ptqrlogin's success → the lists
 * ready in the engine, against the floor measured in the same run — the same requests one at a
 * time over warm connections, their round trips added up — and where the time goes (TLS
 * handshakes per host, decoding and mapping the 5,000 friends).
 */

const FRIENDS = 5_000
const GROUPS = 1_000
const CATEGORIES = 20
const RUNS = 7
const QR_POLL_MS = 5
/** Between the scan and the confirm, as a person reads the phone: the engine opens the warm-up's connections meanwhile. */
const CONFIRM_AFTER_MS = 300

interface Remote {
  child: ChildProcess
  profile: ServerProfile
  phone: Phone
  certDir: string
}

/** Starts the CLI emulator as its own process and reads its addresses from its first line. */
async function startRemote(): Promise<Remote> {
  const certDir = mkdtempSync(join(tmpdir(), 'qq-bench-certs-'))
  const args = ['--tls', '--http-port', '0', '--https-port', '0', '--cert-dir', certDir, '--era', '2017', '--seed', '42']
  args.push('--friends', String(FRIENDS), '--groups', String(GROUPS), '--categories', String(CATEGORIES), '--rate-limit', 'off', '--no-chatter', '--poll-hold', '1')
  // The same Node and loader flags as this process (tsx), so the CLI entry runs as `npm run emulator` runs it.
  const child = spawn(process.execPath, [...process.execArgv, resolve('electron/emulator/cli.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
  const line = await within(
    new Promise<string>((ok, fail) => {
      let out = ''
      child.stdout!.on('data', (b: Buffer) => {
        out += b.toString()
        if (out.includes('\n')) ok(out.split('\n')[0]!)
      })
      child.once('exit', (code) => fail(new Error(`emulator exited (${code}) before listening`)))
    }),
    60_000,
    'the emulator process to listen',
  )
  const http = /http:\/\/([\d.]+):(\d+)/.exec(line)
  const https = /https:\/\/[\d.]+:(\d+)/.exec(line)
  const phoneUrl = /phone: (\S+)/.exec(line)
  if (!http || !https || !phoneUrl) throw new Error(`unexpected emulator banner: ${line}`)
  const ca = readFileSync(join(certDir, 'ca.crt'), 'utf8')
  const profile = emulatorProfile({ address: http[1]!, httpPort: Number(http[2]), httpsPort: Number(https[1]), ca }, 'custom')
  return { child, profile, phone: Phone.fromPageUrl(phoneUrl[1]!), certDir }
}

/**
 * The emulator process's CPU time so far, ms (/proc: Linux only, else NaN). Counted in clock
 * ticks (10 ms), so only a sum over several runs says much.
 */
function serverCpuMs(r: Remote): number {
  try {
    const fields = readFileSync(`/proc/${r.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000
  } catch {
    return NaN
  }
}

async function stopRemote(r: Remote): Promise<void> {
  if (r.child.exitCode === null) {
    const exited = new Promise((ok) => r.child.once('exit', ok))
    r.child.kill('SIGTERM')
    await within(exited, 10_000, 'the emulator process to stop')
  }
  rmSync(r.certDir, { recursive: true, force: true })
}

/** New TCP connections and TLS handshakes while `counting`, by host name (diagnostics_channel). */
class Connections {
  counting = false
  tcp = new Map<string, number>()
  tls = new Map<string, number>()
  handshakeMs: number[] = []
  private readonly onSocket = (msg: unknown) => {
    if (!this.counting) return
    const socket = (msg as { socket: Socket }).socket
    const t0 = performance.now()
    if ((socket as TLSSocket).encrypted) {
      socket.once('secureConnect', () => {
        const host = (socket as TLSSocket & { servername?: string }).servername || '?'
        this.tls.set(host, (this.tls.get(host) ?? 0) + 1)
        this.handshakeMs.push(since(t0))
      })
    } else {
      socket.once('connect', () => {
        const host = (socket as Socket & { _host?: string })._host ?? '?'
        this.tcp.set(host, (this.tcp.get(host) ?? 0) + 1)
      })
    }
  }
  constructor() {
    subscribe('net.client.socket', this.onSocket)
  }
  reset(): void {
    this.tcp.clear()
    this.tls.clear()
    this.handshakeMs = []
  }
  close(): void {
    unsubscribe('net.client.socket', this.onSocket)
  }
}

interface EngineRun {
  /** Friends, groups and discussions in the snapshot, presence laid over the friends (the app's first full list), from ptqrlogin's success. */
  listsMs: number
  /** ContactService.load resolved: self info and the recent list too. */
  readyMs: number
  /** The phone's confirm → the ptqrlogin that answered success sent: the QR poll's wait, up to one interval. */
  pollWaitMs: number
  requests: number
  peak: number
  tls: Map<string, number>
  tcp: Map<string, number>
  handshakeMs: number[]
  /** This process's CPU time (all its threads) from the confirm to load() resolved, ms. */
  cpuMs: number
  /** Whole-snapshot `changed` events ContactService emitted during the warm-up. */
  snapshots: number
  /** Each request's end after the confirm, its name and own duration: `check_sig 41→45`. */
  timeline: string[]
  /** Garbage collections on the engine's thread from ptqrlogin's success to load() resolved. */
  gc: GcPause[]
  /** Each contact part's thread CPU (decode, map), ms. */
  cpu: Map<string, { decode: number; map: number }>
}

interface GcPause {
  kind: 'minor' | 'major' | 'incremental' | 'weak'
  /** Its start, ms after ptqrlogin's success. */
  at: number
  ms: number
}

const GC_KINDS = new Map<number, GcPause['kind']>([
  [perf.NODE_PERFORMANCE_GC_MINOR, 'minor'],
  [perf.NODE_PERFORMANCE_GC_MAJOR, 'major'],
  [perf.NODE_PERFORMANCE_GC_INCREMENTAL, 'incremental'],
  [perf.NODE_PERFORMANCE_GC_WEAKCB, 'weak'],
])

/** The engine thread's gc pauses while a run is timed (perf_hooks 'gc' entries: start and duration). */
class GcPauses {
  private entries: PerformanceEntry[] = []
  private readonly observer = new PerformanceObserver((list) => this.entries.push(...list.getEntries()))
  constructor() {
    this.observer.observe({ entryTypes: ['gc'] })
  }
  /** The pauses from `start` (performance.now()) to now, and forgets them. */
  async take(start: number): Promise<GcPause[]> {
    // Node hands gc entries to observers from a timer, not at once (takeRecords has none yet either).
    await sleep(0)
    const out = this.entries
      .filter((e) => e.startTime >= start)
      .map((e) => ({ kind: GC_KINDS.get((e as PerformanceEntry & { detail: { kind: number } }).detail.kind) ?? 'minor', at: e.startTime - start, ms: e.duration }))
    this.entries = []
    return out
  }
  close(): void {
    this.observer.disconnect()
  }
}

/**
 * The engine's debug lines, stamped while a run is timed: one per answered request (HttpClient:
 * `name … in N ms`, shown `name start→answer`) and one per contact part laid into the lists
 * (ContactService: `contacts: part decoded in D ms, mapped in M ms (thread CPU C + C' ms)`, shown
 * `part decode D + map M (cpu C + C') →end`: wall times, and the engine thread's CPU for both, which
 * a busy machine does not stretch — a step whose wall time far exceeds its CPU waited for a core).
 */
class Timeline {
  start = 0
  lines: string[] = []
  /** Each part's thread CPU for its decode and its mapping, ms. */
  cpu = new Map<string, { decode: number; map: number }>()
  readonly sink = (_level: string, message: string) => {
    if (!this.start) return
    const now = since(this.start).toFixed(0)
    const part = /^contacts: (\S+) decoded in ([\d.]+) ms, mapped in ([\d.]+) ms \(thread CPU ([\d.]+) \+ ([\d.]+) ms\)$/.exec(message)
    if (part) this.cpu.set(part[1]!, { decode: Number(part[4]), map: Number(part[5]) })
    if (part) return void this.lines.push(`[${part[1]} decode ${part[2]} + map ${part[3]} (cpu ${part[4]} + ${part[5]}) →${now}]`)
    const laid = /^contacts: friends laid in ([\d.]+) ms \(thread CPU ([\d.]+) ms\) after ([\d.]+) ms for the online answer, (with|without) presence$/.exec(message)
    if (laid) this.cpu.set('friends laid', { decode: 0, map: Number(laid[2]) })
    if (laid) return void this.lines.push(`[friends laid ${laid[1]} (cpu ${laid[2]}) ${laid[4]} presence, after ${laid[3]} waiting for it →${now}]`)
    const m = /^(\S+) .* in (\d+) ms$/.exec(message)
    if (m) this.lines.push(`${m[1]} ${(since(this.start) - Number(m[2])).toFixed(0)}→${now}`)
  }
}

/** Whether a snapshot holds the three lists in full with presence laid over them (nothing of them still loading). */
const listsReady = (s: ContactsSnapshot) =>
  s.friends.length === FRIENDS && s.groups.length === GROUPS && !s.loading.some((p) => p === 'friends' || p === 'groups' || p === 'discussions' || p === 'online')

/**
 * One login through the engine (QrLogin, then ContactService.load as the client runs it),
 * timed from the ptqrlogin request that answered success — sent at the next QR poll after the
 * phone's confirm (or at the confirm, when it was already on its way), as the floor sends its
 * ptqrlogin right after the confirm. The wait for that poll (up to one poll interval: 5 ms
 * here, 1.5 s in the app) is the QR poll's, not the warm-up's, and is printed apart.
 */
async function engineRun(r: Remote, conns: Connections, http: HttpClient, timeline: Timeline, gcs: GcPauses, onConfirm?: () => Promise<void>): Promise<EngineRun> {
  const logger = new Logger(timeline.sink)
  const login = new QrLogin(http, logger, { pollIntervalMs: QR_POLL_MS })
  let confirmedAt = 0
  let requestsAtConfirm = 0
  let cpuAtConfirm = process.cpuUsage()
  let ptqrloginSentAt = 0
  let successAt = 0
  const onRequest = (msg: unknown) => {
    if ((msg as { request: ClientRequest }).request.path.startsWith('/ptqrlogin')) ptqrloginSentAt = performance.now()
  }
  subscribe('http.client.request.start', onRequest)
  login.on('state', (s) => {
    // Set as the answer that said success is decoded: the last ptqrlogin sent is that one.
    if (s.kind === 'confirming') successAt = Math.max(confirmedAt, ptqrloginSentAt)
    if (s.kind !== 'qr') return
    const code = decodeQr(s.png)
    void r.phone.scan(code).then(async () => {
      await sleep(CONFIRM_AFTER_MS)
      await r.phone.confirm(code)
      // The next ptqrlogin answers success: the clock starts at the confirm, like the floor's first request.
      confirmedAt = performance.now()
      cpuAtConfirm = process.cpuUsage()
      requestsAtConfirm = http.requestCount
      conns.reset()
      conns.counting = true
      timeline.lines = []
      timeline.cpu = new Map()
      timeline.start = confirmedAt
      await onConfirm?.()
    })
  })
  const session = await login.run().finally(() => unsubscribe('http.client.request.start', onRequest))
  const contacts = new ContactService(session, logger)
  // Each `changed` is a whole snapshot (5,000 friends) the app sends to the renderer.
  let snapshots = 0
  let listsMs = NaN
  contacts.on('changed', (s) => {
    snapshots++
    if (Number.isNaN(listsMs) && listsReady(s)) listsMs = since(successAt)
  })
  const snap = await contacts.load()
  const readyMs = since(successAt)
  const cpu = process.cpuUsage(cpuAtConfirm)
  // The last snapshot comes a turn after the last change.
  await new Promise(setImmediate)
  conns.counting = false
  timeline.start = 0
  if (snap.friends.length !== FRIENDS || snap.groups.length !== GROUPS || snap.failures.length) {
    throw new Error(`warm-up incomplete: ${snap.friends.length} friends, ${snap.groups.length} groups, failures ${JSON.stringify(snap.failures)}`)
  }
  const wait = successAt - confirmedAt
  const gc = (await gcs.take(confirmedAt)).filter((g) => g.at >= wait)
  return { gc, cpu: timeline.cpu, listsMs, readyMs, pollWaitMs: wait, cpuMs: (cpu.user + cpu.system) / 1000, snapshots, requests: http.requestCount - requestsAtConfirm, peak: http.peakInFlight, tls: new Map(conns.tls), tcp: new Map(conns.tcp), handshakeMs: [...conns.handshakeMs], timeline: [`ptqrlogin (success) sent →${wait.toFixed(0)}`, ...timeline.lines, `lists ready →${(wait + listsMs).toFixed(0)}`, `load resolved →${(wait + readyMs).toFixed(0)}`, ...gc.map((g) => `(gc ${g.kind} ${g.ms.toFixed(1)} @${g.at.toFixed(0)})`)] }
}

/** The profiler's own work (handing the profile over), not counted. */
const PROFILER = 'profiler'
const IDLE = 'waiting for the network (idle)'
const EVENT_LOOP = 'event loop, promises and events (node:events, timers, task queues)'

/** Kinds of work on the engine's thread, by where a profile sample's code lives (first match). */
const WORK: Array<[string, (url: string) => boolean]> = [
  [PROFILER, (u) => u === 'node:inspector' || u === 'node:inspector/promises'],
  ['zod (the endpoints\' schemas)', (u) => u.includes('/node_modules/zod/')],
  ['JSON text to values (UTF-8 to a string, parseJson)', (u) => u.includes('/smartqq/json') || u.includes('/smartqq/well-formed') || u === 'node:buffer'],
  ['decoders (http/decode, endpoints/)', (u) => u.includes('/engine/http/decode') || u.includes('/engine/endpoints/')],
  ['mapping to the model (contacts/, codec/)', (u) => u.includes('/engine/contacts/') || u.includes('/engine/codec/')],
  ['HTTP, TLS and cookies (got, node:http/net/tls, tough-cookie, http/client)', (u) => /\/node_modules\/(got|@sindresorhus|@szmarczak|tough-cookie|cacheable|http2-wrapper|lowercase-keys|responselike|decompress-response|form-data-encoder|p-cancelable|defer-to-connect|get-stream)\//.test(u) || /^node:(_http|http|https|net|tls|_tls|internal\/(tls|http|net|streams|stream_base)|zlib|stream)/.test(u) || u.includes('/engine/http/')],
  [EVENT_LOOP, (u) => /^node:(events|timers|internal\/(timers|process\/task_queues))/.test(u)],
]
/** attribute()'s names for V8's own time, in this report's words. */
const V8_OWN = new Map([
  ['idle', IDLE],
  ['gc', 'garbage collection'],
  ['program', EVENT_LOOP],
  ['unowned', 'other'],
])

/**
 * One warm-up under the inspector's CPU profiler, from the confirm to load() resolved: the
 * engine thread's time by kind of work. Sample counts, so it holds when the machine is busy;
 * a native function (no URL) counts for the nearest caller that has one.
 */
async function profiledRun(r: Remote, conns: Connections, http: HttpClient, timeline: Timeline, gcs: GcPauses): Promise<{ work: Map<string, number>; file: string }> {
  const inspector = new Inspector()
  inspector.connect()
  try {
    await inspector.post('Profiler.enable')
    await inspector.post('Profiler.setSamplingInterval', { interval: 100 })
    await engineRun(r, conns, http, timeline, gcs, () => inspector.post('Profiler.start'))
    const { profile } = await inspector.post('Profiler.stop')
    // Kept for DevTools (Performance → Load profile) or `node --cpu-prof`'s usual tools.
    const file = join(tmpdir(), `contacts-remote-${process.pid}.cpuprofile`)
    writeFileSync(file, JSON.stringify(profile))
    // A frame without a URL (native) counts for the nearest caller that has one.
    const owned = attribute(profile as CpuProfile, (url) => WORK.find(([, test]) => test(url))?.[0] ?? (url ? 'other' : undefined))
    const ms = new Map<string, number>()
    for (const [who, t] of owned) {
      const kind = V8_OWN.get(who) ?? who
      if (kind !== PROFILER) ms.set(kind, (ms.get(kind) ?? 0) + t)
    }
    return { work: ms, file }
  } finally {
    inspector.disconnect()
  }
}

/**
 * This thread's CPU time since `from`, ms. The kernel here counts it in whole 4 ms ticks: one
 * step's figure is ±4 ms, a median over the runs is fair.
 */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const u = process.threadCpuUsage(from)
  return (u.user + u.system) / 1000
}

/**
 * Decode and mapping of the friends answer, apart (the answer the floor run received), thread
 * CPU: the schema's decode (the floor's) and mapFriends, and the warm-up's one pass over the
 * same parsed JSON (friends-pass.ts).
 */
function decodeCosts(f: Floor): { parse: number; decode: number; map: number; plainParse: number; pass: number } {
  let t0 = process.threadCpuUsage()
  parseUtf8Json(f.friendsAnswer.body)
  const parse = cpuSince(t0)
  t0 = process.threadCpuUsage()
  const wire = getUserFriends2.decode(f.friendsAnswer)
  const decode = cpuSince(t0)
  t0 = process.threadCpuUsage()
  mapFriends(wire, f.uin)
  const map = cpuSince(t0)
  t0 = process.threadCpuUsage()
  const answer = plainEnvelopeResult(getUserFriends2.name, f.friendsAnswer)
  const plainParse = cpuSince(t0)
  t0 = process.threadCpuUsage()
  friendsPass(answer, f.uin)
  return { parse, decode, map, plainParse, pass: cpuSince(t0) }
}

const perHost = (m: Map<string, number>) => [...m].map(([h, n]) => `${h} ${n}`).join(', ') || 'none'

const scenario: Scenario = {
  name: 'contacts-remote',
  title: `login + warm-up with ${FRIENDS.toLocaleString('en-US')} friends / ${GROUPS.toLocaleString('en-US')} groups against the emulator in its own process over TLS`,
  async run(report: Report) {
    const loadAtStart = loadavg()[0]!
    const t0 = performance.now()
    const remote = await startRemote()
    const conns = new Connections()
    const gcs = new GcPauses()
    try {
      report.note(`emulator process (CLI, --tls --era 2017, ${FRIENDS} friends, ${GROUPS} groups, ${CATEGORIES} categories) listening after ${since(t0).toFixed(0)} ms`)
      // One client for the engine, one for the floor, each kept across its logins.
      const timeline = new Timeline()
      const engineHttp = new HttpClient(remote.profile, { logger: new Logger(timeline.sink) })
      const floorHttp = new HttpClient(remote.profile, { logger: new Logger() })
      // The process's first login: every connection new (and the JIT cold). HttpClients share
      // Node's keep-alive global agents, so a later fresh client would find the sockets warm.
      const coldEngine = await engineRun(remote, conns, new HttpClient(remote.profile, { logger: new Logger(timeline.sink) }), timeline, gcs)
      await engineRun(remote, conns, engineHttp, timeline, gcs)
      await sequentialLogin(floorHttp, remote.phone)
      const engine: EngineRun[] = []
      const floors: Floor[] = []
      let serverEngine = 0
      let serverFloor = 0
      for (let i = 0; i < RUNS; i++) {
        let c0 = serverCpuMs(remote)
        engine.push(await engineRun(remote, conns, engineHttp, timeline, gcs))
        serverEngine += serverCpuMs(remote) - c0
        c0 = serverCpuMs(remote)
        floors.push(await sequentialLogin(floorHttp, remote.phone))
        serverFloor += serverCpuMs(remote) - c0
      }
      const lists = engine.map((e) => e.listsMs)
      const listsFloor = floors.map((f) => floorMs(f, LISTS_REQUESTS))
      const ready = engine.map((e) => e.readyMs)
      const floor = floors.map((f) => floorMs(f))
      const ratio = median(lists) / median(listsFloor)
      report.note(`${RUNS} runs after a warm-up run; each a fresh QR login on a client kept across runs (the previous channel is kicked)`)
      report.line(median(lists), 'ms', `ptqrlogin success → friends, groups and discussions in the engine's snapshot with presence, median (min ${min(lists).toFixed(1)})`)
      report.line(median(listsFloor), 'ms', `floor: the same ${LISTS_REQUESTS.length} requests (${LISTS_REQUESTS.join(', ')}) one at a time over warm connections, decoded, round trips added up, median (min ${min(listsFloor).toFixed(1)})`)
      report.line(ratio.toFixed(2), '×', 'lists ready / their sequential floor (goal ≤ 1)')
      const pairs = engine.map((e, i) => e.listsMs / listsFloor[i]!)
      report.note(`each engine run / the floor run right after it: ${pairs.map((x) => x.toFixed(2)).join(', ')} (median ${median(pairs).toFixed(2)}; a pair shares the machine's load)`)
      const fromConfirm = engine.map((e) => e.pollWaitMs + e.listsMs)
      report.line(median(fromConfirm), 'ms', `the same from the phone's confirm, the QR poll's wait for its next ptqrlogin included (median ${median(engine.map((e) => e.pollWaitMs)).toFixed(1)} ms, the poll interval ${QR_POLL_MS} ms; the floor sends its ptqrlogin at the confirm): ${(median(fromConfirm) / median(listsFloor)).toFixed(2)}× the floor`)
      report.line(median(ready), 'ms', `the whole warm-up (self info and the recent list too: ContactService.load resolved), median (min ${min(ready).toFixed(1)})`)
      report.line(median(floor), 'ms', `its floor: all ${floors[0]!.times.size} requests one at a time, median (min ${min(floor).toFixed(1)})`)
      report.line((median(ready) / median(floor)).toFixed(2), '×', 'whole warm-up / its sequential floor')
      report.line(median(engine.map((e) => e.cpuMs)), 'ms', `CPU time of the engine's process in the whole warm-up, median (the floor's: ${median(floors.map((f) => f.cpuMs)).toFixed(1)} ms): work, not waiting, whatever the machine's load`)
      report.line(serverEngine / RUNS, 'ms', `CPU time of the emulator's process per engine login, mean (QR and all: the engine polls ptqrlogin every ${QR_POLL_MS} ms for the ${CONFIRM_AFTER_MS} ms before the confirm); per floor login (no polling): ${(serverFloor / RUNS).toFixed(0)} ms`)
      report.line(median(engine.map((e) => e.requests)), 'req', `requests the engine made in that time (peak in flight ${Math.max(...engine.map((e) => e.peak))})`)
      const fused = engine.filter((e) => e.timeline.some((l) => l.startsWith('[friends laid') && l.includes(' with presence'))).length
      report.note(`presence laid with the friends list (the online answer in within ${PRESENCE_WAIT_MS} ms of the friends mapped) in ${fused} of ${RUNS} runs; in the others it is a second pass`)
      report.line(median(engine.map((e) => e.snapshots)), 'snap', `contact snapshots (${FRIENDS.toLocaleString('en-US')} friends each) ContactService emitted during the warm-up: the app sends each to the renderer`)
      const gcMs = (e: EngineRun, kind?: GcPause['kind']) => e.gc.filter((g) => !kind || g.kind === kind).reduce((sum, g) => sum + g.ms, 0)
      report.line(median(engine.map((e) => gcMs(e))), 'ms', `garbage collection on the engine thread from ptqrlogin's success to load() resolved, median (minor ${median(engine.map((e) => gcMs(e, 'minor'))).toFixed(1)}, major ${median(engine.map((e) => gcMs(e, 'major'))).toFixed(1)}, incremental marking ${median(engine.map((e) => gcMs(e, 'incremental'))).toFixed(1)}; each run's pauses are in its timeline)`)
      report.note(`gc pauses per run (kind ms @ms after the confirm; lists ready at): ${engine.map((e) => `${e.gc.map((g) => `${g.kind} ${g.ms.toFixed(1)} @${g.at.toFixed(0)}`).join(' + ') || 'none'} (lists @${(e.pollWaitMs + e.listsMs).toFixed(0)})`).join('; ')}`)
      report.line(coldEngine.listsMs, 'ms', `lists ready in the process's first login (every connection new, JIT cold); whole warm-up ${coldEngine.readyMs.toFixed(0)} ms`)
      const tlsCount = (e: EngineRun) => [...e.tls.values()].reduce((s, n) => s + n, 0)
      report.line(tlsCount(coldEngine), 'hs', `TLS handshakes in that first warm-up: ${perHost(coldEngine.tls)}; new plain TCP connections: ${perHost(coldEngine.tcp)} (the engine opens them between the scan and the confirm, ${CONFIRM_AFTER_MS} ms here)`)
      report.line(coldEngine.handshakeMs.length ? median(coldEngine.handshakeMs) : 0, 'ms', 'one TLS connection: connect → secureConnect, median')
      const last = engine.at(-1)!
      report.line(median(engine.map(tlsCount)), 'hs', `TLS handshakes in a later warm-up, median (last run: ${perHost(last.tls)}; new TCP: ${perHost(last.tcp)})`)
      report.line(median(engine.map((e) => tlsCount(e) / e.requests)).toFixed(2), 'hs/req', 'TLS handshakes per request in a later warm-up, median')
      report.note('thread CPU below: the kernel may count it in whole scheduler ticks (4 ms on this machine), so one step is ±a tick and only the medians over the runs are fair')
      const costs = floors.map(decodeCosts)
      report.line(median(costs.map((c) => c.parse)), 'ms', `get_user_friends2 answer (${(floors[0]!.friendsAnswer.body.length / 1024).toFixed(0)} kB) alone, thread CPU: UTF-8 to a string and parseUtf8Json (the big-integer path), median`)
      report.line(median(costs.map((c) => c.decode)), 'ms', "its whole decode through the endpoint's schema alone (the same + envelope + fields: the floor's decode), thread CPU, median")
      report.line(median(costs.map((c) => c.map)), 'ms', `mapping those ${FRIENDS.toLocaleString('en-US')} decoded friends to the model (mapFriends) alone, thread CPU, median`)
      report.line(median(costs.map((c) => c.plainParse)), 'ms', "the warm-up's JSON of it instead (plainEnvelopeResult: no scan for integers past 2^53, which the one pass declines as it meets them) alone, thread CPU, median")
      report.line(median(costs.map((c) => c.pass)), 'ms', "the warm-up's one pass (fields checked and mapped from that JSON, friends-pass.ts) alone, thread CPU, median")
      const partCpu = (part: string, k: 'decode' | 'map') => median(engine.map((e) => e.cpu.get(part)?.[k] ?? NaN))
      const [decodeCpu, mapCpu, layCpu] = [partCpu('friends', 'decode'), partCpu('friends', 'map'), partCpu('friends laid', 'map')]
      report.line(decodeCpu + mapCpu + layCpu, 'ms', `the friends pass in the warm-up, thread CPU: JSON ${decodeCpu.toFixed(1)} + one pass and lookups ${mapCpu.toFixed(1)} (while get_online_buddies2 is on the wire) + laying them with the online answer's decode and presence ${layCpu.toFixed(1)} (after it is in), medians`)
      const typical = [...engine].sort((a, b) => a.listsMs - b.listsMs)[Math.floor(engine.length / 2)]!
      report.note(`the median run, ms after the phone's confirm (request start→answer; [part decode + map (thread CPU) →end]): ${typical.timeline.join(', ')}`)
      const names = [...floors[0]!.times.keys()]
      report.note(`floor per request, median ms: ${names.map((n) => `${n} ${median(floors.map((f) => f.times.get(n)!)).toFixed(1)}`).join(', ')}`)
      const { work, file } = await profiledRun(remote, conns, engineHttp, timeline, gcs)
      const busy = [...work].filter(([k]) => k !== IDLE).reduce((sum, [, ms]) => sum + ms, 0)
      report.note('one more warm-up under the CPU profiler (not timed above): the engine thread from the confirm to load() resolved, by kind of work')
      for (const [kind, ms] of [...work].sort((a, b) => b[1] - a[1])) report.line(ms, 'ms', `profiled: ${kind}`)
      report.line(busy, 'ms', 'profiled: the engine thread busy in all (everything but waiting)')
      report.note(`that profile: ${file}`)
      report.note(`load average over the last minute ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (at the start ${loadAtStart.toFixed(1)}): the parallel warm-up can only overlap the server's work when a core is free for each`)
      report.summary(`lists ready ${median(lists).toFixed(0)} ms after ptqrlogin's success; sequential floor ${median(listsFloor).toFixed(0)} ms (${ratio.toFixed(2)}×); whole warm-up ${median(ready).toFixed(0)} ms vs ${median(floor).toFixed(0)} ms (${(median(ready) / median(floor)).toFixed(2)}×)`)
    } finally {
      conns.close()
      gcs.close()
      await stopRemote(remote)
    }
  },
}

export default scenario
