import { z } from 'zod'
import { parseJson } from '../../smartqq/json'
import { parseJsCallback } from '../../smartqq/ptui'
import { EngineError, protocolError } from '../errors'
import type { HttpResponse } from './endpoint'

/** The JSON answer of a web2 CGI, or an EngineError saying why there is none. */
export function jsonBody(name: string, res: HttpResponse): unknown {
  if (res.status !== 200) throw new EngineError('http', `${name}: HTTP ${res.status}`, { endpoint: name, status: res.status })
  const text = res.body.toString('utf8')
  try {
    return parseJson(text)
  } catch {
    throw new EngineError('malformed', `${name}: answer is not JSON`, { endpoint: name })
  }
}

/**
 * An integer field (a retcode, a flag, a count, a port): a safe integer, as a JSON number or in
 * decimal digits. 1e308, 1.5, 2^64 (parseJson hands it over as digits) or a 400-digit string
 * (Infinity once converted) do not fit: a number the engine holds is always one it can use.
 */
export const intSchema = z.union([z.int(), z.string().regex(/^-?\d{1,16}$/).transform(Number).pipe(z.int())])


/**
 * The status of a web2 answer: `retcode`, or `errCode` / `ec` for the 2015–2017 send answers
 * (§2.3). Undefined when none of them is present.
 */
export function statusOf(body: unknown): number | undefined {
  if (!body || typeof body !== 'object') return undefined
  const o = body as Record<string, unknown>
  for (const key of ['retcode', 'errCode', 'ec']) {
    const parsed = intSchema.safeParse(o[key])
    if (parsed.success) return parsed.data
  }
  return undefined
}

/** Validates a value against a schema; a mismatch is a `malformed` answer, never a crash. */
export function shape<T>(name: string, schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new EngineError('malformed', `${name}: unexpected answer (${issue ? `${issue.path.join('.')}: ${issue.message}` : 'shape'})`, {
      endpoint: name,
    })
  }
  return parsed.data
}

/**
 * Decoder for the `{"retcode":0,"result":…}` envelope (§2.3): non-zero status → protocol
 * error carrying the retcode; `result` validated against the schema.
 */
export function envelope<T>(name: string, schema: z.ZodType<T>) {
  return (res: HttpResponse): T => {
    const body = jsonBody(name, res)
    const status = statusOf(body)
    if (status === undefined) throw new EngineError('malformed', `${name}: answer has no retcode`, { endpoint: name })
    if (status !== 0) throw protocolError(name, status)
    return shape(name, schema, (body as Record<string, unknown>).result)
  }
}

/** Decoder for ptlogin's JavaScript callbacks (`ptuiCB(...)`, `ptui_auth_CB(...)`). */
export function jsCallback(name: string, callbackName: string, minArgs: number) {
  return (res: HttpResponse): string[] => {
    if (res.status !== 200) throw new EngineError('http', `${name}: HTTP ${res.status}`, { endpoint: name, status: res.status })
    const call = parseJsCallback(res.body.toString('utf8'))
    if (!call || call.name !== callbackName || call.args.length < minArgs) {
      throw new EngineError('malformed', `${name}: not a ${callbackName} answer`, { endpoint: name })
    }
    return call.args
  }
}

/**
 * An integer id as the engine keeps it: decimal digits in a string. The service sent ids as
 * JSON numbers (sometimes numeric strings); parseJson already turned unsafe ones into strings.
 * Real ones have at most 20 digits; past 32 a value is no id (it would not fit a contact key).
 */
export const idSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,32}$/)])
  .transform((v) => (typeof v === 'number' ? String(v) : v.replace(/^0+(?=\d)/, '')))

/** How many entries each list decoded by `entries` left out. */
const droppedFrom = new WeakMap<readonly unknown[], number>()

/**
 * A list whose entries are decoded one by one (issue 8): an entry that does not fit is left
 * out and counted (`droppedEntries`), so one bad friend never loses the friend list. A list the
 * service left out or sent as null is empty; a value that is not a list at all does not fit.
 */
export function entries<T extends z.ZodType>(item: T) {
  // Every entry fits in the usual answer: one array parse of the whole list is 2–3× faster than
  // a safeParse per entry (5,000 friends, issue 13); only a list with a bad entry pays for both.
  const whole = z.array(item)
  return z
    .array(z.unknown())
    .nullish()
    .transform((raw) => {
      const all = whole.safeParse(raw ?? [])
      if (all.success) return all.data
      const kept: Array<z.output<T>> = []
      for (const value of raw ?? []) {
        const parsed = item.safeParse(value)
        if (parsed.success) kept.push(parsed.data)
      }
      if (raw && kept.length < raw.length) droppedFrom.set(kept, raw.length - kept.length)
      return kept
    })
}

/** How many entries `entries` left out of these decoded lists. */
export function droppedEntries(...lists: ReadonlyArray<readonly unknown[]>): number {
  return lists.reduce((sum, list) => sum + (droppedFrom.get(list) ?? 0), 0)
}

const PNG = Buffer.from('\x89PNG', 'latin1')
const JPEG = Buffer.from([0xff, 0xd8, 0xff])
const GIF = Buffer.from('GIF8', 'latin1')

/**
 * Decoder for a picture answer (QR code, captcha, offline picture): HTTP 200, an image content
 * type and a known image signature — an error page served as 200 is `malformed`, not a picture.
 */
export function imageBody(name: string, formats: ReadonlyArray<'png' | 'jpeg' | 'gif'> = ['png', 'jpeg', 'gif']) {
  const magics = formats.map((f) => ({ png: PNG, jpeg: JPEG, gif: GIF })[f])
  return (res: HttpResponse): Buffer => {
    if (res.status !== 200) throw new EngineError('http', `${name}: HTTP ${res.status}`, { endpoint: name, status: res.status })
    const type = String(res.headers['content-type'] ?? '')
    if (!type.startsWith('image/') || !magics.some((m) => res.body.subarray(0, m.length).equals(m))) {
      throw new EngineError('malformed', `${name}: not an image`, { endpoint: name })
    }
    return res.body
  }
}
