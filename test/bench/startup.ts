import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, CDPSession, Page } from 'playwright-core'
import { decodeDisplayedQr, launchChromium } from '../e2e/support/app'
import { Phone } from '../support/emulator'
import { buildWebHost, epoch, startHost, type Host } from '../support/web-host'
import { median, sleep, within, type Report, type Scenario } from './bench'

/**
 * Startup, as a user meets it: `npm run web` (the build excluded: it is done once before) until
 * the QR code is on screen in Chromium (cold: a new data folder), and a restart with the session
 * saved by one phone login until the main window shows the lists. Real processes: the web host
 * is spawned as `npm run web` runs it (node out/web/start.js, built here first) with --verbose, whose startup
 * line gives the host's own steps (ms since its process started, epoch-stamped) and whose
 * request log gives the restore's endpoints. The page side is Chromium's clock: navigation and
 * resource timing, and marks an init script sets when the socket opens, when each command's
 * answer and each event first arrives, and when the QR picture / the lists were painted (the
 * frame after they were in the DOM). Every step is placed on one clock: ms since the spawn.
 */

const RUNS = 5
const GOAL_MS = 1_000
const RENDERER = resolve('out/renderer')

/** The host's `startup (ms since the process started at E): step +ms, …` line, as epoch ms per step. */
function hostSteps(host: Host): Record<string, number> {
  const line = host.stderr.find((l) => l.text.includes('startup (ms since the process started at'))
  if (!line) return {}
  const m = /started at ([\d.]+)\): (.*)$/.exec(line.text)!
  const origin = Number(m[1])
  const steps: Record<string, number> = { 'process started': origin }
  for (const part of m[2]!.split(', ')) {
    const [, what, at] = /^(.*) \+([\d.]+)$/.exec(part)!
    steps[what!] = origin + Number(at)
  }
  return steps
}

/** The host's `startup CPU (ms of user + system since the process started): step ms, …` line. */
function hostCpuSteps(host: Host): Record<string, number> {
  const line = host.stderr.find((l) => l.text.includes('startup CPU (ms of user + system'))
  if (!line) return {}
  return Object.fromEntries(
    line.text
      .replace(/^.*started\): /, '')
      .split(', ')
      .map((part) => /^(.*) (\d+)$/.exec(part)!)
      .map((m) => [m[1]!, Number(m[2])]),
  )
}

/** The requests the engine made (its --verbose request log), with when each answer was logged (epoch ms). */
function hostRequests(host: Host): Array<{ at: number; name: string; ms: number }> {
  return host.stderr.flatMap((l) => {
    const m = /^debug: (\S+) (?:GET|POST) \S+ → \d+, .* in (\d+) ms$/.exec(l.text)
    return m ? [{ at: l.at, name: m[1]!, ms: Number(m[2]) }] : []
  })
}

/**
 * Page side (source text: this file is type-checked for Node, not the DOM), run before the
 * page's own scripts (playwright's init script: CSP does not apply). Wraps WebSocket to mark the
 * socket's creation and opening and the first arrival of each command's answer (`result <name>`)
 * and each event (`event <name>`, `event login.state <kind>`); watches the DOM for the app's
 * first element and for the selectors in `paint` (each marked once painted: the first frame
 * after it is in the DOM and its picture decoded; rAF runs before that frame's paint, the task
 * it posts after).
 */
