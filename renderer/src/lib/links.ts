import { webLink } from '@contract'

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; url: string }

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'，。！？、）】]+/gi
const TRAILING = /[.,;:!?)\]]+$/

/** Message text split into plain runs and web links (opened by `openInNewTab` or `link.open`). */
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

/**
 * Web mode: a web link opens in a new browser tab that gets neither a handle on this page nor
 * its address (noopener, noreferrer). Anything else opens nothing. Whether it opened.
 */
export function openInNewTab(raw: string, win: Pick<Window, 'open'> = window): boolean {
  const url = webLink(raw)
  if (!url) return false
  win.open(url, '_blank', 'noopener,noreferrer')
  return true
}
