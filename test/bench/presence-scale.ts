import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { decodeDisplayedQr, startApp } from '../e2e/support/app'
import { sleep, type Report, type Scenario } from './bench'
import { attribute, hottest, profileThisProcess, type CpuProfile } from './cpu-profile'
import { KINDS, traceMainThread, windowsWork } from './main-thread-trace'

/**
 * Presence at scale: 5,000 friends in the real app (web mode, Chromium), 100 presence changes a
 * second (buddies_status_change, §6.2) for some seconds: the CPU the app spends on them, as % of
 * one core, against the same stretch with no changes. The embedded emulator and this script's
 * control calls share the backend's process: a CPU profile of a stretch of its own tells their time
 * from the app's (engine, ContactService, the push over the WebSocket), and a trace of the
 * renderer's main thread cuts its time into scripting, style, layout and paint.
 */

const FRIENDS = 5_000
const RATE = 100
const SECONDS = 5
/** Changes per poll answer in the batched stretch: 100 a second over a 0.1 s round trip. */
const BURST = 10
const STATUSES = ['online', 'away', 'busy', 'offline'] as const
const OUT = resolve('test-results')
const $ = (id: string) => `[data-testid="${id}"]`

/** Who the backend process's time is for, by the first frame from the leaf up that names one. */
const OWNERS: Array<[RegExp, string]> = [
  [/\/electron\/emulator\//, 'emulator'],
  [/^node:inspector/, 'profiler'],
  [/\/test\/|node_modules\/playwright-core|undici/, 'bench'],
  [/\/electron\/engine\/contacts\//, 'ContactService'],
  [/\/electron\/engine\/messages\//, 'engine dispatch'],
  [/\/electron\/(engine|smartqq)\/|node_modules\/(got|tough-cookie|@szmarczak|cacheable|http2-wrapper)/, 'engine poll & decode'],
  [/\/electron\/(backend|ipc|web)\/|node_modules\/ws\//, 'push (backend, WebSocket)'],
]
const PUSHED = ['buddy.status', 'contacts.changed', 'conversations.changed'] as const
const APP = ['engine poll & decode', 'engine dispatch', 'ContactService', 'push (backend, WebSocket)']
const NOT_APP = ['emulator', 'bench']
const SHARED = ['gc', 'program', 'unowned']

interface Cpu {
  /** Backend process (engine, web server, embedded emulator, this script's control calls), % of one core. */
  backend: number
  /** Renderer main thread, its tasks' thread CPU time (trace), % of one core. */
  renderer: number
  /** Renderer main thread: CDP TaskDuration (wall time of its tasks), % of one core. */
  rendererTasks: number
  sent: number
  wall: number
  /** poll2 answers that carried events during the stretch. */
  answers: number
}

const pct = (ms: number, wall: number) => (ms / wall) * 100

const scenario: Scenario = {
  name: 'presence-scale',
  title: `${FRIENDS.toLocaleString('en-US')} friends, ${RATE} presence changes a second: CPU of the backend and the renderer`,
  async run(report: Report) {
    const app = await startApp({ emulator: { graph: { friends: FRIENDS, groups: 10, membersPerGroup: 5, discussions: 2, scripted: false } } })
    try {
      const { page, phone, browser } = app
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

      const pollStats = () => {
        const stats = app.core.client?.current?.poll.stats
        if (!stats) throw new Error('the app has no poll loop running')
        return stats
      }
      /** Poll answers a second and changes per answer: how the stream reached the engine. */
      const polled = (c: Cpu) => `${(c.answers / (c.wall / 1000)).toFixed(1)} poll answers with changes a second, ${(c.sent / (c.answers || 1)).toFixed(1)} changes each`

      let sent = 0
      /**
       * `changes` presence changes a second for SECONDS in `burst`s: one at a time, evenly spaced
       * (burst 1: a loopback server answers a held poll with each change at once; the poll loop's
       * spacing gathers them, ~10 per answer), or `burst` together every burst/changes s (as the
       * poll answers of a server a network away bring them: what arrives during a poll's round
       * trip comes in one answer).
       * Then time for the last poll answers to reach the page.
       */
      const stretch = async (changes: number, burst = 1): Promise<number> => {
        const t0 = performance.now()
        const pending: Array<Promise<unknown>> = []
        for (let i = 0; i < (SECONDS * changes) / burst; i++) {
          for (let j = 0; j < burst; j++, sent++) {
            const qq = qqs[(sent * 7919) % qqs.length]!
            pending.push(phone.post('/control/contacts/presence', { qq, status: STATUSES[sent % STATUSES.length] }))
          }
          await sleep(Math.max(0, t0 + ((i + 1) * 1000 * burst) / changes - performance.now()))
        }
        await sleep(Math.max(0, t0 + SECONDS * 1000 - performance.now()))
        await Promise.all(pending)
        await sleep(1_500)
        return pending.length
      }

      /**
       * One stretch, measured as it runs: the backend's process.cpuUsage, the renderer's task time
       * (CDP TaskDuration, wall time) and its main thread's own CPU time from a trace of the
       * stretch (what other processes on the two cores do not inflate).
       */
      const measure = async (name: string, changes: number, burst = 1): Promise<Cpu> => {
        await sleep(500)
        let cpu: Cpu | undefined
        const trace = await traceMainThread(browser, page, async () => {
          await page.evaluate((m) => performance.mark(m), `${name}:start:0`)
          const answers0 = pollStats().withEvents
          const cpu0 = process.cpuUsage()
          const task0 = await taskSeconds()
          const t0 = performance.now()
          const n = await stretch(changes, burst)
          const wall = performance.now() - t0
          const used = process.cpuUsage(cpu0)
          const task = (await taskSeconds()) - task0
          await page.evaluate((m) => performance.mark(m), `${name}:end:0`)
          cpu = { backend: pct((used.user + used.system) / 1000, wall), rendererTasks: pct(task * 1000, wall), renderer: 0, sent: n, wall, answers: pollStats().withEvents - answers0 }
        })
        const [work] = windowsWork(trace, name)
        if (!cpu || !work) throw new Error(`the ${name} stretch left no marked window in the trace`)
        return { ...cpu, renderer: pct(work.cpu, cpu.wall) }
      }

      // What the backend pushes to the page per change: batches of deltas (at most 10 a second), never a whole snapshot.
      const pushed = new Map<string, number>()
      for (const name of PUSHED) app.core.on(name, () => pushed.set(name, (pushed.get(name) ?? 0) + 1))
      let carried = 0
      app.core.on('buddy.status', (b) => (carried += b.changes.length))
      const idle = await measure('idle', 0)
      pushed.clear()
      carried = 0
      const busy = await measure('single', RATE)
      const pushedPerChange = `${PUSHED.map((name) => `${name} ${((pushed.get(name) ?? 0) / busy.sent).toFixed(2)}`).join(', ')}; ${((pushed.get('buddy.status') ?? 0) / (busy.wall / 1000)).toFixed(1)} buddy.status a second, ${(carried / (pushed.get('buddy.status') || 1)).toFixed(1)} changes each`
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
        backendProfile = await profileThisProcess(async () => void (await stretch(RATE)))
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
      const sum = (names: string[]) => names.reduce((s, n) => s + (owned.get(n) ?? 0), 0)
      const appShare = sum(APP) / (sum(APP) + sum(NOT_APP) || 1)
      const backendApp = (busy.backend - idle.backend) * appShare
      const renderer = busy.renderer - idle.renderer

      report.note(`the profiled stretch's profiles and trace: ${OUT}/presence-scale-{backend,renderer}.cpuprofile, presence-scale-renderer.trace.json (DevTools opens them)`)
      report.note(`${SECONDS} s of changes plus 1.5 s for the last ones to arrive; the same stretch with no changes as the baseline; the same changes in bursts; then one more stretch of single changes, profiled, for the breakdowns`)
      report.line(busy.sent, 'chg', `presence changes sent through the emulator's control API (${RATE}/s), one at a time: ${polled(busy)}`)
      report.note(`the poll loop spaces a poll after an answer of presence changes alone to 0.1 s after the one before (presencePollSpacingMs): a loopback server that answers each change at once (one per answer, 100 answers a second without it) is polled ~10 times a second, as a server ~0.1 s away would be`)
      report.note(`events the backend pushed per change: ${pushedPerChange}`)
      report.line(busy.backend, '%', `backend process CPU with the changes, % of one core (idle: ${idle.backend.toFixed(1)} %); the process holds the embedded emulator and this script too`)
      report.note(`backend CPU profile of the profiled stretch, ms per second of wall time (= % of one core, profiler on):`)
      const role = (name: string) => (APP.includes(name) ? 'app' : NOT_APP.includes(name) ? 'not the app' : SHARED.includes(name) ? 'shared: split in the app / not-app ratio' : 'the profiler itself: in no ratio')
      for (const name of [...APP, ...NOT_APP, ...SHARED, 'profiler']) report.line(pct(owned.get(name) ?? 0, wall), '%', `  ${name} (${role(name)})`)
      report.note(`hottest backend functions: ${hottest(backendProfile, 6).map((h) => `${h.ms.toFixed(0)} ms ${h.where}`).join('; ')}`)
      report.line(backendApp, '%', `backend, the app's share of the changes' cost: (busy − idle) × app / (app + not app) = ${(appShare * 100).toFixed(0)} %`)

      report.line(busy.rendererTasks, '%', `renderer main thread's tasks with the changes, wall time (CDP TaskDuration), % of one core (idle: ${idle.rendererTasks.toFixed(1)} %)`)
      report.line(busy.renderer, '%', `renderer main thread's CPU time in those tasks (trace), % of one core (idle: ${idle.renderer.toFixed(1)} %)`)
      report.line(renderer, '%', 'renderer, the changes\' share (CPU time)')
      report.note('renderer main thread in the profiled stretch (trace, tracing and profiler on):')
      report.line(pct(work.busy, wall), '%', '  main-thread tasks, wall time')
      report.line(pct(work.cpu, wall), '%', '  the same tasks, thread CPU time (not inflated by other processes)')
      for (const kind of KINDS) report.line(pct(work.byKind[kind], wall), '%', `    ${kind} (self time)`)
      report.note(`hottest renderer functions: ${hottest(pageProfile, 6, (url) => url !== '').map((h) => `${h.ms.toFixed(0)} ms ${h.where}`).join('; ')}`)

      const total = backendApp + renderer
      report.line(total, '%', 'backend (app) + renderer, the changes\' share, changes one at a time (goal < 5 %)')

      // The same rate, BURST changes per poll answer; the app's share of the backend as profiled above.
      const burstBackend = (bursts.backend - idle.backend) * appShare
      const burstRenderer = bursts.renderer - idle.renderer
      report.note(`the same ${RATE} changes/s in bursts of ${BURST} every ${(BURST * 1000) / RATE} ms (as a server ${(BURST * 1000) / RATE} ms away would bring them): ${polled(bursts)}`)
      report.line(bursts.backend - idle.backend, '%', '  backend process, the changes\' share')
      report.line(burstBackend, '%', `  backend, the app's share (the ${(appShare * 100).toFixed(0)} % above)`)
      report.line(bursts.rendererTasks - idle.rendererTasks, '%', '  renderer, the changes\' share, task wall time')
      report.line(burstRenderer, '%', '  renderer, the changes\' share, CPU time')
      report.line(burstBackend + burstRenderer, '%', '  backend (app) + renderer (goal < 5 %)')
      report.summary(
        `${RATE} presence changes/s on ${FRIENDS} friends, one at a time (${(busy.sent / (busy.answers || 1)).toFixed(1)} per poll answer): backend app +${backendApp.toFixed(1)} % (process +${(busy.backend - idle.backend).toFixed(1)} %), renderer +${renderer.toFixed(1)} %, total ${total.toFixed(1)} %; in bursts of ${BURST}: total ${(burstBackend + burstRenderer).toFixed(1)} % of one core (goal < 5 %)`,
      )
    } finally {
      await app.close()
    }
  },
}

export default scenario
