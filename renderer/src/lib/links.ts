export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string }

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）】]+/gi
const TRAILING = /[.,;:!?)\]]+$/

/** Message text split into plain runs and web links (opened through `link.open` only). */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0
  for (const m of text.matchAll(URL_RE)) {
    const raw = m[0].replace(TRAILING, '')
    if (m.index > last) parts.push({ kind: 'text', text: text.slice(last, m.index) })
    parts.push({ kind: 'link', text: raw, url: raw.startsWith('www.') ? `http://${raw}` : raw })
    last = m.index + raw.length
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
  return parts
}
