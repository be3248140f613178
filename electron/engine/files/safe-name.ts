import sanitize from 'sanitize-filename'

/** The longest saved name, in UTF-8 bytes (file systems allow 255; room is left for ` (n)`). */
export const SAVED_NAME_MAX_BYTES = 200

/**
 * Invisible characters that make a name lie about itself: bidi overrides and isolates (an
 * `exe.txt` that reads `txt.exe`), other format characters and line separators. Zero-width
 * joiners stay: emoji sequences need them.
 */
const INVISIBLE = /(?![\u200c\u200d])[\p{Cc}\p{Cf}\u2028\u2029]/gu
/** Windows' device names, whatever follows after a dot (`CON.txt`, `com1.tar.gz`, `LPT¹`). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])[ .]*(\..*)?$/i
const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * A name offered by a peer (untrusted text) → a plain file name that is safe on every system
 * the app runs on: no path separators or characters Windows refuses (`sanitize-filename`), no
 * control, bidi or other invisible characters, no device name, no leading or trailing dots and
 * spaces (hidden files, and Windows drops trailing ones), at most SAVED_NAME_MAX_BYTES of UTF-8
 * keeping the extension; `file` when nothing is left.
 */
export function safeFileName(offered: string, maxBytes = SAVED_NAME_MAX_BYTES): string {
  let name = trimDots(offered.normalize('NFC').replace(INVISIBLE, ''))
  // `_CON.txt` rather than sanitize-filename's bare `_`: the name stays recognisable.
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`
  // Cut to size first: sanitize-filename's own cut (255 bytes) would take the extension with it.
  name = trimDots(sanitize(fit(name, maxBytes), { replacement: '_' }))
  return name === '' ? 'file' : name
}

/** The n-th alternative of a name on a clash: `name (n).ext`, still within the byte limit. */
export function numberedName(name: string, n: number, maxBytes = SAVED_NAME_MAX_BYTES): string {
  if (n === 0) return name
  const { stem, ext } = split(name)
  const suffix = ` (${n})${ext}`
  return cut(stem, maxBytes - bytes(suffix)) + suffix
}

function trimDots(s: string): string {
  return s.replace(/^[. ]+/, '').replace(/[. ]+$/, '')
}

/** The extension is what follows the last dot, when it is short and there is a name before it. */
function split(name: string): { stem: string; ext: string } {
  const dot = name.lastIndexOf('.')
  if (dot <= 0 || bytes(name.slice(dot)) > 32) return { stem: name, ext: '' }
  return { stem: name.slice(0, dot), ext: name.slice(dot) }
}

function fit(name: string, maxBytes: number): string {
  if (bytes(name) <= maxBytes) return name
  const { stem, ext } = split(name)
  return trimDots(cut(stem, maxBytes - bytes(ext))) + ext
}

/** The longest start of `s` within `maxBytes` of UTF-8, never splitting a character. */
function cut(s: string, maxBytes: number): string {
  let out = ''
  let used = 0
  for (const ch of s) {
    const n = bytes(ch)
    if (used + n > maxBytes) break
    out += ch
    used += n
  }
  return out
}