const instrumentPage = (paint: Record<string, string>) => `
  const mark = (name) => { if (!performance.getEntriesByName(name, 'mark').length) performance.mark(name) };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      mark('socket created');
      const names = new Map();
      this.addEventListener('open', () => mark('socket open'));
      const send = this.send.bind(this);
      this.send = (data) => {
        if (typeof data === 'string') { const f = JSON.parse(data); if (f.t === 'invoke') names.set(f.id, f.name) }
        send(data);
      };
      this.addEventListener('message', (ev) => {
        if (typeof ev.data !== 'string') return;
        const f = JSON.parse(ev.data);
        if (f.t === 'result') mark('result ' + names.get(f.id));
        else if (f.t === 'event') {
          mark('event ' + f.name);
          if (f.name === 'login.state' && f.payload && f.payload.kind) mark('event login.state ' + f.payload.kind);
        }
      });
    }
  };
  const watched = new Map(Object.entries(${JSON.stringify(paint)}));
  const check = () => {
    if (document.querySelector('#app > *')) mark('app mounted');
    for (const [name, selector] of watched) {
      const el = document.querySelector(selector);
      if (!el) continue;
      watched.delete(name);
      const decoded = el instanceof HTMLImageElement ? el.decode().catch(() => undefined) : Promise.resolve();
      decoded.then(() => requestAnimationFrame(() => setTimeout(() => mark(name), 0)));
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
`

