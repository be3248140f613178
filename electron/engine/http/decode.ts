import { z } from 'zod'
import { parseUtf8Json } from '../../smartqq/json'
import { parseJsCallback } from '../../smartqq/ptui'
import { EngineError, protocolError } from '../errors'
import type { HttpResponse } from './endpoint'

/** The JSON answer of a web2 CGI, or an EngineError saying why there is none. */
export function jsonBody(name: string, res: HttpResponse): unknown {
  if (res.status !== 200) throw new EngineError('http', `${name}: HTTP ${res.status}`, { endpoint: name, status: res.status })
  try {
    return parseUtf8Json(res.body)
  } catch {
    throw new EngineError('malformed', `${name}: answer is not JSON`, { endpoint: name })
  }
}

/**
 * An integer field (a retcode, a flag, a count, a port): a safe integer, as a JSON number or in
 * decimal digits. 1e308, 1.5, 2^64 (parseUtf8Json hands it over as digits) or a 400-digit string
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
    const value = o[key]
    // The usual form, a safe integer as a JSON number, without zod (every answer has one, issue 13).
    if (typeof value === 'number' && Number.isSafeInteger(value)) return value
    const parsed = intSchema.safeParse(value)
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
  return (res: HttpResponse): T => shape(name, schema, envelopeResult(name, res))
}

/**
 * The `result` of a `{"retcode":0,"result":…}` envelope (§2.3), not validated yet: for a decoder
 * that reads it in its own way (the friends list's one pass, issue 13) before `shape` decides.
 */
export function envelopeResult(name: string, res: HttpResponse): unknown {
  const body = jsonBody(name, res)
  const status = statusOf(body)
  if (status === undefined) throw new EngineError('malformed', `${name}: answer has no retcode`, { endpoint: name })
  if (status !== 0) throw protocolError(name, status)
  return (body as Record<string, unknown>).result
}

/** An answer's `result` read first as JSON that may have lost digits, and as envelopeResult gives it if asked. */
export interface PlainResult {
  result: unknown
  exact(): unknown
}

/**
 * envelopeResult for a decoder that takes only safe integers and texts (each field's `plain`
 * shortcut) and declines anything else: its JSON is parsed without first looking for integers
 * past 2^53 (parseUtf8Json's scan, ~1 ms of the 5,000 friends' 835 kB, issue 13). Such an
 * integer is then a number that lost digits, which that decoder declines like any unsafe one;
 * `exact` is the result as envelopeResult gives it, for the decoder that declined. An answer
 * with a `\u` escape (which may need repairing), that is not JSON, or whose status is not a
 * plain 0 is read as envelopeResult reads it at once.
 */
export function plainEnvelopeResult(name: string, res: HttpResponse): PlainResult {
  if (res.status === 200 && !res.body.includes('\\u')) {
    let body: unknown
    try {
      body = JSON.parse(res.body.toString('utf8'))
    } catch {
      body = undefined
    }
    if (statusOf(body) === 0) return { result: (body as Record<string, unknown>).result, exact: () => envelopeResult(name, res) }
  }
  const result = envelopeResult(name, res)
  return { result, exact: () => result }
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
 * JSON numbers (sometimes numeric strings); parseUtf8Json already turned unsafe ones into strings.
 * Real ones have at most 20 digits; past 32 a value is no id (it would not fit a contact key).
 */
export const idSchema = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,32}$/)])
  .transform((v) => (typeof v === 'number' ? String(v) : v.replace(/^0+(?=\d)/, '')))

/** How many entries each list decoded by `entries` left out. */
const droppedFrom = new WeakMap<readonly unknown[], number>()

/** What a field's `plain` answers for a value it does not decide: the entry goes through zod. */
const SLOW: unique symbol = Symbol('slow')
/** What a field's `plain` answers for a field the entry leaves out and its schema leaves out too. */
const ABSENT: unique symbol = Symbol('absent')

/**
 * A field of a list entry: its zod schema, which decides, and a shortcut for the plainest form
 * the service sends (a safe integer as a JSON number, a text as a string) that gives what the
 * schema would give for it, or SLOW for anything else. 5,000 friends are ~25,000 entries of
 * ~3 fields; zod's unions, pipes and catches cost ~20× the shortcut on them (issue 13).
 */
export interface Field<Z extends z.ZodType = z.ZodType> {
  schema: Z
  plain(value: unknown): z.output<Z> | typeof SLOW | typeof ABSENT
}

const isSafeInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)
/** A list entry as z.object takes it: an object, not an array (a one-pass decoder declines anything else). */
export const isEntry = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** A safe integer (intSchema). */
export const intField: Field<typeof intSchema> = { schema: intSchema, plain: (v) => (isSafeInt(v) ? v : SLOW) }
/** A safe integer, `fallback` for any other value or none (`intSchema.catch(fallback)`). */
export function intOr<F extends number>(fallback: F): Field<z.ZodCatch<typeof intSchema>> {
  return { schema: intSchema.catch(fallback), plain: (v) => (isSafeInt(v) ? v : v === undefined ? fallback : SLOW) }
}
/** A field's value or nothing, never a reason to drop the entry (`schema.optional().catch(undefined)`). */
export function optional<Z extends z.ZodType>(field: Field<Z>): Field<z.ZodCatch<z.ZodOptional<Z>>> {
  return { schema: field.schema.optional().catch(undefined), plain: (v) => (v === undefined ? ABSENT : field.plain(v)) }
}
/** An id (idSchema) as the kind of id `schema` brands it: a safe non-negative integer is its digits. */
export function idField<B extends string>(schema: z.ZodType<B, unknown>): Field<z.ZodType<B, unknown>> {
  return { schema, plain: (v) => (isSafeInt(v) && v >= 0 ? (String(v) as B) : SLOW) }
}
/** A safe integer or nothing: an opaque flag, say. */
export const optionalInt = optional(intField)
/** A text, '' for anything else (names stay HTML-escaped here: the codec unescapes). */
export const textField: Field<z.ZodCatch<z.ZodString>> = { schema: z.string().catch(''), plain: (v) => (typeof v === 'string' ? v : SLOW) }

/**
 * A list entry of named fields: `schema` is the z.object of the fields' schemas; `plain` the
 * entry those give when every field takes its shortcut, else undefined (zod decides it).
 */
export function record<S extends Record<string, Field>>(fields: S) {
  const keys = Object.keys(fields)
  const schema = z.object(Object.fromEntries(keys.map((k) => [k, fields[k]!.schema])) as { [K in keyof S]: S[K]['schema'] })
  // Made as code with the field names spelt out (as zod makes its object parsers): a property
  // read or write by a name from an array is a dictionary lookup each, ~20× slower over 5,000
  // friends. The names are the endpoint's own (JSON.stringify'd), never the service's.
  const source = [
    "if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined",
    ...keys.map((k, i) => `const v${i} = plain[${i}](o[${JSON.stringify(k)}]); if (v${i} === SLOW) return undefined`),
    'const out = {}',
    ...keys.map((k, i) => `if (v${i} !== ABSENT) out[${JSON.stringify(k)}] = v${i}`),
    'return out',
  ].join('\n')
  const make = new Function('plain', 'SLOW', 'ABSENT', `return (o) => {\n${source}\n}`) as (...a: unknown[]) => (o: unknown) => z.output<typeof schema> | undefined
  return { schema, plain: make(keys.map((k) => fields[k]!.plain), SLOW, ABSENT) }
}

/** A list of `record` entries, decoded as `entries` decodes, the plain ones by their shortcut. */
export function records<S extends Record<string, Field>>(fields: S) {
  const r = record(fields)
  return entries(r.schema, r.plain)
}

/**
 * A list whose entries are decoded one by one (issue 8): an entry that does not fit is left
 * out and counted (`droppedEntries`), so one bad friend never loses the friend list. A list the
 * service left out or sent as null is empty; a value that is not a list at all does not fit.
 * `plain` (from `record`) decodes a list whose every entry is plain without zod.
 */
export function entries<T extends z.ZodType>(item: T, plain?: (value: unknown) => z.output<T> | undefined) {
  // Every entry fits in the usual answer: one array parse of the whole list is 2–3× faster than
  // a safeParse per entry (5,000 friends, issue 13); only a list with a bad entry pays for both.
  const whole = z.array(item)
  const plainList = (raw: unknown[]): Array<z.output<T>> | undefined => {
    const out: Array<z.output<T>> = new Array(raw.length)
    for (let i = 0; i < raw.length; i++) {
      const v = plain!(raw[i])
      if (v === undefined) return undefined
      out[i] = v
    }
    return out
  }
  return z
    .array(z.unknown())
    .nullish()
    .transform((raw) => {
      const fast = plain && raw ? plainList(raw) : undefined
      if (fast) return fast
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
