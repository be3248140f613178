import { STATUS_NAMES, type ClientKind, type StatusName } from '../model'

/** The wire codes of online states and client types (§3.7, §5.5, §5.16); the names are the model's. */

export { STATUS_NAMES, type ClientKind, type StatusName }

const CODE_BY_NAME: Record<StatusName, number> = {
  online: 10,
  offline: 20,
  away: 30,
  hidden: 40,
  busy: 50,
  callme: 60,
  silent: 70,
}

export function statusCode(name: StatusName): number {
  return CODE_BY_NAME[name]
}

export function statusName(code: number): StatusName | undefined {
  return STATUS_NAMES.find((n) => CODE_BY_NAME[n] === code)
}

/**
 * The model's names as a Set, not the enum's safeParse: ~1 µs a call was 5 ms of a 5,000-friend
 * warm-up's presence, and one per presence change (issue 13). A Set, not an object's keys:
 * `constructor` is no status.
 */
const NAMES: ReadonlySet<unknown> = new Set(STATUS_NAMES)

export function isStatusName(s: unknown): s is StatusName {
  return NAMES.has(s)
}

/** client_type values: 1–10 PC, 21–23 mobile, 24 iPhone, 41 web, 42 pad; 10000 unknown. */
export function clientKind(type: number): ClientKind {
  if (type >= 1 && type <= 10) return 'pc'
  if (type >= 21 && type <= 23) return 'mobile'
  if (type === 24) return 'iphone'
  if (type === 41) return 'web'
  if (type === 42) return 'pad'
  return 'unknown'
}
