/**
 * Where a key moves the focus in a listbox of `count` options (WAI-ARIA listbox pattern):
 * arrows one step (stopping at the ends, as listboxes do), Home / End to the ends, Page keys a
 * page at a time. Undefined for keys that do not move it.
 */
export function nextListIndex(key: string, current: number, count: number, page: number): number | undefined {
  if (count === 0) return undefined
  const last = count - 1
  const at = Math.min(Math.max(current, 0), last)
  switch (key) {
    case 'ArrowDown':
      return current < 0 ? 0 : Math.min(at + 1, last)
    case 'ArrowUp':
      return current < 0 ? last : Math.max(at - 1, 0)
    case 'Home':
      return 0
    case 'End':
      return last
    case 'PageDown':
      return Math.min(at + Math.max(page, 1), last)
    case 'PageUp':
      return Math.max(at - Math.max(page, 1), 0)
    default:
      return undefined
  }
}
