import { spawn, type ChildProcess } from 'node:child_process'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Socket } from 'node:net'
import type { TLSSocket } from 'node:tls'
import { parseJson } from '../../electron/smartqq/json'
import { ContactService } from '../../electron/engine/contacts/contact-service'
import { mapFriends } from '../../electron/engine/contacts/mappers'
import { HttpClient } from '../../electron/engine/http/client'
import { emulatorProfile, type ServerProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { QrLogin } from '../../electron/engine/login/qr-login'
import { getUserFriends2 } from '../../electron/engine/endpoints/contact-endpoints'
import { Phone, decodeQr } from '../support/emulator'
import { median, min, since, within, type Report, type Scenario } from './bench'
import { sequentialLogin, type Floor } from './sequential-floor'

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
  readyMs: number
  requests: number
  peak: number
  tls: Map<string, number>
  tcp: Map<string, number>
  handshakeMs: number[]
  /** Whole-snapshot `changed` events ContactService emitted during the warm-up. */
  snapshots: number
  /** Each request's end after the confirm, its name and own duration: `check_sig 41→45`. */
  timeline: string[]
}

/** The engine client's debug lines (one per answered request), stamped while a run is timed. */
class Timeline {
  start = 0
  lines: string[] = []
  readonly sink = (_level: string, message: string) => {
    if (!this.start) return
    const m = /^(\S+) .* in (\d+) ms$/.exec(message)
    if (m) this.lines.push(`${m[1]} ${(since(this.start) - Number(m[2])).toFixed(0)}→${since(this.start).toFixed(0)}`)
  }
}

/**
 * One login through the engine (QrLogin, then ContactService.load as the client runs it),
 * timed from ptqrlogin's success answer: the QR poll loop's `done` state, which the engine
 * reaches after check_sig and login2 (so the clock starts at the confirm the phone made).
 */
async function engineRun(r: Remote, conns: Connections, http: HttpClient, timeline: Timeline): Promise<EngineRun> {
  const logger = new Logger()
  const login = new QrLogin(http, logger, { pollIntervalMs: QR_POLL_MS })
  let confirmedAt = 0
  let requestsAtConfirm = 0
  login.on('state', (s) => {
    if (s.kind !== 'qr') return
    const code = decodeQr(s.png)
    void r.phone.scan(code).then(async () => {
      await r.phone.confirm(code)
      // The next ptqrlogin answers success: the clock starts at the confirm, like the floor's first request.
      confirmedAt = performance.now()
      requestsAtConfirm = http.requestCount
      conns.reset()
      conns.counting = true
      timeline.lines = []
      timeline.start = confirmedAt
    })
  })
  const session = await login.run()
  const contacts = new ContactService(session, logger)
  // Each `changed` is a whole snapshot (5,000 friends) the app sends to the renderer.
  let snapshots = 0
  contacts.on('changed', () => snapshots++)
  const snap = await contacts.load()
  const readyMs = since(confirmedAt)
  conns.counting = false
  timeline.start = 0
  if (snap.friends.length !== FRIENDS || snap.groups.length !== GROUPS || snap.failures.length) {
    throw new Error(`warm-up incomplete: ${snap.friends.length} friends, ${snap.groups.length} groups, failures ${JSON.stringify(snap.failures)}`)
  }
  return { readyMs, snapshots, requests: http.requestCount - requestsAtConfirm, peak: http.peakInFlight, tls: new Map(conns.tls), tcp: new Map(conns.tcp), handshakeMs: [...conns.handshakeMs], timeline: [...timeline.lines, `ready →${readyMs.toFixed(0)}`] }
}

/** The raw answer of an endpoint, undecoded (for timing the decode on its own). */
/** Decode and mapping of the friends answer, timed apart (the answer the floor run received). */
function decodeCosts(f: Floor): { parse: number; decode: number; map: number } {
  const text = f.friendsAnswer.body.toString('utf8')
  let t0 = performance.now()
  parseJson(text)
  const parse = since(t0)
  t0 = performance.now()
  const wire = getUserFriends2.decode(f.friendsAnswer)
  const decode = since(t0)
  t0 = performance.now()
  mapFriends(wire, f.uin)
  return { parse, decode, map: since(t0) }
}

const perHost = (m: Map<string, number>) => [...m].map(([h, n]) => `${h} ${n}`).join(', ') || 'none'

