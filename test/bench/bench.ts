import { cpus, platform, release, totalmem } from 'node:os'

/**
 * What every benchmark scenario shares: the scenario shape, numbered result lines, and the
 * statistics (medians, percentiles) the numbers are reported as.
 */

export interface Scenario {
  name: string
  /** One line: what is measured. */
  title: string
  run(report: Report): Promise<void>
}

/** Numbered result lines (`value unit  what`), context notes and one closing summary line. */
export class Report {
  private n = 0

  constructor(private readonly scenario: string) {}

  /** A measured value: `3. 41.2 ms  confirm → lists ready (median of 5)`. */
  line(value: number | string, unit: string, what: string): void {
    this.n++
    const shown = typeof value === 'number' ? formatNumber(value) : value
    console.log(`${String(this.n).padStart(3)}. ${shown.padStart(10)} ${unit.padEnd(6)} ${what}`)
  }

  /** Context a reader needs to judge the numbers (what is included, sizes, settings). */
  note(text: string): void {
    console.log(`     · ${text}`)
  }

  summary(text: string): void {
    console.log(`summary ${this.scenario}: ${text}`)
  }
}

export function formatNumber(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US')
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2)
}

/** The nearest-rank percentile (p in 0–100) of some samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!
}

export const median = (samples: readonly number[]) => percentile(samples, 50)
export const min = (samples: readonly number[]) => Math.min(...samples)

/** Milliseconds since an earlier `performance.now()`. */
export const since = (t0: number) => performance.now() - t0

/** The machine-dependent facts behind every number. */
export function machine(): string {
  const cpu = cpus()
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.versions.node}`
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** `p`, or an error after `ms`; the timer never outlives the race (the process must end by itself). */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)))])
  } finally {
    clearTimeout(timer)
  }
}
