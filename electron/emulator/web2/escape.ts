/**
 * Names, signatures and received text went out HTML-escaped (§2.3, §6.3, §9 item 28);
 * clients had to unescape. The emulator keeps raw text and escapes on output.
 */
export function htmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\u00a0/g, '&nbsp;')
}

/** Cuts to at most `bytes` of UTF-8 without splitting a character (cards: 21 bytes, §5.5). */
export function truncateUtf8(s: string, bytes: number): string {
  let out = ''
  let used = 0
  for (const ch of s) {
    const n = Buffer.byteLength(ch, 'utf8')
    if (used + n > bytes) break
    out += ch
    used += n
  }
  return out
}
