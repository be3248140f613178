export interface SnippetPart {
  text: string
  hit: boolean
}

/**
 * `history.search` marks matches with \u0001 … \u0002; split into parts that the view renders
 * as text nodes (never as HTML: the snippet is message text, untrusted).
 */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = []
  let hit = false
  let buf = ''
  const flush = (): void => {
    if (buf) parts.push({ text: buf, hit })
    buf = ''
  }
  for (const ch of snippet) {
    if (ch === '\u0001' || ch === '\u0002') {
      flush()
      hit = ch === '\u0001'
    } else buf += ch
  }
  flush()
  return parts
}
