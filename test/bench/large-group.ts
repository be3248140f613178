import { cpus, loadavg } from 'node:os'
import type { CDPSession, Page } from 'playwright-core'
import type { GroupInfoWire } from '../../electron/engine/endpoints/contact-endpoints'
import { getGroupInfoExt2 } from '../../electron/engine/endpoints/contact-endpoints'
import { mapGroupDetails } from '../../electron/engine/contacts/mappers'
import { DEFAULT_ACCOUNT } from '../../electron/emulator/state/accounts'
import { startApp, type RunningApp } from '../e2e/support/app'
import { median, since, sleep, type Report, type Scenario } from './bench'
import { hottest, type CpuProfile } from './cpu-profile'
import { KINDS, topOther, traceMainThread, windowsWork, type WindowWork } from './main-thread-trace'

/**
 * A 2,000-member group in the real app (web mode, Chromium, embedded emulator).
 * (a) Its member panel: the click on 成员 → the first frame with member rows painted, split into
 *     the group.members command (get_group_info_ext2 §5.5: HTTP, decode, mapping; engine cache
 *     cold and warm), the WebSocket transfer, the renderer's build of the rows, and layout/paint.
 * (b) 50 messages a second from many members for 10 s, the group on screen, then the same with
 *     another chat open (the list's preview and unread count only): long tasks, frames dropped
 *     (requestAnimationFrame gaps) and where the renderer's time went.
 */

const MEMBERS = 2_000
const RATE = 50
const SECONDS = 10
const OPENS = 5
const PROFILE_SECONDS = 4
const GOALS = { panelMs: 50, longTaskMs: 50 }
const FRAME_MS = 1000 / 60
const $ = (id: string) => `[data-testid="${id}"]`

/**
 * Page side (source text: this file is type-checked for Node, not the DOM). The group.members
 * invoke frame and its result are stamped as they pass the page's WebSocket; a MutationObserver
 * stamps the first member row entering the DOM, then the next frame (rAF) and the task after
 * its paint. Long tasks and rAF times are collected between start() and stop().
 */
const HOOK = `
  const lg = (window.__lg = { mark: {}, longtasks: [], frames: [], running: false, events: 0 });
  const now = () => performance.now();
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        if (e.data.startsWith('{"t":"event","name":"message.new"')) lg.events++;
        if (lg.mark.id !== undefined && e.data.startsWith('{"t":"result","id":' + lg.mark.id + ',')) {
          lg.mark.recv = now();
          lg.mark.bytes = e.data.length;
        }
      });
    }
    send(data) {
      if (typeof data === 'string' && data.includes('"name":"group.members"')) {
        lg.mark.sent = now();
        lg.mark.id = JSON.parse(data).id;
      }
      return super.send(data);
    }
  };
  new MutationObserver((records) => {
    if (lg.mark.rows !== undefined || lg.mark.t0 === undefined) return;
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1 || lg.mark.rows !== undefined) continue;
      if (n.matches('[data-testid="member-row"]') || n.querySelector('[data-testid="member-row"]')) {
        lg.mark.rows = now();
        requestAnimationFrame(() => {
          lg.mark.frame = now();
          setTimeout(() => { lg.mark.painted = now(); lg.mark.done(lg.mark); });
        });
      }
    }
  }).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list) => {
    if (lg.running) for (const e of list.getEntries()) lg.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: false });
  lg.start = () => {
    lg.longtasks = []; lg.frames = []; lg.events = 0; lg.running = true;
    const loop = (t) => { if (!lg.running) return; lg.frames.push(t); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  };
  lg.stop = () => { lg.running = false; return { longtasks: lg.longtasks, frames: lg.frames, events: lg.events }; };
`

interface Mark {
  t0: number
  sent?: number
  recv?: number
  bytes?: number
  rows: number
  frame: number
  painted: number
}