/** Navigation and resource timing and the marks, read in the page. */
const READ_PAGE = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    origin: performance.timeOrigin,
    marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    html: nav.responseEnd,
    scripts: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js')).map((r) => ({ name: r.name.replace(/^.*\\//, '').replace(/\\?.*$/, ''), end: r.responseEnd, bytes: r.encodedBodySize })),
    domContentLoaded: nav.domContentLoadedEventEnd,
  };
})()`

interface PageTimes {
  /** Epoch ms of the page's navigation start. */
  origin: number
  marks: Record<string, number>
  html: number
  scripts: Array<{ name: string; end: number; bytes: number }>
  domContentLoaded: number
}

const pageTimes = (page: Page) => page.evaluate(READ_PAGE) as Promise<PageTimes>

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields 14 and 15 after the `(name)`: utime and stime, in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100
  } catch {
    return undefined
  }
}

/** The renderer main thread's CPU so far (CDP Performance metrics, ms). */
async function mainThread(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
  const pick = (n: string) => (metrics.find((m) => m.name === n)?.value ?? 0) * 1000
  return { task: pick('TaskDuration'), script: pick('ScriptDuration'), layout: pick('LayoutDuration'), style: pick('RecalcStyleDuration') }
}

/** One measured start: the steps in order, as ms since the spawn, and what the page's main thread spent. */
interface Run {
  steps: Array<[string, number]>
  total: number
  /** Renderer main thread (CDP: task, script, layout, style) and the host process (user + system), ms until the end. */
  cpu: Record<string, number>
  requests: Array<{ name: string; at: number; ms: number }>
  scripts: PageTimes['scripts']
  /** The host's own CPU (user + system, ms since its start) at its steps (its --verbose CPU line). */
  hostCpu: Record<string, number>
}

/** A fresh browser context with its page instrumented, made before the host is spawned (a user's browser is already open). */
async function newTab(browser: Browser, paint: Record<string, string>): Promise<{ page: Page; cdp: CDPSession; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
  const page = await context.newPage()
  await page.addInitScript(instrumentPage(paint))
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  return { page, cdp, close: () => context.close() }
}

/** Spawns the host on `dataDir`, opens its page in a tab made before, and measures until `done` (a painted mark) is set. */
async function measure(browser: Browser, dataDir: string, paint: Record<string, string>, done: string, extraMarks: string[]): Promise<Run> {
  const { page, cdp, close } = await newTab(browser, paint)
  const host = await startHost(dataDir)
  try {
    return await measureOn(host, page, cdp, done, extraMarks)
  } finally {
    await close()
    await host.stop()
  }
}

async function measureOn(host: Host, page: Page, cdp: CDPSession, done: string, extraMarks: string[]): Promise<Run> {
  const navAt = epoch()
  await page.goto(host.url)
  // Polled with evaluate (waitForFunction's string predicate is an eval the page's CSP refuses); the mark holds the time.
  const marked = `performance.getEntriesByName(${JSON.stringify(done)}, 'mark').length > 0`
  await within((async () => {
    while (!(await page.evaluate(marked))) await sleep(20)
  })(), 30_000, done)
  const cpu = { ...(await mainThread(cdp)), host: processCpuMs(host.proc.pid) ?? NaN }
  const t = await pageTimes(page)
  const host0 = host.spawnedAt
  const rel = (epochMs: number) => epochMs - host0
  const onPage = (name: string) => (t.marks[name] !== undefined ? rel(t.origin + t.marks[name]!) : undefined)
  const hs = hostSteps(host)
  const steps: Array<[string, number | undefined]> = [
    ['host process started', hs['process started'] && rel(hs['process started'])],
    ['Node ready', hs['node ready'] && rel(hs['node ready'])],
    ['modules loaded', hs['modules loaded'] && rel(hs['modules loaded'])],
    ["emulator's TLS material ready (made on a cold start: EC keys, electron/emulator/x509.ts)", hs['TLS material ready'] && rel(hs['TLS material ready'])],
    ['emulator listening', hs['emulator listening'] && rel(hs['emulator listening'])],
    ['engine started (restore tried / QR asked for)', hs['engine started'] && rel(hs['engine started'])],
    ['web server listening', hs['web server listening'] && rel(hs['web server listening'])],
    ['URL line read by the bench', rel(host.bannerAt)],
    ['page navigation asked', rel(navAt)],
    ['page navigation started', rel(t.origin)],
    ['HTML received', rel(t.origin + t.html)],
    ...t.scripts.map((s): [string, number] => [`script ${s.name} received`, rel(t.origin + s.end)]),
    ['socket created (the bundle starts to evaluate: bridge/early-socket.ts)', onPage('socket created')],
    ['DOMContentLoaded', rel(t.origin + t.domContentLoaded)],
    ['app mounted', onPage('app mounted')],
    ['socket open', onPage('socket open')],
    ...extraMarks.map((m): [string, number | undefined] => [m, onPage(m)]),
  ]
  const known = steps.filter((s): s is [string, number] => s[1] !== undefined)
  const requests = hostRequests(host).map((r) => ({ name: r.name, at: rel(r.at), ms: r.ms }))
  return { steps: known, total: onPage(done)!, cpu, requests, scripts: t.scripts, hostCpu: hostCpuSteps(host) }
}

function reportRuns(report: Report, what: string, runs: Run[], requestsNote?: (r: Run) => string): void {
  const totals = runs.map((r) => r.total)
  const med = median(totals)
  report.line(med, 'ms', `${what}: median of ${runs.length} (max ${Math.max(...totals).toFixed(0)} ms; goal < ${GOAL_MS} ms)`)
  // The breakdown of the median run: each step since the spawn, and the gap from the step before.
  const run = runs.find((r) => r.total === med)!
  let before = 0
  for (const [name, at] of [...run.steps].sort((a, b) => a[1] - b[1])) {
    report.note(`${at.toFixed(0).padStart(5)} ms  (+${(at - before).toFixed(0).padStart(4)})  ${name}`)
    before = at
  }
  report.note(
    `renderer main thread until then (median): tasks ${median(runs.map((r) => r.cpu.task!)).toFixed(0)} ms, of which script ${median(runs.map((r) => r.cpu.script!)).toFixed(0)} ms, style ${median(runs.map((r) => r.cpu.style!)).toFixed(0)} ms, layout ${median(runs.map((r) => r.cpu.layout!)).toFixed(0)} ms`,
  )
  report.note(`host process CPU until then (user + system, median): ${median(runs.map((r) => r.cpu.host!)).toFixed(0)} ms — with the renderer's tasks, what a start costs whatever else the machine is doing`)
  const cpuSteps = Object.keys(runs[0]!.hostCpu)
  if (cpuSteps.length) report.note(`host CPU at its steps (user + system since its start, median; a bare \`node\` has used ~45 ms when its script starts): ${cpuSteps.map((s) => `${s} ${median(runs.map((r) => r.hostCpu[s] ?? NaN)).toFixed(0)} ms`).join(', ')}`)
  if (requestsNote) report.note(requestsNote(run))
}

