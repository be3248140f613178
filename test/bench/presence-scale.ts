import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { PRESENCE_PUSH_EVERY_MS } from '../../electron/backend/presence-push'
import { startEmulator } from '../../electron/emulator'
import { DEFAULT_POLL_OPTIONS } from '../../electron/engine/poll/poll-loop'
import { decodeDisplayedQr, launchChromium } from '../e2e/support/app'
import { tempDir } from '../support/client'
import { Phone } from '../support/emulator'
import { startAppProcess } from './app-process'
import { sleep, type Report, type Scenario } from './bench'
import { attribute, hottest, type CpuProfile } from './cpu-profile'
import { KINDS, traceMainThread, windowsWork } from './main-thread-trace'

/**
 * Presence at scale: 5,000 friends in the real app (web mode, Chromium), 100 presence changes a
 * second (buddies_status_change, §6.2) for some seconds: the CPU the app spends on them, as % of
 * one core, against the same stretch with no changes. The app's backend (AppCore, the web host,
 * the engine) runs in a process of its own (app-process.ts) against an emulator in this one, as
 * a user's server would be elsewhere: its CPU time is the app's alone. A CPU profile of it splits
 * that by kind of work, and a trace of the renderer's main thread cuts its time into scripting,
 * style, layout and paint.
 */

const FRIENDS = 5_000
const RATE = 100
const SECONDS = 5
/** The first changes after login, measured apart: they compile the presence path and build the lookups, once. */
const FIRST_SECONDS = 2
/** Changes per poll answer in the batched stretch: 100 a second over a 0.1 s round trip. */
const BURST = 10
const STATUSES = ['online', 'away', 'busy', 'offline'] as const
const SPACING_MS = DEFAULT_POLL_OPTIONS.presencePollSpacingMs
const OUT = resolve('test-results')
const $ = (id: string) => `[data-testid="${id}"]`

