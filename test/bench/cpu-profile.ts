import { Session } from 'node:inspector/promises'

/**
 * Where CPU time goes, for benchmarks that share a process (or a renderer) with other work: a V8
 * CPU profile (this process's through node:inspector, a page's through CDP, same shape) cut by
 * who called. (A page's main thread by kind of work: main-thread-trace.ts.)
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
// A Map, not an object: a native frame named `toString` must not find Object.prototype's.
const V8_OWN = new Map([
  ['(idle)', 'idle'],
  ['(garbage collector)', 'gc'],
  ['(program)', 'program'],
])

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
    const own = V8_OWN.get(frame.functionName) ?? owner(frame.url, frame.functionName) ?? (up === undefined ? 'unowned' : resolve(up))
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
    if (V8_OWN.get(functionName) === 'idle' || !keep(url)) return
    const where = `${functionName || '(anonymous)'} (${url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, '') || 'native'}:${lineNumber + 1})`
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  })
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([where, ms]) => ({ ms, where }))
}