/** The built renderer's files and sizes (what the page may load). */
function bundleNote(): string {
  const dir = join(RENDERER, 'assets')
  const files = readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => `${f} ${(statSync(join(dir, f)).size / 1024).toFixed(0)} KiB`)
  return `built renderer (out/renderer/assets): ${files.join(', ')}`
}

const scenario: Scenario = {
  name: 'startup',
  title: '`npm run web` cold start → QR painted; restart with a saved session → main window with the lists painted',
  async run(report: Report) {
    if (!statSync(join(RENDERER, 'index.html'), { throwIfNoEntry: false })) throw new Error('no built renderer: run `npx electron-vite build` first (the build is not measured)')
    // The host is built here (seconds; not measured), so it is never an older build than the sources.
    buildWebHost()
    report.note('real processes: the web host spawned as `npm run web` runs it after its build (node out/web/start.js), Chromium headless; npm itself and the builds are not counted')
    report.note(bundleNote())
    report.note(`load average at the start: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores (the clock times include waiting for the CPU; the CPU times much less so)`)
    const browser = await launchChromium()
    const folders: string[] = []
    const folder = () => {
      const d = mkdtempSync(join(tmpdir(), 'qq-bench-startup-'))
      folders.push(d)
      return d
    }
    try {
      // (a) Cold: a new data folder each time (the emulator makes its world and certificates, no session).
      const cold: Run[] = []
      for (let i = 0; i < RUNS + 1; i++) {
        const run = await measure(browser, folder(), { 'QR painted': '[data-testid="login-qr"]' }, 'QR painted', ['result session.get', 'event login.state qr', 'QR painted'])
        // The first start after a build also fills Node's compile cache: a user's usual start is a later one.
        if (i > 0) cold.push(run)
      }
      reportRuns(report, 'cold start → QR painted', cold)

      // (b) Restart: one login with the phone, then starts on that folder. The lists are painted
      // when the recent list (the tab the main view opens on) shows its rows.
      const saved = folder()
      {
        const host = await startHost(saved)
        const context = await browser.newContext({ locale: 'zh-CN' })
        const page = await context.newPage()
        await page.goto(host.url)
        const qr = await decodeDisplayedQr(page)
        const phone = Phone.fromPageUrl(await host.phoneUrl)
        if ((await phone.scan(qr)).status !== 200 || (await phone.confirm(qr)).status !== 200) throw new Error('the phone could not log in')
        await page.locator('[data-testid="self-nick"]').waitFor({ timeout: 30_000 })
        await context.close()
        await host.stop()
      }
      const warm: Run[] = []
      for (let i = 0; i < RUNS; i++) {
        const run = await measure(
          browser,
          saved,
          { 'main view painted': '[data-testid="self-nick"]', 'lists painted': '[data-testid="recent-list"] [data-testid="conversation-row"]' },
          'lists painted',
          ['result session.get', 'event session.state', 'result contacts.get', 'event contacts.changed', 'result conversations.list', 'main view painted', 'lists painted'],
        )
        if (!run.requests.length) throw new Error('the restart made no request: was the session restored?')
        warm.push(run)
      }
      reportRuns(report, 'restart with the saved session → lists painted', warm, (r) => `restore requests (median run; when each answer came, ms since the spawn): ${r.requests.map((q) => `${q.name} @${q.at.toFixed(0)} (${q.ms} ms)`).join(', ')}`)
      const medCold = median(cold.map((r) => r.total))
      const medWarm = median(warm.map((r) => r.total))
      report.note(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`)
      report.summary(`cold start → QR ${medCold.toFixed(0)} ms, restart → lists ${medWarm.toFixed(0)} ms (median of ${RUNS}; goal < ${GOAL_MS} ms each)`)
    } finally {
      await browser.close()
      for (const d of folders) rmSync(d, { recursive: true, force: true })
    }
  },
}

export default scenario