const scenario: Scenario = {
  name: 'contacts-remote',
  title: `login + warm-up with ${FRIENDS.toLocaleString('en-US')} friends / ${GROUPS.toLocaleString('en-US')} groups against the emulator in its own process over TLS`,
  async run(report: Report) {
    const t0 = performance.now()
    const remote = await startRemote()
    const conns = new Connections()
    try {
      report.note(`emulator process (CLI, --tls --era 2017, ${FRIENDS} friends, ${GROUPS} groups, ${CATEGORIES} categories) listening after ${since(t0).toFixed(0)} ms`)
      // One client for the engine, one for the floor, each kept across its logins.
      const timeline = new Timeline()
      const engineHttp = new HttpClient(remote.profile, { logger: new Logger(timeline.sink) })
      const floorHttp = new HttpClient(remote.profile, { logger: new Logger() })
      // The process's first login: every connection new (and the JIT cold). HttpClients share
      // Node's keep-alive global agents, so a later fresh client would find the sockets warm.
      const coldEngine = await engineRun(remote, conns, new HttpClient(remote.profile, { logger: new Logger(timeline.sink) }), timeline)
      await engineRun(remote, conns, engineHttp, timeline)
      await sequentialLogin(floorHttp, remote.phone)
      const engine: EngineRun[] = []
      const floors: Floor[] = []
      for (let i = 0; i < RUNS; i++) {
        engine.push(await engineRun(remote, conns, engineHttp, timeline))
        floors.push(await sequentialLogin(floorHttp, remote.phone))
      }
      const total = (f: Floor) => [...f.times.values()].reduce((s, ms) => s + ms, 0)
      const ready = engine.map((e) => e.readyMs)
      const floor = floors.map(total)
      report.note(`${RUNS} runs after a warm-up run; each a fresh QR login on a client kept across runs (the previous channel is kicked)`)
      report.line(median(ready), 'ms', `ptqrlogin success → lists ready in the engine (QrLogin + ContactService.load), median (min ${min(ready).toFixed(1)})`)
      report.line(median(floor), 'ms', `floor: the same ${floors[0]!.times.size} requests one at a time over warm connections, round trips added up, median (min ${min(floor).toFixed(1)})`)
      report.line((median(ready) / median(floor)).toFixed(2), '×', 'engine time / sequential floor (goal ≤ 1)')
      report.line(median(engine.map((e) => e.requests)), 'req', `requests the engine made in that time (peak in flight ${Math.max(...engine.map((e) => e.peak))})`)
      report.line(median(engine.map((e) => e.snapshots)), 'snap', `whole contact snapshots (${FRIENDS.toLocaleString('en-US')} friends each) ContactService emitted during the warm-up: the app sends each to the renderer`)
      report.line(coldEngine.readyMs, 'ms', 'the same for the process\'s first login (every connection new, JIT cold)')
      const tlsCount = (e: EngineRun) => [...e.tls.values()].reduce((s, n) => s + n, 0)
      report.line(tlsCount(coldEngine), 'hs', `TLS handshakes in that first warm-up: ${perHost(coldEngine.tls)}; new plain TCP connections: ${perHost(coldEngine.tcp)}`)
      report.line(coldEngine.handshakeMs.length ? median(coldEngine.handshakeMs) : 0, 'ms', 'one TLS connection: connect → secureConnect, median')
      const last = engine.at(-1)!
      report.line(median(engine.map(tlsCount)), 'hs', `TLS handshakes in a later warm-up, median (last run: ${perHost(last.tls)}; new TCP: ${perHost(last.tcp)})`)
      report.line(median(engine.map((e) => tlsCount(e) / e.requests)).toFixed(2), 'hs/req', 'TLS handshakes per request in a later warm-up, median')
      const costs = floors.map(decodeCosts)
      report.line(median(costs.map((c) => c.parse)), 'ms', `get_user_friends2 answer (${(floors[0]!.friendsAnswer.body.length / 1024).toFixed(0)} kB): parseJson (big-integer path) alone, median`)
      report.line(median(costs.map((c) => c.decode)), 'ms', 'its whole decode: parseJson + envelope + zod schema, median')
      report.line(median(costs.map((c) => c.map)), 'ms', `mapping ${FRIENDS.toLocaleString('en-US')} friends to the model (mapFriends), median`)
      const typical = [...engine].sort((a, b) => a.readyMs - b.readyMs)[Math.floor(engine.length / 2)]!
      report.note(`the median run's requests, ms after the confirm (start→answer): ${typical.timeline.join(', ')}`)
      const names = [...floors[0]!.times.keys()]
      report.note(`floor per request, median ms: ${names.map((n) => `${n} ${median(floors.map((f) => f.times.get(n)!)).toFixed(1)}`).join(', ')}`)
      report.summary(`lists ready ${median(ready).toFixed(0)} ms after ptqrlogin's success; sequential floor ${median(floor).toFixed(0)} ms (${(median(ready) / median(floor)).toFixed(2)}×)`)
    } finally {
      conns.close()
      await stopRemote(remote)
    }
  },
}

export default scenario
