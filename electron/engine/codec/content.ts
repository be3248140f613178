import type { Font, Segment } from '../../model'
import { faceByName } from '../../model/faces'
import type { WirePicture } from '../media/media-source'
import { htmlUnescape } from './html'

/**
 * The wire `content` array (§6.3, §6.4) ⇄ the app's segments. Decoding is total: whatever
 * arrives yields segments (unknown elements become `unsupported`), never an exception.
 */

export const DEFAULT_FONT: Font = { name: '宋体', size: 10, color: '000000', bold: false, italic: false, underline: false }

export interface Decoded {
  segments: Segment[]
  font?: Font
  /** The picture elements' wire fields, by the index of their segment (what fetching them needs). */
  pictures?: Map<number, WirePicture>
}

// Control characters other than tab / newline are noise (a known garbage item, §6.3).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

function cleanText(s: string): string {
  return htmlUnescape(s.replace(/\r\n?/g, '\n')).replace(CONTROL, '')
}

function asInt(v: unknown): number | undefined {
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined
}

function decodeFont(v: unknown): Font | undefined {
  if (!v || typeof v !== 'object') return undefined
  const o = v as Record<string, unknown>
  const style = Array.isArray(o.style) ? o.style : []
  return {
    name: typeof o.name === 'string' ? o.name : DEFAULT_FONT.name,
    size: asInt(o.size) ?? DEFAULT_FONT.size,
    color: typeof o.color === 'string' && /^[0-9a-fA-F]{6}$/.test(o.color) ? o.color.toLowerCase() : DEFAULT_FONT.color,
    bold: style[0] === 1,
    italic: style[1] === 1,
    underline: style[2] === 1,
  }
}

/** A wire field that is an id: digits, as a string. */
function idText(v: unknown): string | undefined {
  return (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) || (typeof v === 'string' && /^\d{1,20}$/.test(v)) ? String(v) : undefined
}

function decodeElement(el: unknown, pictures: Map<Segment, WirePicture>): Segment | Font | undefined {
  if (typeof el === 'string') return { type: 'text', text: cleanText(el) }
  if (!Array.isArray(el) || typeof el[0] !== 'string') return { type: 'unsupported', label: 'unknown' }
  const [tag, a, b] = el as [string, unknown, unknown]
  switch (tag) {
    case 'font':
      return decodeFont(a)
    case 'face': {
      const id = asInt(a)
      return id === undefined ? { type: 'unsupported', label: 'face' } : { type: 'face', id }
    }
    case 'offpic': {
      // Received form {file_path}; the WebQQ send form was ["offpic", path, name, size].
      const path = a && typeof a === 'object' ? (a as Record<string, unknown>).file_path : a
      if (typeof path !== 'string' || !path) return { type: 'unsupported', label: 'image' }
      const seg: Segment = { type: 'image', ref: `offpic:${path}` }
      pictures.set(seg, { kind: 'offpic', path })
      return seg
    }
    case 'cface': {
      const o = a && typeof a === 'object' ? (a as Record<string, unknown>) : undefined
      const name = o ? o.name : typeof b === 'string' && a === 'group' ? b : a
      if (typeof name !== 'string' || !name) return { type: 'unsupported', label: 'image' }
      const seg: Segment = { type: 'image', ref: `cface:${name}`, name }
      const fileId = idText(o?.file_id)
      const server = typeof o?.server === 'string' ? o.server : undefined
      pictures.set(seg, { kind: 'cface', name, ...(fileId !== undefined && { fileId }), ...(server !== undefined && { server }) })
      return seg
    }
    default:
      return { type: 'unsupported', label: tag.slice(0, 32) }
  }
}

