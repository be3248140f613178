export interface SnippetPart {
  text: string
  hit: boolean
}

/** What the engine's search matches a query with (history-store `searchableText`): no control characters, trimmed. */
export function searchTerm(query: string): string {
  return query.replace(/(?![\t\n\r])[\p{Cc}\p{Cs}]/gu, '').trim()
}

/**
 * `text` split at every case-insensitive occurrence of `query`, for `<mark>` text nodes (never
 * HTML: message text is untrusted). Matching is on the text as it is: characters such as the
 * snippet markers \u0001 / \u0002 in a message are plain, inert characters here.
 */
export function highlightParts(text: string, query: string, limit = Infinity): SnippetPart[] {
  const q = searchTerm(query).toLowerCase()
  if (!q) return text ? [{ text, hit: false }] : []
  const lower = text.toLowerCase()
  // Lower-casing may change lengths (İ → i̇): then only an exact-case search is safe.
  const hay = lower.length === text.length ? lower : text
  const needle = lower.length === text.length ? q : searchTerm(query)
  const parts: SnippetPart[] = []
  let from = 0
  for (let at = hay.indexOf(needle), hits = 0; at >= 0 && needle && hits < limit; at = hay.indexOf(needle, at + needle.length), hits++) {
    if (at > from) parts.push({ text: text.slice(from, at), hit: false })
    parts.push({ text: text.slice(at, at + needle.length), hit: true })
    from = at + needle.length
  }
  if (from < text.length) parts.push({ text: text.slice(from), hit: false })
  return parts
}

const OPEN = '\u0001'
const CLOSE = '\u0002'

/**
 * `history.search` marks the match with \u0001 … \u0002. The message text itself may hold those
 * characters too (it is untrusted), so the markers are the pair around the query; every other
 * \u0001 / \u0002 is text, shown inert. Without the query (or no such pair) the first pair is
 * taken, as the engine writes exactly one.
 */
export function snippetParts(snippet: string, query?: string): SnippetPart[] {
  const q = query ? searchTerm(query).toLowerCase() : ''
  let open = -1
  if (q) {
    for (let i = snippet.indexOf(OPEN); i >= 0; i = snippet.indexOf(OPEN, i + 1)) {
      if (snippet.slice(i + 1, i + 1 + q.length).toLowerCase() === q && snippet[i + 1 + q.length] === CLOSE) {
        open = i
        break
      }
    }
  }
  if (open < 0) open = snippet.indexOf(OPEN)
  const close = open >= 0 ? snippet.indexOf(CLOSE, open + 1) : -1
  if (open < 0 || close < 0) return snippet ? [{ text: snippet, hit: false }] : []
  return [
    { text: snippet.slice(0, open), hit: false },
    { text: snippet.slice(open + 1, close), hit: true },
    { text: snippet.slice(close + 1), hit: false },
  ].filter((p) => p.text)
}