/** Clicks `selector` and resolves with the stamps once the first member rows are painted. */
function clickUntilRows(page: Page, selector: string): Promise<Mark> {
  return page.evaluate(`new Promise((resolve) => {
    const lg = window.__lg;
    lg.mark = { done: resolve };
    lg.mark.t0 = performance.now();
    document.querySelector(${JSON.stringify(selector)}).click();
  }).then(({ done, id, ...m }) => m)`) as Promise<Mark>
}

interface Open {
  total: number
  /** Renderer main thread CPU time over the open (CDP ThreadTime): what load on the machine does not stretch. */
  cpu?: number
  command?: number
  build: number
  wait: number
  paint: number
  bytes?: number
}

function split(m: Mark, cpu?: number): Open {
  const fromData = m.recv ?? m.t0
  return {
    total: m.painted - m.t0,
    cpu,
    command: m.recv !== undefined && m.sent !== undefined ? m.recv - m.sent : undefined,
    build: m.rows - fromData,
    wait: m.frame - m.rows,
    paint: m.painted - m.frame,
    bytes: m.bytes,
  }
}

const verdict = (value: number, bound: number) => (value <= bound ? `≤ ${bound}: ok` : `> ${bound}: MISSED`)
const fmt = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(1))

/** Medians of each part of several opens. */
function medianOpen(opens: Open[]): Open {
  const of = (f: (o: Open) => number | undefined) => {
    const v = opens.map(f).filter((x): x is number => x !== undefined)
    return v.length ? median(v) : undefined
  }
  return { total: of((o) => o.total)!, cpu: of((o) => o.cpu), command: of((o) => o.command), build: of((o) => o.build)!, wait: of((o) => o.wait)!, paint: of((o) => o.paint)!, bytes: of((o) => o.bytes) }
}

/** The Node side of group.members, per call: the handler, get_group_info_ext2's decode, and its wire. */
function instrument(app: RunningApp) {
  const calls: Array<{ handler: number; decode?: number }> = []
  let started = 0
  let wire: GroupInfoWire | undefined
  const decode = getGroupInfoExt2.decode
  let decodeMs: number | undefined
  getGroupInfoExt2.decode = (raw) => {
    const t = performance.now()
    const v = decode(raw)
    decodeMs = since(t)
    wire = v
    return v
  }
  const handlers = app.core.handlers as unknown as Record<string, (a: unknown) => Promise<unknown>>
  const handler = handlers['group.members']!
  handlers['group.members'] = async (args) => {
    decodeMs = undefined
    started++
    const t = performance.now()
    const v = await handler(args)
    calls.push({ handler: since(t), decode: decodeMs })
    return v
  }
  return { calls, wire: () => wire, started: () => started }
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
  return Object.fromEntries(list.map((m) => [m.name, m.value]))
}

/** One open of the panel by clicking `selector`, with the main thread's CPU time over it. */
async function measureOpen(page: Page, cdp: CDPSession, selector: string): Promise<Open> {
  const before = (await metrics(cdp))['ThreadTime']!
  const mark = await clickUntilRows(page, selector)
  return split(mark, ((await metrics(cdp))['ThreadTime']! - before) * 1000)
}

interface Stretch {
  sent: number
  events: number
  longtasks: Array<{ start: number; duration: number }>
  dropped: number
  frames: number
  worstGap: number
  ms: Record<'task' | 'cpu' | 'script' | 'layout' | 'style', number>
  layouts: number
  styles: number
  /** The main thread's work by kind, from a trace of the stretch. */
  work: WindowWork
  /** Each main-thread task's own CPU time in the stretch (ms), the largest first: a long task less the time another process had the core. */
  taskCpu: number[]
}

type TraceEvents = Awaited<ReturnType<typeof traceMainThread>>

/**
 * The thread CPU time of each top-level task of the page's main thread between the marks
 * `<prefix>:start:0` and `<prefix>:end:0`, the largest first. A long task's wall time counts the
 * time the thread waited for a core (2 cores, the engine and the emulator busy with the same
 * messages); its CPU time is the page's own work, which is what a change to the page changes.
 */