/** Wire content → segments (adjacent text merged, empty text dropped) and the font. */
export function decodeContent(content: unknown): Decoded {
  const items = Array.isArray(content) ? content : typeof content === 'string' ? [content] : []
  const segments: Segment[] = []
  const wire = new Map<Segment, WirePicture>()
  let font: Font | undefined
  for (const el of items) {
    const d = decodeElement(el, wire)
    if (!d) continue
    if (!('type' in d)) {
      font ??= d
      continue
    }
    const last = segments[segments.length - 1]
    if (d.type === 'text' && last?.type === 'text') last.text += d.text
    else segments.push(d)
  }
  const out = segments.filter((s) => s.type !== 'text' || s.text !== '')
  // A picture sent from a non-web client arrived stripped to the font element alone (§6.3).
  if (!out.length && Array.isArray(content) && content.length > 0) out.push({ type: 'image', ref: 'stripped' })
  const pictures = new Map<number, WirePicture>()
  out.forEach((s, i) => {
    const w = wire.get(s)
    if (w) pictures.set(i, w)
  })
  return { segments: out, ...(font && { font }), ...(pictures.size && { pictures }) }
}

/**
 * Text with `[微笑]`-style names (how users type faces, §6.4) → text and face segments.
 * Unknown names stay text.
 */
export function parseFaceNames(text: string): Segment[] {
  const out: Segment[] = []
  let last = 0
  for (const m of text.matchAll(/\[([^[\]\s]{1,4})\]/g)) {
    const face = faceByName(m[1]!)
    if (!face) continue
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) })
    out.push({ type: 'face', id: face.id })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) })
  return out
}

/**
 * Segments → the `content` JSON string of a send (§6.4): text and faces in order, a space after
 * each face as the official splitter did (which also gives the server the text segment it
 * needs), the font element last. `<` and `>` go out as full-width ＜＞ because the service
 * delivered them to recipients as literal `&lt;` / `&gt;` (§6.4, Mojo-Webqq's fix).
 */
export function encodeContent(segments: readonly Segment[], font: Font = DEFAULT_FONT): string {
  const wire: unknown[] = []
  segments.forEach((s, i) => {
    if (s.type === 'text') wire.push(s.text.replace(/</g, '＜').replace(/>/g, '＞'))
    else if (s.type === 'face') {
      wire.push(['face', s.id])
      const next = segments[i + 1]
      if (!(next?.type === 'text' && next.text.startsWith(' '))) wire.push(' ')
    }
  })
  if (!wire.some((w) => typeof w === 'string')) wire.push(' ')
  wire.push([
    'font',
    { name: font.name, size: font.size, style: [font.bold ? 1 : 0, font.italic ? 1 : 0, font.underline ? 1 : 0], color: font.color },
  ])
  return JSON.stringify(wire)
}

/** UTF-8 length; the service's size limit is in bytes (§6.4: split at ~720). */
const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * Splits a long message into parts of at most `maxBytes` of text, preferring whitespace and
 * never cutting a character; faces count as a few bytes.
 */
export function splitSegments(segments: readonly Segment[], maxBytes = 720): Segment[][] {
  const parts: Segment[][] = []
  let current: Segment[] = []
  let size = 0
  const flush = () => {
    if (current.length) parts.push(current)
    current = []
    size = 0
  }
  for (const seg of segments) {
    if (seg.type !== 'text') {
      if (size + 16 > maxBytes) flush()
      current.push(seg)
      size += 16
      continue
    }
    let text = seg.text
    while (bytes(text) > maxBytes - size) {
      const room = maxBytes - size
      let cut = 0
      let used = 0
      for (const ch of text) {
        const n = bytes(ch)
        if (used + n > room) break
        used += n
        cut += ch.length
      }
      const ws = text.slice(0, cut).search(/\s\S*$/)
      if (ws > cut / 2) cut = ws + 1
      if (cut === 0) {
        flush()
        continue
      }
      current.push({ type: 'text', text: text.slice(0, cut) })
      flush()
      text = text.slice(cut)
    }
    if (text) {
      current.push({ type: 'text', text })
      size += bytes(text)
    }
  }
  flush()
  return parts
}
