/**
 * A Location header as Node hands it over → a URL that asks for the same bytes. Node reads header
 * bytes as latin1, so a file host's raw UTF-8 name (§7.3: clients "must not auto-follow the
 * redirect with libraries that mangle non-ASCII file names"; lwqq re-encodes) arrives as one
 * character per byte: each byte past ASCII (and space) is percent-encoded as that byte, which
 * keeps UTF-8 (or any other encoding the server used) exactly as sent. Undefined when it is no
 * absolute http(s) URL.
 */
export function locationUrl(raw: string): URL | undefined {
  let encoded = ''
  for (const byte of Buffer.from(raw, 'latin1')) {
    if (byte < 0x20 || byte === 0x7f) return undefined
    encoded += byte > 0x7f || byte === 0x20 ? `%${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte)
  }
  const url = URL.parse(encoded)
  return url && (url.protocol === 'http:' || url.protocol === 'https:') && !url.username && !url.password ? url : undefined
}
