import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { decodeDisplayedQr, startApp } from '../e2e/support/app'
import { sleep, type Report, type Scenario } from './bench'
import { attribute, hottest, mainThreadTime, profileThisProcess, type CpuProfile } from './cpu-profile'

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
const APP = ['engine poll & decode', 'engine dispatch', 'ContactService', 'push (backend, WebSocket)']
const NOT_APP = ['emulator', 'bench']
const SHARED = ['gc', 'program', 'unowned']

interface Cpu {
  /** Backend process (engine, web server, embedded emulator, this script's control calls), % of one core. */
  backend: number
  /** Renderer main thread: CDP TaskDuration, % of one core. */
  renderer: number
  sent: number
  wall: number
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

      let sent = 0
      /**
       * `changes` presence changes a second for SECONDS in `burst`s: one at a time, evenly spaced
       * (burst 1: on loopback each comes in its own poll answer and its own WebSocket frame, the
       * hardest case), or `burst` together every burst/changes s (as the poll answers of a server
       * a network away bring them: what arrives during a poll's round trip comes in one answer).
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

      /** One stretch measured as it runs, with nothing attached that costs CPU. */
      const measure = async (changes: number, burst = 1): Promise<Cpu> => {
        await sleep(500)
        const cpu0 = process.cpuUsage()
        const task0 = await taskSeconds()
        const t0 = performance.now()
        const n = await stretch(changes, burst)
        const wall = performance.now() - t0
        const cpu = process.cpuUsage(cpu0)
        const task = (await taskSeconds()) - task0
        return { backend: pct((cpu.user + cpu.system) / 1000, wall), renderer: pct(task * 1000, wall), sent: n, wall }
      }

      const idle = await measure(0)
      const busy = await measure(RATE)
      const bursts = await measure(RATE, BURST)

      // One more stretch of single changes, profiled: the backend's CPU profile, the page's and a main-thread trace.
      await sleep(500)
      await cdp.send('Profiler.enable')
      await cdp.send('Profiler.setSamplingInterval', { interval: 250 })
      await cdp.send('Profiler.start')
      await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
      const t0 = performance.now()
      const backendProfile = await profileThisProcess(async () => void (await stretch(RATE)))
      const wall = performance.now() - t0
      const trace = await browser.stopTracing()
      const { profile: pageProfile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile }

      mkdirSync(OUT, { recursive: true })
      writeFileSync(join(OUT, 'presence-scale-backend.cpuprofile'), JSON.stringify(backendProfile))
      writeFileSync(join(OUT, 'presence-scale-renderer.cpuprofile'), JSON.stringify(pageProfile))
      writeFileSync(join(OUT, 'presence-scale-renderer.trace.json'), trace)
      const owned = attribute(backendProfile, (url) => OWNERS.find(([re]) => re.test(url))?.[1])
      const sum = (names: string[]) => names.reduce((s, n) => s + (owned.get(n) ?? 0), 0)
      const appShare = sum(APP) / (sum(APP) + sum(NOT_APP) || 1)
      const backendApp = (busy.backend - idle.backend) * appShare
      const renderer = busy.renderer - idle.renderer

      report.note(`the profiled stretch's profiles and trace: ${OUT}/presence-scale-{backend,renderer}.cpuprofile, presence-scale-renderer.trace.json (DevTools opens them)`)
      report.note(`${SECONDS} s of changes plus 1.5 s for the last ones to arrive; the same stretch with no changes as the baseline; the same changes in bursts; then one more stretch of single changes, profiled, for the breakdowns`)
      report.line(busy.sent, 'chg', `presence changes sent through the emulator's control API (${RATE}/s)`)
      report.line(busy.backend, '%', `backend process CPU with the changes, % of one core (idle: ${idle.backend.toFixed(1)} %); the process holds the embedded emulator and this script too`)
      report.note(`backend CPU profile of the profiled stretch, ms per second of wall time (= % of one core, profiler on):`)
      const role = (name: string) => (APP.includes(name) ? 'app' : NOT_APP.includes(name) ? 'not the app' : SHARED.includes(name) ? 'shared: split in the app / not-app ratio' : 'the profiler itself: in no ratio')
      for (const name of [...APP, ...NOT_APP, ...SHARED, 'profiler']) report.line(pct(owned.get(name) ?? 0, wall), '%', `  ${name} (${role(name)})`)
      report.note(`hottest backend functions: ${hottest(backendProfile, 6).map((h) => `${h.ms.toFixed(0)} ms ${h.where}`).join('; ')}`)
      report.line(backendApp, '%', `backend, the app's share of the changes' cost: (busy − idle) × app / (app + not app) = ${(appShare * 100).toFixed(0)} %`)

      report.line(busy.renderer, '%', `renderer main thread with the changes, % of one core (idle: ${idle.renderer.toFixed(1)} %)`)
      report.line(renderer, '%', 'renderer, the changes\' share')
      const { kinds, other } = mainThreadTime(trace)
      report.note('renderer main thread in the profiled stretch, by kind (trace self time, tracing on):')
      for (const kind of ['scripting', 'gc', 'style', 'layout', 'paint', 'other']) report.line(pct(kinds.get(kind) ?? 0, wall), '%', `  ${kind}`)
      report.note(`'other' is mostly: ${[...other].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')}`)
      report.note(`hottest renderer functions: ${hottest(pageProfile, 6, (url) => url !== '').map((h) => `${h.ms.toFixed(0)} ms ${h.where}`).join('; ')}`)

      const total = backendApp + renderer
      report.line(total, '%', 'backend (app) + renderer, the changes\' share, one change per poll answer (goal < 5 %)')

      // The same rate, BURST changes per poll answer; the app's share of the backend as profiled above.
      const burstBackend = (bursts.backend - idle.backend) * appShare
      const burstRenderer = bursts.renderer - idle.renderer
      report.note(`the same ${RATE} changes/s in bursts of ${BURST} every ${(BURST * 1000) / RATE} ms (${BURST} per poll answer, as a server ${(BURST * 1000) / RATE} ms away would bring them):`)
      report.line(bursts.backend - idle.backend, '%', '  backend process, the changes\' share')
      report.line(burstBackend, '%', `  backend, the app's share (the ${(appShare * 100).toFixed(0)} % above)`)
      report.line(burstRenderer, '%', '  renderer, the changes\' share')
      report.line(burstBackend + burstRenderer, '%', '  backend (app) + renderer (goal < 5 %)')
      report.summary(
        `${RATE} presence changes/s on ${FRIENDS} friends, one per poll answer: backend app +${backendApp.toFixed(1)} % (process +${(busy.backend - idle.backend).toFixed(1)} %), renderer +${renderer.toFixed(1)} %, total ${total.toFixed(1)} %; ${BURST} per answer: total ${(burstBackend + burstRenderer).toFixed(1)} % of one core (goal < 5 %)`,
      )
    } finally {
      await app.close()
    }
  },
}

export default scenario
