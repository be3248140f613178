import type { Browser, Page } from 'playwright-core'

/**
 * Where the renderer's main thread spends a stretch of time, from a Chromium trace: each
 * timeline event's self time (its duration less its children's) goes to the kind of work it is
 * (script, style, layout, paint, gc), an event of no known kind taking its parent's. Windows are
 * marked in the page with `performance.mark(name)`; a window's work is the main-thread tasks in
 * it, as wall time (`busy`) and as the thread's own CPU time (`cpu`, which another process on
 * the same core does not inflate). Waiting for the next frame is not work: it is in no task.
 */

export const KINDS = ['script', 'style', 'layout', 'paint', 'gc', 'other'] as const
export type Kind = (typeof KINDS)[number]

export interface WindowWork {
  /** Main-thread task time in the window, ms. */
  busy: number
  /** The same tasks' thread CPU time, ms. */
  cpu: number
  byKind: Record<Kind, number>
  /** The self time of the events counted as `other`, by name: what to look at when it is large. */
  other: Map<string, number>
  /** Work counts no other process changes: elements whose style was recalculated, layout objects laid out. */
  restyled: number
  laidOut: number
}

interface TraceEvent {
  name: string
  cat: string
  ph: string
  ts: number
  dur?: number
  tdur?: number
  pid: number
  tid: number
  args?: { name?: string; elementCount?: number; beginData?: { dirtyObjects?: number } }
}

// Not 'v8': its events per compiled function make the traced page itself much slower.
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'blink.user_timing', 'v8.execute']

const SCRIPT = new Set(['EvaluateScript', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.compile', 'v8.run', 'v8.callFunction', 'V8.Execute', 'v8.evaluateModule', 'FireIdleCallback', 'XHRReadyStateChange'])
const STYLE = new Set(['UpdateLayoutTree', 'RecalculateStyles', 'ParseAuthorStyleSheet'])
const LAYOUT = new Set(['Layout', 'IntersectionObserverController::computeIntersections', 'ResizeObserverController::notify'])
const PAINT = new Set(['PrePaint', 'Paint', 'PaintImage', 'Layerize', 'UpdateLayer', 'UpdateLayerTree', 'CompositeLayers', 'Commit', 'PaintSetup', 'Decode Image'])
const TOP = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask'])

function kindOf(name: string): Kind | undefined {
  if (SCRIPT.has(name)) return 'script'
  if (STYLE.has(name)) return 'style'
  if (LAYOUT.has(name)) return 'layout'
  if (PAINT.has(name)) return 'paint'
  if (/GC|Sweep|Mark/.test(name)) return 'gc'
  return undefined
}

const noKinds = (): Record<Kind, number> => ({ script: 0, style: 0, layout: 0, paint: 0, gc: 0, other: 0 })

/** Traces the page's renderer while `body` runs. */
export async function traceMainThread(browser: Browser, page: Page, body: () => Promise<void>): Promise<TraceEvent[]> {
  await browser.startTracing(page, { categories: CATEGORIES })
  const failed = await body().then(
    () => undefined,
    (e: unknown) => ({ e }),
  )
  const buffer = await browser.stopTracing()
  if (failed) throw failed.e
  const parsed = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[]
  return Array.isArray(parsed) ? parsed : parsed.traceEvents
}

/**
 * The work in each window `[<prefix>:start:<i>, <prefix>:end:<i>]` (the page marks both), in
 * the order of i.
 */
export function windowsWork(events: readonly TraceEvent[], prefix: string): WindowWork[] {
  // The page's main thread: the CrRendererMain with the most events (a trace may hold others).
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  const count = (m: TraceEvent) => events.reduce((n, e) => n + (e.pid === m.pid && e.tid === m.tid ? 1 : 0), 0)
  const main = mains.map((m) => ({ m, n: count(m) })).sort((a, b) => b.n - a.n)[0]?.m
  if (!main) throw new Error('no renderer main thread in the trace')
  const onMain = (e: TraceEvent) => e.pid === main.pid && e.tid === main.tid

  const marks = new Map<string, number>()
  for (const e of events) if (e.cat.includes('blink.user_timing') && e.name.startsWith(`${prefix}:`) && !marks.has(e.name)) marks.set(e.name, e.ts)
  const windows: Array<{ start: number; end: number; work: WindowWork }> = []
  for (let i = 0; marks.has(`${prefix}:start:${i}`) && marks.has(`${prefix}:end:${i}`); i++) {
    windows.push({ start: marks.get(`${prefix}:start:${i}`)!, end: marks.get(`${prefix}:end:${i}`)!, work: { busy: 0, cpu: 0, byKind: noKinds(), other: new Map(), restyled: 0, laidOut: 0 } })
  }
  const windowAt = (ts: number) => windows.find((w) => ts >= w.start && ts <= w.end)

  const slices = events.filter((e) => onMain(e) && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  // Nesting: an open stack of the events that contain the current one.
  const stack: Array<{ e: TraceEvent; kind: Kind | undefined; children: number }> = []
  const close = (upTo: number) => {
    while (stack.length && stack.at(-1)!.e.ts + stack.at(-1)!.e.dur! <= upTo) {
      const done = stack.pop()!
      const w = windowAt(done.e.ts)
      if (!w) continue
      const self = (done.e.dur! - done.children) / 1000
      w.work.byKind[done.kind ?? 'other'] += self
      if (!done.kind) w.work.other.set(done.e.name, (w.work.other.get(done.e.name) ?? 0) + self)
      if (done.e.name === 'UpdateLayoutTree') w.work.restyled += done.e.args?.elementCount ?? 0
      if (done.e.name === 'Layout') w.work.laidOut += done.e.args?.beginData?.dirtyObjects ?? 0
    }
  }
  for (const e of slices) {
    close(e.ts)
    const parent = stack.at(-1)
    if (parent) parent.children += e.dur!
    if (!parent && TOP.has(e.name)) {
      // A top-level task: its overlap with a window is that window's busy time.
      for (const w of windows) {
        const overlap = Math.min(e.ts + e.dur!, w.end) - Math.max(e.ts, w.start)
        if (overlap <= 0) continue
        w.work.busy += overlap / 1000
        w.work.cpu += ((e.tdur ?? e.dur!) * (overlap / e.dur!)) / 1000
      }
    }
    stack.push({ e, kind: kindOf(e.name) ?? parent?.kind, children: 0 })
  }
  close(Infinity)
  return windows.map((w) => w.work)
}

/** The largest `other` entries over some windows, as `name ms` (mean per window). */
export function topOther(work: readonly WindowWork[], n = 3): string {
  const sum = new Map<string, number>()
  for (const w of work) for (const [name, ms] of w.other) sum.set(name, (sum.get(name) ?? 0) + ms)
  return [...sum].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, ms]) => `${name} ${(ms / work.length).toFixed(1)}`).join(', ')
}
