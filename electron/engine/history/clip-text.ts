// Made on first use: ~5–15 ms of every start otherwise (issue 13), most of which clip nothing.
let segmenter: Intl.Segmenter | undefined
const graphemes = () => (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' }))

/**
 * At most `max` user-perceived characters of `text`, cut between characters only (never inside
 * a surrogate pair, a combining sequence or an emoji sequence). Walks no further than it keeps,
 * so clipping a 10 MB text costs what the kept part costs.
 */
export function clipText(text: string, max: number): string {
  // Every character is at least one UTF-16 unit: a text this short cannot be over.
  if (text.length <= max) return text
  let end = 0
  let n = 0
  for (const { segment } of graphemes().segment(text)) {
    if (n === max) return text.slice(0, end)
    end += segment.length
    n++
  }
  return text
}

/** `text` without its last user-perceived character (the one a cut elsewhere may have split). */
export function dropLastCharacter(text: string): string {
  let last = 0
  for (const { index } of graphemes().segment(text)) last = index
  return text.slice(0, last)
}
