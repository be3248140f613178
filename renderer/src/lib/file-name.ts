import { extensionOf } from './file-kind'

/**
 * Characters a file name shows as U+FFFD: controls (a newline, an escape) and the bidi
 * controls, which would reorder the name itself (`report\u202Etxt.exe` reads as `reportexe.txt`).
 * Isolating the name (<bdi>, dir="auto") only keeps it from reordering what is around it.
 */
const HIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu

export function visibleName(name: string): string {
  return name.replace(HIDDEN, '\uFFFD')
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
const graphemes = (s: string): string[] => Array.from(segmenter.segment(s), (g) => g.segment)

/** How many characters of the name before the extension stay at the end of a cut name. */
const TAIL = 4

/** Characters drawn about twice as wide as a Latin letter (CJK, kana, Hangul, full-width forms, emoji). */
const WIDE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF00-\uFF60\p{Extended_Pictographic}]/u
const widthOf = (g: string): number => (WIDE.test(g) ? 2 : 1)

/**
 * At most `max` columns (a Latin letter is one, a Chinese character two), cut in the middle so
 * the end and the extension stay readable (`a-very-long…t-v2.pdf`): what a file is matters more
 * than the middle of its name. User-perceived characters are never split.
 */
export function shortName(name: string, max = 48): string {
  const chars = graphemes(name)
  const widths = chars.map(widthOf)
  if (widths.reduce((a, b) => a + b, 0) <= max) return name
  const ext = extensionOf(name)
  const extChars = ext && ext.length <= 12 ? graphemes(ext).length + 1 : 0
  // The end: the extension and a few characters before it, at most half the room.
  let tail = 0
  let tailWidth = 0
  while (tail < Math.min(extChars + TAIL, chars.length) && tailWidth + widths[chars.length - 1 - tail]! <= max / 2) tailWidth += widths[chars.length - 1 - tail++]!
  // The start: what is left, less one column for the ellipsis.
  let head = 0
  let headWidth = 0
  while (headWidth + widths[head]! <= max - 1 - tailWidth) headWidth += widths[head++]!
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`
}
