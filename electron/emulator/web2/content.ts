import { z } from 'zod'
import { parseJson } from '../../smartqq/json'

/**
 * Message `content` as the emulator keeps it: raw text and faces, plus the sender's font.
 * Escaping happens on the way out to a recipient (§6.3), so the phone log shows what was typed.
 */

/** A picture element (`["offpic", {...}]`, `["cface", ...]`) is kept as the client sent it. */
export type PictureSegment = ['offpic' | 'cface', ...unknown[]]
export type Segment = string | ['face', number] | PictureSegment

export interface Font {
  name: string
  size: number
  /** Six hex digits, no `#`. */
  color: string
  /** [bold, italic, underline] as 0/1. */
  style: [number, number, number]
}

export interface MessageContent {
  segments: Segment[]
  font: Font
}

/** What received messages carried when the sender's client set nothing else (§6.1 capture). */
export const DEFAULT_FONT: Font = { size: 10, color: '000000', style: [0, 0, 0], name: '微软雅黑' }

/** Server face ids run 0–170 (§6.8). */
export const MAX_FACE_ID = 170

const bit = z.coerce.number().int().min(0).max(1)
/** Fonts are taken field by field: a client's odd font never costs it the message (§2.1: numbers may be strings). */
const fontSchema = z.object({
  name: z.string().min(1).max(64).catch(DEFAULT_FONT.name),
  size: z.coerce.number().int().min(1).max(100).catch(DEFAULT_FONT.size),
  color: z
    .string()
    .regex(/^[0-9a-fA-F]{6}$/)
    .catch(DEFAULT_FONT.color),
  style: z.tuple([bit, bit, bit]).catch(DEFAULT_FONT.style),
})

/**
 * Parses the `content` field of a send (§6.4): a JSON *string* holding an array of text
 * segments, `["face", id]` and picture elements, with the font element anywhere (the official
 * sender appends it) or absent. Undefined for anything else — not a string, not JSON, not an
 * array, an unknown element, a face outside 0–170 — or when nothing but a font is left; the
 * send then answers 100001 (§9 item 37).
 */
export function parseSendContent(content: unknown): MessageContent | undefined {
  if (typeof content !== 'string') return undefined
  let value: unknown
  try {
    value = parseJson(content)
  } catch {
    return undefined
  }
  if (!Array.isArray(value)) return undefined
  const segments: Segment[] = []
  let font = DEFAULT_FONT
  for (const el of value) {
    if (typeof el === 'string') {
      segments.push(el)
      continue
    }
    if (!Array.isArray(el)) return undefined
    const [tag, arg] = el as unknown[]
    if (tag === 'font') {
      font = fontSchema.parse(typeof arg === 'object' && arg !== null ? arg : {})
    } else if (tag === 'face') {
      const id = typeof arg === 'number' || typeof arg === 'string' ? Number(arg) : NaN
      if (!isFaceId(id)) return undefined
      segments.push(['face', id])
    } else if (tag === 'offpic' || tag === 'cface') {
      segments.push(el as PictureSegment)
    } else {
      return undefined
    }
  }
  return segments.length ? { segments, font } : undefined
}

export function isFaceId(id: number): boolean {
  return Number.isInteger(id) && id >= 0 && id <= MAX_FACE_ID
}

/**
 * Text in received messages carried `&`, `<` and `>` as entities (§6.3, §6.4: "delivered to
 * recipients as literal &lt;/&gt;"); quotes went through as they were.
 */
export function escapeMessageText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The received form (§6.3): font first, then the segments with text escaped. */
export function receivedContent(content: MessageContent): unknown[] {
  const { name, size, color, style } = content.font
  return [['font', { size, color, style, name }], ...content.segments.map((s) => (typeof s === 'string' ? escapeMessageText(s) : s))]
}

/** The text segments joined, as the phone log and the keyword bot read a message. */
export function plainText(segments: readonly Segment[]): string {
  return segments.filter((s): s is string => typeof s === 'string').join('')
}