function tasksCpu(events: TraceEvents, prefix: string): number[] {
  const mark = (name: string) => events.find((e) => e.cat.includes('blink.user_timing') && e.name === name)
  // The page marks on its main thread.
  const start = mark(`${prefix}:start:0`)
  const end = mark(`${prefix}:end:0`)?.ts ?? NaN
  if (!start) return []
  const tasks = events
    .filter((e) => e.pid === start.pid && e.tid === start.tid && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts >= start.ts && e.ts <= end)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const cpu: number[] = []
  let until = -Infinity
  for (const t of tasks) {
    if (t.ts < until) continue // nested in the task before
    until = t.ts + t.dur!
    cpu.push((t.tdur ?? t.dur!) / 1000)
  }
  return cpu.sort((a, b) => b - a)
}

/** `rate` messages a second for `seconds` from the group's members (each its own /control call, side by side). */
async function send(app: RunningApp, group: { number: string; members: Array<{ qq: string }> }, self: string, rate: number, seconds: number): Promise<number> {
  const senders = group.members.filter((m) => m.qq !== self)
  const t0 = performance.now()
  const pending: Array<Promise<unknown>> = []
  for (let i = 0; i < rate * seconds; i++) {
    const wait = t0 + (i * 1000) / rate - performance.now()
    if (wait > 0) await sleep(wait)
    const from = senders[(i * 7919) % senders.length]!.qq
    const words = '今天的会议改到下午三点，大家记得带上电脑和资料，有问题在群里说。'
    pending.push(app.phone.post('/control/messages/send', { kind: 'group', target: group.number, from, content: [`第${i}条 ${words.slice(0, 6 + ((i * 13) % 28))}`] }))
  }
  await Promise.all(pending)
  await sleep(Math.max(0, t0 + seconds * 1000 + 1_000 - performance.now()))
  return rate * seconds
}

/** `rate` messages a second from the group's members for SECONDS, traced in the page. */
async function chatter(app: RunningApp, cdp: CDPSession, group: { number: string; members: Array<{ qq: string }> }, self: string, rate: number): Promise<Stretch> {
  const { page } = app
  await sleep(500)
  const m0 = await metrics(cdp)
  let sent = 0
  let trace: { longtasks: Stretch['longtasks']; frames: number[]; events: number } | undefined
  const events = await traceMainThread(app.browser, page, async () => {
    await page.evaluate(() => performance.mark('chatter:start:0'))
    await page.evaluate('window.__lg.start()')
    sent = await send(app, group, self, rate, SECONDS)
    trace = (await page.evaluate('window.__lg.stop()')) as typeof trace
    await page.evaluate(() => performance.mark('chatter:end:0'))
  })
  const [work] = windowsWork(events, 'chatter')
  const taskCpu = tasksCpu(events, 'chatter')
  const m1 = await metrics(cdp)
  let dropped = 0
  let worstGap = 0
  const { frames, longtasks, events: arrived } = trace!
  for (let i = 1; i < frames.length; i++) {
    const gap = frames[i]! - frames[i - 1]!
    worstGap = Math.max(worstGap, gap)
    dropped += Math.max(0, Math.round(gap / FRAME_MS) - 1)
  }
  const d = (name: string) => (m1[name]! - m0[name]!) * 1000
  return {
    sent,
    events: arrived,
    longtasks,
    dropped,
    frames: frames.length,
    worstGap,
    ms: { task: d('TaskDuration'), cpu: d('ThreadTime'), script: d('ScriptDuration'), layout: d('LayoutDuration'), style: d('RecalcStyleDuration') },
    layouts: m1['LayoutCount']! - m0['LayoutCount']!,
    styles: m1['RecalcStyleCount']! - m0['RecalcStyleCount']!,
    work: work!,
    taskCpu,
  }
}

/**
 * The same chatter for PROFILE_SECONDS under the page's CPU profiler (a stretch of its own: the
 * profiler slows the page, so the traced numbers above are measured without it). Prints the
 * functions with the most self time and the page's functions with the most total time, each per
 * message (function names are only readable in an unminified build).
 */
