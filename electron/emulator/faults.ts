import { z } from 'zod'
import type { RequestContext } from './http/context'
import type { Route, RouteHook } from './http/router'
import type { Rng } from './state/rng'

/**
 * Fault injection (§9 "(inject)" items): per endpoint or global, each with a probability and an
 * optional count. Transport-level faults are answered by the router hook; protocol-level ones
 * are handed to the endpoint through the request (`faultOf(ctx)`), because only the endpoint
 * knows how to, say, deliver a message and still answer 1202.
 */
// Built on first use (z.lazy): most runs set no fault, and the app that embeds the emulator starts without building them.
export const faultSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    /** Answer late (slow network, slow backend). */
    z.object({ kind: z.literal('delay'), ms: z.number().int().min(0).max(120_000) }),
    /** An HTTP error from the front end (502/504 nginx pages, 403, 404). */
    z.object({ kind: z.literal('http'), status: z.number().int().min(400).max(599) }),
    /** Close the connection without an answer. */
    z.object({ kind: z.literal('drop') }),
    /** A 200 answer whose body is not JSON. */
    z.object({ kind: z.literal('malformed') }),
    /** `{"retcode":N,...}` instead of the real answer (e.g. 50, 13, 100100 on the group list; 103, 121 on poll). */
    z.object({ kind: z.literal('retcode'), retcode: z.number().int(), extra: z.record(z.string(), z.unknown()).optional() }),
    /** The endpoint answers success with empty lists. */
    z.object({ kind: z.literal('empty') }),
    /** poll2 answers 116 with a new ptwebqq and rotates it (§3.10). */
    z.object({ kind: z.literal('rotate-ptwebqq') }),
    /** A send is delivered and still answered with this retcode (1202, 100100; §6.4). */
    z.object({ kind: z.literal('delivered-retcode'), retcode: z.number().int() }),
    /** The session is kicked (another login) before the request is answered. */
    z.object({ kind: z.literal('kick') }),
    /** The session expires before the request is answered. */
    z.object({ kind: z.literal('expire') }),
    // Hostile media answers (media/hostile.ts), for clients that must not trust the picture and file servers:
    /** A media redirect to another scheme (`file:///etc/passwd`, `javascript:alert(1)`). */
    z.object({ kind: z.literal('redirect-scheme'), scheme: z.enum(['file', 'javascript']).default('file') }),
    /** A media redirect to a loopback or private address that is not the emulator, or to its own address on another port. */
    z.object({ kind: z.literal('redirect-elsewhere'), to: z.enum(['loopback', 'private', 'other-port']).default('loopback') }),
    /** The image or file server answers with one more redirect instead of the bytes. */
    z.object({ kind: z.literal('redirect-twice') }),
    /** HTML bytes under the picture's Content-Type. */
    z.object({ kind: z.literal('lying-type') }),
    /** A body that never ends (no Content-Length). */
    z.object({ kind: z.literal('endless') }),
    /** A 64 MiB body. */
    z.object({ kind: z.literal('oversized') }),
    /** The real body, one byte every 200 ms. */
    z.object({ kind: z.literal('trickle') }),
  ]),
)
export type Fault = z.infer<typeof faultSchema>

export const faultRuleSchema = z.lazy(() =>
  z.object({
    /** An endpoint name (`poll2`, `get_group_name_list_mask2`, …) or `*` for all protocol endpoints. */
    endpoint: z.string().min(1),
    fault: faultSchema,
    probability: z.number().min(0).max(1).default(1),
    /** How many times it may fire; unlimited when absent. */
    count: z.number().int().min(1).optional(),
  }),
)
export type FaultRuleInput = z.input<typeof faultRuleSchema>
export interface FaultRule extends z.infer<typeof faultRuleSchema> {
  id: number
  fired: number
}

/** The hostile media answers (media/delivery.ts; /control/media/hostile sets them on the media endpoints). */
export const MEDIA_FAULTS = ['redirect-scheme', 'redirect-elsewhere', 'redirect-twice', 'lying-type', 'endless', 'oversized', 'trickle'] as const satisfies ReadonlyArray<Fault['kind']>
export type MediaFault = (typeof MEDIA_FAULTS)[number]
export const MEDIA_FAULT_KINDS: ReadonlySet<Fault['kind']> = new Set(MEDIA_FAULTS)

