/**
 * JSON helpers that never lose digits of big integer ids.
 *
 * The service sent uins, gids, codes and dids as plain JSON numbers (§2.3), often above 2^32.
 * They fit in a double today, but nothing in the protocol promises it, so integers outside
 * the safe range are kept as their decimal source text (JSON.parse source access), and
 * callers that build request bodies can emit such ids as bare numbers again with `rawNumber`.
 */

interface ReviverContext {
  source?: string
}

function keepBigIntegers(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return context.source
  }
  return value
}

/** 16+ digits in a row: the only way an integer can reach 2^53 (a 16-digit one may or may not). */
const LONG_DIGITS = /\d{16}/

/**
 * JSON.parse that turns unsafe integers into decimal strings. Throws SyntaxError like JSON.parse.
 * The reviver is ~8× slower, so it only runs when the text has a digit run long enough to need it.
 */
export function parseJson(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text)
  return JSON.parse(text, keepBigIntegers as (this: unknown, key: string, value: unknown) => unknown)
}

interface RawJson {
  readonly rawJSON: string
}
type JsonWithRaw = typeof JSON & { rawJSON(text: string): RawJson }

/**
 * A JSON number written exactly as the given decimal digits, for ids that must go on the wire
 * as numbers (`"to":41837138855`) whatever their size.
 */
export function rawNumber(digits: string | number | bigint): RawJson | number {
  const text = String(digits)
  if (!/^-?\d+$/.test(text)) throw new TypeError(`not an integer: ${text}`)
  const n = Number(text)
  return Number.isSafeInteger(n) ? n : (JSON as JsonWithRaw).rawJSON(text)
}