async function profileChatter(app: RunningApp, cdp: CDPSession, group: { number: string; members: Array<{ qq: string }> }, self: string, what: string, report: Report): Promise<void> {
  await sleep(500)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const sent = await send(app, group, self, RATE, PROFILE_SECONDS)
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile }
  await cdp.send('Profiler.disable')
  const per = (ms: number) => (ms / sent).toFixed(2)
  report.note(`${what}, CPU profile of ${sent} messages, self time per message: ${hottest(profile, 12).map((h) => `${per(h.ms)} ${h.where}`).join('; ')}`)
  report.note(`${what}, the page's functions by total time per message: ${totalTime(profile, 14, (url) => url.includes('/assets/')).map((h) => `${per(h.ms)} ${h.where}`).join('; ')}`)
}

/** Functions by total time (self and callees; a function on the stack twice counts once). */
function totalTime(profile: CpuProfile, n: number, keep: (url: string) => boolean): Array<{ ms: number; where: string }> {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]))
  const parent = new Map<number, number>()
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id)
  const total = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>()
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const { functionName, url } = byId.get(at)!.callFrame
      if (!functionName || !keep(url)) continue
      seen.add(functionName)
    }
    for (const name of seen) total.set(name, (total.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...total].sort((a, b) => b[1] - a[1]).slice(0, n).map(([where, ms]) => ({ ms, where }))
}

function reportStretch(report: Report, what: string, s: Stretch): void {
  const longest = Math.max(0, ...s.longtasks.map((t) => t.duration))
  report.line(`${s.events}/${s.sent}`, 'msgs', `${what}: message.new frames at the page / sent at ${RATE}/s for ${SECONDS} s`)
  report.line(s.longtasks.length, 'tasks', `${what}: long tasks (> 50 ms) in the ${SECONDS + 1} s trace (goal 0)`)
  report.line(longest, 'ms', `${what}: the longest task (${verdict(longest, GOALS.longTaskMs)})`)
  const over = (ms: number) => s.taskCpu.filter((c) => c > ms).length
  report.line(s.taskCpu[0] ?? 0, 'ms', `${what}: the largest task's own CPU time (thread time, what contention does not stretch; tasks over 50 / 30 / 16 ms of CPU: ${over(50)} / ${over(30)} / ${over(16)}; the next largest ${s.taskCpu.slice(1, 6).map((c) => c.toFixed(0)).join(', ')} ms)`)
  report.line(s.dropped, 'frames', `${what}: frames dropped (rAF gaps over one 60 Hz frame; ${s.frames} frames ran, worst gap ${s.worstGap.toFixed(0)} ms)`)
  report.line(s.ms.task, 'ms', `${what}: renderer main thread busy (script ${s.ms.script.toFixed(0)}, style ${s.ms.style.toFixed(0)} ×${s.styles}, layout ${s.ms.layout.toFixed(0)} ×${s.layouts}, the rest paint and other)`)
  if (s.events > 0) {
    report.line(s.ms.cpu / s.events, 'ms', `${what}: renderer main thread CPU per message (ThreadTime; ${s.ms.cpu.toFixed(0)} ms in all, load on the machine does not stretch it)`)
    report.line(`${(s.layouts / s.events).toFixed(2)} / ${(s.styles / s.events).toFixed(2)}`, '/msg', `${what}: layouts / style recalculations per message`)
  }
  const w = s.work
  report.note(`${what}, main thread from a trace: busy ${w.busy.toFixed(0)} ms, CPU ${w.cpu.toFixed(0)} ms; ${KINDS.map((k) => `${k} ${w.byKind[k].toFixed(0)}`).join(', ')} ms (other: ${topOther([w], 4)} ms)`)
}