/** What the app's backend spends its time on, by the first frame from the leaf up that names one. */
const OWNERS: Array<[RegExp, string]> = [
  [/^node:inspector/, 'profiler'],
  [/node_modules\/(got|tough-cookie|tldts|@szmarczak|@sindresorhus|p-cancelable|cacheable|lowercase-keys|responselike|http2-wrapper)\/|\/electron\/engine\/http\//, 'HTTP (got, tough-cookie, engine/http)'],
  [/\/electron\/engine\/(poll|endpoints)\/|\/electron\/smartqq\/|node_modules\/zod\//, 'poll loop and decode'],
  [/\/electron\/engine\/messages\//, 'engine dispatch'],
  [/\/electron\/engine\/contacts\//, 'ContactService'],
  [/\/electron\/(backend|ipc|web)\/|node_modules\/ws\//, 'push (backend, WebSocket)'],
  [/\/electron\/engine\//, 'engine, other'],
]
const BREAKDOWN = ['HTTP (got, tough-cookie, engine/http)', 'poll loop and decode', 'engine dispatch', 'ContactService', 'push (backend, WebSocket)', 'engine, other', 'gc', 'program', 'unowned']
const PUSHED = ['buddy.status', 'contacts.changed', 'conversations.changed'] as const

interface Cpu {
  /** The app's backend process (engine, backend, web host), % of one core. */
  backend: number
  /** Renderer main thread, its tasks' thread CPU time (trace), % of one core. */
  renderer: number
  /** Renderer main thread: CDP TaskDuration (wall time of its tasks), % of one core. */
  rendererTasks: number
  sent: number
  wall: number
  /** poll2 answers that carried events during the stretch. */
  answers: number
  /** Events the backend pushed to the page during the stretch, and the changes its buddy.status batches carried. */
  pushed: Record<string, number>
  carried: number
}

const pct = (ms: number, wall: number) => (ms / wall) * 100

const scenario: Scenario = {
  name: 'presence-scale',
  title: `${FRIENDS.toLocaleString('en-US')} friends, ${RATE} presence changes a second: CPU of the backend and the renderer`,
  async run(report: Report) {
    const emulator = await startEmulator({
      host: '127.0.0.1',
      port: 0,
      chatter: false,
      pollHoldMs: 1000,
      tls: { httpsPort: 0, certDir: tempDir() },
      graph: { friends: FRIENDS, groups: 10, membersPerGroup: 5, discussions: 2, scripted: false },
    })
    const app = await startAppProcess(emulator)
    const browser = await launchChromium()
    try {
      const phone = Phone.for(emulator)
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
      await page.goto(app.url)
      const text = await decodeDisplayedQr(page)
      await phone.scan(text)
      await phone.confirm(text)
      await page.locator($('self-nick')).waitFor({ timeout: 60_000 })
      await page.click($('tab-friends'))
      await page.locator($('friend-row')).first().waitFor()
      const world = (await phone.contacts()) as { friends: Array<{ qq: string }> }
      const qqs = world.friends.map((f) => f.qq)
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const taskSeconds = async () => {
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
        return metrics.find((m) => m.name === 'TaskDuration')!.value
      }

      /** Poll answers a second and changes per answer: how the stream reached the engine. */
      const polled = (c: Cpu) => `${(c.answers / (c.wall / 1000)).toFixed(1)} poll answers with changes a second, ${(c.sent / (c.answers || 1)).toFixed(1)} changes each`

      let sent = 0
      /**
       * `changes` presence changes a second for `seconds` in `burst`s: one at a time, evenly spaced
       * (burst 1: a loopback server answers a held poll with each change at once; the poll loop's
       * spacing gathers them, ~20 per answer), or `burst` together every burst/changes s (as the
       * poll answers of a server a network away bring them: what arrives during a poll's round
       * trip comes in one answer).
       * Then time for the last poll answers to reach the page.
       */
      const stretch = async (changes: number, burst = 1, seconds = SECONDS): Promise<number> => {
        const t0 = performance.now()
        const pending: Array<Promise<unknown>> = []
        for (let i = 0; i < (seconds * changes) / burst; i++) {
          for (let j = 0; j < burst; j++, sent++) {
            const qq = qqs[(sent * 7919) % qqs.length]!
            pending.push(phone.post('/control/contacts/presence', { qq, status: STATUSES[sent % STATUSES.length] }))
          }
          await sleep(Math.max(0, t0 + ((i + 1) * 1000 * burst) / changes - performance.now()))
        }
        await sleep(Math.max(0, t0 + seconds * 1000 - performance.now()))
        await Promise.all(pending)
        await sleep(1_500)
        return pending.length
      }

      /**
       * One stretch, measured as it runs: the app process's CPU time, the renderer's task time
       * (CDP TaskDuration, wall time) and its main thread's own CPU time from a trace of the
       * stretch (what other processes on the two cores do not inflate).
       */
      const measure = async (name: string, changes: number, burst = 1, seconds = SECONDS): Promise<Cpu> => {
        await sleep(500)
        let cpu: Cpu | undefined
        const trace = await traceMainThread(browser, page, async () => {
          await page.evaluate((m) => performance.mark(m), `${name}:start:0`)
          const stats0 = await app.stats()
          const cpu0 = await app.cpuMs()
          const task0 = await taskSeconds()
          const t0 = performance.now()
          const n = await stretch(changes, burst, seconds)
          const wall = performance.now() - t0
          const used = (await app.cpuMs()) - cpu0
          const stats = await app.stats()
          const task = (await taskSeconds()) - task0
          await page.evaluate((m) => performance.mark(m), `${name}:end:0`)
          const pushed = Object.fromEntries(PUSHED.map((name) => [name, (stats.pushed[name] ?? 0) - (stats0.pushed[name] ?? 0)]))
          cpu = { backend: pct(used, wall), rendererTasks: pct(task * 1000, wall), renderer: 0, sent: n, wall, answers: stats.withEvents - stats0.withEvents, pushed, carried: stats.carried - stats0.carried }
        })
        const [work] = windowsWork(trace, name)
        if (!cpu || !work) throw new Error(`the ${name} stretch left no marked window in the trace`)
        return { ...cpu, renderer: pct(work.cpu, cpu.wall) }
      }

      const idle = await measure('idle', 0)
      const first = await measure('first', RATE, 1, FIRST_SECONDS)
      const busy = await measure('single', RATE)
      // What the backend pushes to the page per change: batches of deltas (at most 4 a second), never a whole snapshot.
      const buddy = busy.pushed['buddy.status'] ?? 0
      const pushedPerChange = `${PUSHED.map((name) => `${name} ${((busy.pushed[name] ?? 0) / busy.sent).toFixed(2)}`).join(', ')}; ${(buddy / (busy.wall / 1000)).toFixed(1)} buddy.status a second, ${(busy.carried / (buddy || 1)).toFixed(1)} changes each`
      const bursts = await measure('bursts', RATE, BURST)

      // One more stretch of single changes, profiled: the backend's CPU profile, the page's and a main-thread trace.
      await sleep(500)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
      await cdp.send('Profiler.start')
      let backendProfile: CpuProfile | undefined
      let wall = 0
      const trace = await traceMainThread(browser, page, async () => {
        await page.evaluate(() => performance.mark('presence:start:0'))
        const t0 = performance.now()
        backendProfile = await app.profile(async () => void (await stretch(RATE)))
        wall = performance.now() - t0
        await page.evaluate(() => performance.mark('presence:end:0'))
      })
      const { profile: pageProfile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile }
      const [work] = windowsWork(trace, 'presence')
      if (!backendProfile || !work) throw new Error('the profiled stretch left no profile or no marked window in the trace')

      mkdirSync(OUT, { recursive: true })
      writeFileSync(join(OUT, 'presence-scale-backend.cpuprofile'), JSON.stringify(backendProfile))
      writeFileSync(join(OUT, 'presence-scale-renderer.cpuprofile'), JSON.stringify(pageProfile))
      writeFileSync(join(OUT, 'presence-scale-renderer.trace.json'), JSON.stringify({ traceEvents: trace }))
      const owned = attribute(backendProfile, (url) => OWNERS.find(([re]) => re.test(url))?.[1])
      const backendApp = busy.backend - idle.backend
      const renderer = busy.renderer - idle.renderer

      report.note(`the profiled stretch's profiles and trace: ${OUT}/presence-scale-{backend,renderer}.cpuprofile, presence-scale-renderer.trace.json (DevTools opens them)`)
      report.note(`${SECONDS} s of changes plus 1.5 s for the last ones to arrive; the same stretch with no changes as the baseline; the same changes in bursts; then one more stretch of single changes, profiled, for the breakdowns`)
      report.note(
        `the first ${FIRST_SECONDS} s of changes after login, measured apart (the presence path compiled, the engine's friend lookups built, once): backend +${(first.backend - idle.backend).toFixed(1)} %, renderer +${(first.renderer - idle.renderer).toFixed(1)} %; the stretches below come after it`,
      )
      report.line(busy.sent, 'chg', `presence changes sent through the emulator's control API (${RATE}/s), one at a time: ${polled(busy)}`)
      report.note(`the poll loop starts the poll after a fast answer of presence changes alone ${SPACING_MS} ms after the one before (presencePollSpacingMs): a loopback server that answers each change at once (100 answers a second without it) is polled ≤ ${1000 / SPACING_MS} times a second; the backend pushes ≤ ${1000 / PRESENCE_PUSH_EVERY_MS} buddy.status a second`)
      report.note(`events the backend pushed per change: ${pushedPerChange}`)
      report.line(busy.backend, '%', `the app's backend process (its own: engine, backend, web host) CPU with the changes, % of one core (idle: ${idle.backend.toFixed(1)} %)`)
      report.note(`its CPU profile in the profiled stretch, ms per second of wall time (= % of one core, profiler on), by the first frame from the leaf up that names the work:`)
      for (const name of [...BREAKDOWN, 'profiler']) report.line(pct(owned.get(name) ?? 0, wall), '%', `  ${name}`)
      report.note(`hottest backend functions: ${hottest(backendProfile, 6).map((h) => `${h.ms.toFixed(0)} ms ${h.where}`).join('; ')}`)
      report.line(backendApp, '%', "backend, the changes' share (busy − idle)")
      report.line((((backendApp / 100) * busy.wall) / (busy.answers || 1)), 'ms', 'backend CPU per poll answer with changes')

      report.line(busy.rendererTasks, '%', `renderer main thread's tasks with the changes, wall time (CDP TaskDuration), % of one core (idle: ${idle.rendererTasks.toFixed(1)} %)`)
      report.line(busy.renderer, '%', `renderer main thread's CPU time in those tasks (trace), % of one core (idle: ${idle.renderer.toFixed(1)} %)`)
      report.line(renderer, '%', 'renderer, the changes\' share (CPU time)')
      report.note('renderer main thread in the profiled stretch (trace, tracing and profiler on):')
      report.line(pct(work.busy, wall), '%', '  main-thread tasks, wall time')
      report.line(pct(work.cpu, wall), '%', '  the same tasks, thread CPU time (not inflated by other processes)')
      for (const kind of KINDS) report.line(pct(work.byKind[kind], wall), '%', `    ${kind} (self time)`)
      report.note(`hottest renderer functions: ${hottest(pageProfile, 6, (url) => url !== '').map((h) => `${h.ms.toFixed(0)} ms ${h.where}`).join('; ')}`)

      const total = backendApp + renderer
      report.line(total, '%', 'backend + renderer, the changes\' share, changes one at a time (goal < 5 %)')

      const burstBackend = bursts.backend - idle.backend
      const burstRenderer = bursts.renderer - idle.renderer
      report.note(`the same ${RATE} changes/s in bursts of ${BURST} every ${(BURST * 1000) / RATE} ms (as a server ${(BURST * 1000) / RATE} ms away would bring them): ${polled(bursts)}`)
      report.line(burstBackend, '%', "  backend, the changes' share")
      report.line(bursts.rendererTasks - idle.rendererTasks, '%', "  renderer, the changes' share, task wall time")
      report.line(burstRenderer, '%', "  renderer, the changes' share, CPU time")
      report.line(burstBackend + burstRenderer, '%', '  backend + renderer (goal < 5 %)')
      report.summary(
        `${RATE} presence changes/s on ${FRIENDS} friends, one at a time (${(busy.sent / (busy.answers || 1)).toFixed(1)} per poll answer): backend +${backendApp.toFixed(1)} %, renderer +${renderer.toFixed(1)} %, total ${total.toFixed(1)} %; in bursts of ${BURST}: total ${(burstBackend + burstRenderer).toFixed(1)} % of one core (goal < 5 %)`,
      )
    } finally {
      await browser.close()
      await app.close()
      await emulator.stop()
    }
  },
}

export default scenario
