/** A stable hue per contact key, so a person keeps their colour across logins and lists. */
export function hueOf(key: string): number {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return (h >>> 0) % 360
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined

const initials = new Map<string, string>()

/**
 * The first user-perceived character (an emoji with modifiers stays whole); cached, lists redraw
 * often. Invisible format characters before it (a right-to-left override, a zero-width space)
 * are skipped: they would make a blank avatar.
 */
export function initialOf(name: string): string {
  let initial = initials.get(name)
  if (initial === undefined) {
    const trimmed = name.replace(/^[\p{Cf}\s]+/u, '').trimEnd()
    const first = segmenter ? segmenter.segment(trimmed)[Symbol.iterator]().next().value?.segment : Array.from(trimmed)[0]
    initial = (first ?? '?').toUpperCase()
    if (initials.size > 20_000) initials.clear()
    initials.set(name, initial)
  }
  return initial
}