const scenario: Scenario = {
  name: 'large-group',
  title: `a ${MEMBERS.toLocaleString('en-US')}-member group in Chromium: member panel click → painted, and ${RATE} msg/s of chatter for ${SECONDS} s (long tasks, dropped frames)`,
  async run(report: Report) {
    const app = await startApp({ emulator: { graph: { friends: 500, groups: 5, membersPerGroup: 20, bigGroupMembers: MEMBERS, discussions: 1, scripted: false } } })
    try {
      const { page, phone } = app
      const node = instrument(app)
      await page.addInitScript(HOOK)
      await page.reload()
      await app.logIn()
      const world = (await phone.contacts()) as { self?: { qq: string }; groups: Array<{ number: string; name: string; members: Array<{ qq: string }> }> }
      const big = world.groups.find((g) => g.members.length === MEMBERS)!
      const small = world.groups.find((g) => g !== big)!
      const self = DEFAULT_ACCOUNT.qq
      const openGroup = async (name: string) => {
        await page.click($('tab-groups'))
        await page.locator($('group-row'), { hasText: name }).first().click()
        await page.locator(`${$('chat-pane')}`).waitFor()
      }
      const panelButton = $('members-button')
      const refreshButton = `${$('member-panel')} button[aria-label="刷新成员"]`
      const closePanel = async () => {
        await page.click(panelButton)
        await page.locator($('member-panel')).waitFor({ state: 'detached' })
      }

      let cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      // (a) The first open since the login: the engine has never loaded this group's members.
      await openGroup(big.name)
      await sleep(300)
      // The chat fetches its members when it opens (MessageList): asked, and answered, before the click?
      const before = { asked: node.started(), answered: node.calls.length }
      const cold = await measureOpen(page, cdp, panelButton)
      const rowCount = (await page.evaluate(`document.querySelectorAll('${$('member-row')}').length`)) as number
      await app.shot('large-group-members')
      const reopen: Open[] = []
      for (let i = 0; i < OPENS; i++) {
        await closePanel()
        await sleep(200)
        reopen.push(await measureOpen(page, cdp, panelButton))
      }
      // A fresh page (nothing in the renderer), the engine's list cached.
      const fresh: Open[] = []
      for (let i = 0; i < OPENS; i++) {
        await page.reload()
        await page.locator($('self-nick')).waitFor()
        await cdp.detach()
        cdp = await page.context().newCDPSession(page)
        await cdp.send('Performance.enable')
        await openGroup(big.name)
        await sleep(300)
        fresh.push(await measureOpen(page, cdp, panelButton))
      }
      // 刷新成员: the engine asks get_group_info_ext2 again (cold), the panel is already there.
      const refresh: Open[] = []
      for (let i = 0; i < OPENS; i++) {
        await sleep(200)
        refresh.push(await measureOpen(page, cdp, refreshButton))
      }
      const coldCalls = node.calls.filter((c) => c.decode !== undefined)
      const warmCalls = node.calls.filter((c) => c.decode === undefined)
      const friendsByUin = new Map(app.core.client!.online().contacts.snapshot.friends.map((f) => [f.uin, f]))
      const mapMs: number[] = []
      for (let i = 0; i < 10; i++) {
        const t = performance.now()
        mapGroupDetails('bench', node.wire()!, friendsByUin)
        mapMs.push(since(t))
      }

      report.note(`${rowCount} member rows in the DOM of ${MEMBERS.toLocaleString('en-US')} (virtualised); a frame in headless Chromium is ~${FRAME_MS.toFixed(1)} ms, so "wait" is up to one frame of vsync`)
      const line = (o: Open, what: string) =>
        report.line(
          o.total,
          'ms',
          `${what} (${verdict(o.total, GOALS.panelMs)}; main thread CPU ${fmt(o.cpu)}): command ${fmt(o.command)} (group.members round trip, ${o.bytes ? `${(o.bytes / 1024).toFixed(0)} KiB frame` : 'none'}), build ${fmt(o.build)} (data → rows in the DOM), wait ${fmt(o.wait)}, layout/paint ${fmt(o.paint)}`,
        )
      report.note(`the group's chat open 300 ms before the click: group.members ${before.answered ? 'fetched and answered (the chat fetches its members as it opens)' : before.asked ? 'asked, still on its way' : 'not asked yet'}`)
      line(cold, 'first open after the login, engine not cached: click → rows painted')
      line(medianOpen(reopen), `re-open, the renderer already holding the list (median of ${OPENS})`)
      line(medianOpen(fresh), `first open in a fresh page, engine cached (median of ${OPENS})`)
      line(medianOpen(refresh), `刷新成员: engine not cached, the panel open (median of ${OPENS})`)
      report.line(median(coldCalls.map((c) => c.handler)), 'ms', `group.members in Node, not cached: get_group_info_ext2 over HTTP + decode + map (median of ${coldCalls.length})`)
      report.line(median(coldCalls.map((c) => c.decode!)), 'ms', `  of which get_group_info_ext2's decode (zod schema, §5.5)`)
      report.line(median(mapMs), 'ms', `  of which mapping the wire to ${MEMBERS.toLocaleString('en-US')} GroupMembers (mapGroupDetails, median of ${mapMs.length})`)
      report.line(median(warmCalls.map((c) => c.handler)), 'ms', `group.members in Node, cached (median of ${warmCalls.length})`)
      const commandNode = median(warmCalls.map((c) => c.handler))
      const warmCommand = medianOpen(fresh).command
      if (warmCommand !== undefined) report.line(warmCommand - commandNode, 'ms', 'WebSocket transfer, cached: round trip at the page − the handler in Node (JSON both ways, the frame)')

      // (b) 50 msg/s in the group, on screen (the recent list beside it), then with another chat open.
      await closePanel()
      await page.click($('tab-recent'))
      const idle = await chatter(app, cdp, big, self, 0)
      report.note(`idle ${SECONDS} s (no messages, the group open): ${idle.longtasks.length} long tasks, ${idle.dropped} frames dropped of ${idle.frames}, main thread busy ${idle.ms.task.toFixed(0)} ms, CPU ${idle.ms.cpu.toFixed(0)} ms, ${idle.layouts} layouts`)
      const open = await chatter(app, cdp, big, self, RATE)
      const nodes = (await page.evaluate(`document.querySelectorAll('${$('message')}').length`)) as number
      await app.shot('large-group-chatter')
      reportStretch(report, 'group open', open)
      await profileChatter(app, cdp, big, self, 'group open', report)
      // What the list ends with is what the engine stored last (the control calls run side by side, so not always the last sent).
      const key = app.core.client!.online().contacts.snapshot.groups.find((g) => g.name === big.name)!.key
      const [newest] = await app.core.handlers['history.page']({ conversation: { kind: 'group', key }, limit: 1 })
      const lastShown = (await page.evaluate(`[...document.querySelectorAll('${$('message')}')].at(-1)?.dataset.id`)) as string | undefined
      report.note(`${nodes} message elements in the DOM at the end; the last one shown is ${lastShown === newest?.id ? 'the newest stored: ok' : `not the newest stored (${lastShown} ≠ ${newest?.id}): WRONG`}`)
      await openGroup(small.name)
      await page.click($('tab-recent'))
      const away = await chatter(app, cdp, big, self, RATE)
      reportStretch(report, 'group not open', away)
      await profileChatter(app, cdp, big, self, 'group not open', report)
      await cdp.detach()

      report.note('Chromium headless with --disable-gpu; the engine, the emulator and the web server share one Node process; each stretch is traced (main-thread-trace.ts)')
      report.note(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs at the end (other work on the machine stretches every number)`)
      const longest = (s: Stretch) => Math.max(0, ...s.longtasks.map((t) => t.duration)).toFixed(0)
      report.summary(
        `members panel ${cold.total.toFixed(0)} ms cold / ${medianOpen(fresh).total.toFixed(0)} ms fresh page / ${medianOpen(reopen).total.toFixed(0)} ms re-open; chatter open: ${open.longtasks.length} long tasks (longest ${longest(open)} ms), ${open.dropped} frames dropped; not open: ${away.longtasks.length} long tasks (longest ${longest(away)} ms), ${away.dropped} dropped`,
      )
    } finally {
      await app.close()
    }
  },
}

export default scenario
