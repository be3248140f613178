const DAY = 86_400_000

function startOfDay(t: number): number {
  const d = new Date(t)
  d.setHours(0, 0, 0, 0)
  return d.getTime()
}

/** Days between the calendar days of `t` and `now` (0 = same day, 1 = yesterday). */
export function daysAgo(t: number, now: number): number {
  return Math.round((startOfDay(now) - startOfDay(t)) / DAY)
}

export function dayKey(t: number): string {
  const d = new Date(t)
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`
}

/**
 * One formatter per locale and options: making an Intl formatter costs far more than using it,
 * and a chat formats two times per message it shows (the chat bench's first paint).
 */
const formatters = new Map<string, Intl.DateTimeFormat>()
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`
  let f = formatters.get(key)
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)))
  return f
}

export function clockTime(t: number, locale: string): string {
  return dateFormat(locale, { hour: '2-digit', minute: '2-digit', hour12: false }).format(t)
}

/** Date and time in full, for a message time's tooltip. */
export function fullTime(t: number, locale: string): string {
  return dateFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(t)
}

export type RelativeDay = { kind: 'today' } | { kind: 'yesterday' } | { kind: 'weekday'; text: string } | { kind: 'date'; text: string }

/** How chat lists name a day: today, yesterday, a weekday within the week, else the date. */
export function relativeDay(t: number, now: number, locale: string): RelativeDay {
  const n = daysAgo(t, now)
  if (n <= 0) return { kind: 'today' }
  if (n === 1) return { kind: 'yesterday' }
  if (n < 7) return { kind: 'weekday', text: dateFormat(locale, { weekday: 'long' }).format(t) }
  const sameYear = new Date(t).getFullYear() === new Date(now).getFullYear()
  return {
    kind: 'date',
    text: dateFormat(locale, sameYear ? { month: 'long', day: 'numeric' } : { year: 'numeric', month: 'long', day: 'numeric' }).format(t),
  }
}

/** Compact time for list rows: clock time today, else a short date. */
export function listTime(t: number, now: number, locale: string): RelativeDay | { kind: 'clock'; text: string } {
  const n = daysAgo(t, now)
  if (n <= 0) return { kind: 'clock', text: clockTime(t, locale) }
  if (n === 1) return { kind: 'yesterday' }
  if (n < 7) return { kind: 'weekday', text: dateFormat(locale, { weekday: 'short' }).format(t) }
  return { kind: 'date', text: dateFormat(locale, { year: '2-digit', month: 'numeric', day: 'numeric' }).format(t) }
}

export function fileSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB']
  let v = bytes
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`
}