/** Faults a route's own handler carries out. */
const HANDLER_FAULTS = new Set<Fault['kind']>(['empty', 'rotate-ptwebqq', 'delivered-retcode', 'kick', 'expire', ...MEDIA_FAULT_KINDS])

const picked = new WeakMap<RequestContext, Fault>()

/** The protocol-level fault chosen for this request, if any. */
export function faultOf(ctx: RequestContext): Fault | undefined {
  return picked.get(ctx)
}

export class Faults {
  private rules: FaultRule[] = []
  private nextId = 1

  constructor(private readonly rng: Rng) {}

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = { ...faultRuleSchema.parse(input), id: this.nextId++, fired: 0 }
    this.rules.push(rule)
    return rule
  }

  remove(id: number): boolean {
    const before = this.rules.length
    this.rules = this.rules.filter((r) => r.id !== id)
    return this.rules.length < before
  }

  clear(): void {
    this.rules = []
  }

  /** Removes the rules whose fault is of one of these kinds; returns how many went. */
  removeKinds(kinds: ReadonlySet<Fault['kind']>): number {
    const before = this.rules.length
    this.rules = this.rules.filter((r) => !kinds.has(r.fault.kind))
    return before - this.rules.length
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }))
  }

  /** Picks at most one fault for a request to `endpoint` (specific rules before global ones). */
  pick(endpoint: string): Fault | undefined {
    const candidates = [...this.rules.filter((r) => r.endpoint === endpoint), ...this.rules.filter((r) => r.endpoint === '*')]
    for (const rule of candidates) {
      if (rule.count !== undefined && rule.fired >= rule.count) continue
      if (this.rng.next() >= rule.probability) continue
      rule.fired++
      return rule.fault
    }
    return undefined
  }

  /**
   * The router hook: only protocol endpoints take faults — not the phone or the control API,
   * though the image server on the emulator's own address does (route.open).
   */
  hook(): RouteHook {
    return async (route: Route, ctx: RequestContext) => {
      if (route.family === 'local' && !route.open?.(ctx)) return
      const fault = this.pick(route.name)
      if (!fault) return
      switch (fault.kind) {
        case 'delay':
          await new Promise((r) => setTimeout(r, fault.ms))
          return
        case 'http':
          ctx.text(nginxPage(fault.status), 'text/html', fault.status)
          return
        case 'drop':
          ctx.req.socket.destroy()
          return
        case 'malformed':
          ctx.text('{"retcode":0,"result":[{"poll_type":', 'application/json; charset=utf-8')
          return
        case 'retcode':
          ctx.json({ retcode: fault.retcode, ...(fault.extra ?? { errmsg: '' }) })
          return
        default:
          if (HANDLER_FAULTS.has(fault.kind)) picked.set(ctx, fault)
      }
    }
  }
}

export function nginxPage(status: number): string {
  const text: Record<number, string> = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Time-out', 403: 'Forbidden', 404: 'Not Found' }
  const t = `${status} ${text[status] ?? 'Error'}`
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body bgcolor="white">\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`
}

/**
 * The CLI form of a rule: `endpoint:kind[=arg][@probability][#count]`, e.g.
 * `get_group_name_list_mask2:retcode=100100`, `*:delay=2000@0.1`, `poll2:http=502@0.05`.
 */
export function parseFaultSpec(spec: string): FaultRuleInput {
  const m = /^([^:]+):([a-z-]+)(?:=([^@#]+))?(?:@([0-9.]+))?(?:#(\d+))?$/.exec(spec)
  if (!m) throw new Error(`bad fault spec ${JSON.stringify(spec)} (want endpoint:kind[=arg][@probability][#count])`)
  const [, endpoint, kind, arg, probability, count] = m
  const n = arg === undefined ? undefined : Number(arg)
  const fault =
    kind === 'delay'
      ? { kind, ms: n }
      : kind === 'http'
        ? { kind, status: n }
        : kind === 'retcode' || kind === 'delivered-retcode'
          ? { kind, retcode: n }
          : kind === 'redirect-scheme'
            ? { kind, scheme: arg }
            : kind === 'redirect-elsewhere'
              ? { kind, to: arg }
              : { kind }
  return faultRuleSchema.parse({
    endpoint,
    fault,
    probability: probability === undefined ? 1 : Number(probability),
    count: count === undefined ? undefined : Number(count),
  })
}
