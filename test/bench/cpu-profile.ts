import { Session } from 'node:inspector/promises'

/**
 * Where CPU time goes, for benchmarks that share a process (or a renderer) with other work: a V8
 * CPU profile (this process's through node:inspector, a page's through CDP, same shape) cut by
 * who called, and a Chromium trace's main-thread time cut into scripting, style, layout and paint.
 */

export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>
  samples: number[]
  timeDeltas: number[]
  startTime: number
  endTime: number
}

/** Profiles this process while `during` runs (sampling every `intervalUs`). */
export async function profileThisProcess(during: () => Promise<void>, intervalUs = 250): Promise<CpuProfile> {
  const session = new Session()
  session.connect()
  try {
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: intervalUs })
    await session.post('Profiler.start')
    await during()
    const { profile } = await session.post('Profiler.stop')
    return profile as CpuProfile
  } finally {
    session.disconnect()
  }
}

/** What V8 names its own time: idle, garbage collection, and time it could not place in a function. */
const V8_OWN: Record<string, string> = { '(idle)': 'idle', '(garbage collector)': 'gc', '(program)': 'program' }

/**
 * Each sample's time (ms) given to the first frame from the leaf up that `owner` names (so a
 * library or a Node internal counts for the code that called it); samples no frame names are
 * 'unowned', V8's own are 'idle', 'gc', 'program'.
 */
export function attribute(profile: CpuProfile, owner: (url: string, functionName: string) => string | undefined): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const ownerOf = new Map<number, string>()
  const resolve = (id: number): string => {
    const known = ownerOf.get(id)
    if (known) return known
    const frame = byId.get(id)!.callFrame
    const up = parent.get(id)
    const own = V8_OWN[frame.functionName] ?? owner(frame.url, frame.functionName) ?? (up === undefined ? 'unowned' : resolve(up))
    ownerOf.set(id, own)
    return own
  }
  const ms = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const who = resolve(id)
    ms.set(who, (ms.get(who) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return ms
}

/** The functions with the most self time: `12.3 ms  name (file:line)`. */
export function hottest(profile: CpuProfile, n: number, keep: (url: string) => boolean = () => true): Array<{ ms: number; where: string }> {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    if (V8_OWN[functionName] === 'idle' || !keep(url)) return
    const where = `${functionName || '(anonymous)'} (${url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '') || 'native'}:${lineNumber + 1})`
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([where, ms]) => ({ ms, where }))
}

interface TraceEvent {
  name: string
  ph: string
  ts: number
  dur?: number
  pid: number
  tid: number
  args?: { name?: string }
}

/** The trace events Chromium names for each kind of main-thread work (DevTools' Performance panel groups them so). */
const KIND: Record<string, string> = {
  FunctionCall: 'scripting',
  EvaluateScript: 'scripting',
  TimerFire: 'scripting',
  FireAnimationFrame: 'scripting',
  EventDispatch: 'scripting',
  RunMicrotasks: 'scripting',
  'v8.run': 'scripting',
  'v8.compile': 'scripting',
  'V8.Execute': 'scripting',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GCFinalizeMC': 'gc',
  BlinkGC: 'gc',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  CompositeLayers: 'paint',
  Commit: 'paint',
}

/**
 * The renderer main thread's self time (ms) per kind (scripting, gc, style, layout, paint; the
 * rest of a task is 'other', with its event names: message and IPC handling, task overhead)
 * from a trace with `devtools.timeline`: each complete event's time minus the events nested in it.
 */
export function mainThreadTime(traceJson: Buffer | string): { kinds: Map<string, number>; other: Map<string, number> } {
  const events = (JSON.parse(traceJson.toString()) as { traceEvents: TraceEvent[] }).traceEvents
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
  if (!main) throw new Error('no renderer main thread in the trace')
  const spans = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!)
  const kinds = new Map<string, number>()
  const other = new Map<string, number>()
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us / 1000)
  // Open spans, outermost first, each with the kind it counts for (a nested unnamed span counts for its parent's).
  const open: Array<{ name: string; end: number; kind: string; self: number }> = []
  const close = (upTo: number) => {
    while (open.length && open.at(-1)!.end <= upTo) {
      const s = open.pop()!
      add(kinds, s.kind, s.self)
      if (s.kind === 'other') add(other, s.name, s.self)
    }
  }
  for (const e of spans) {
    close(e.ts)
    const parent = open.at(-1)
    if (parent) parent.self -= e.dur!
    // Only what lies inside a task is the thread's work: top-level spans are tasks (RunTask and its kin).
    const kind = KIND[e.name] ?? (parent ? parent.kind : 'other')
    open.push({ name: e.name, end: e.ts + e.dur!, kind, self: e.dur! })
  }
  close(Infinity)
  return { kinds, other }
}
