/**
 * Where the rows of a virtual list are, when each row's height is known from its item (a friend
 * row 56 px, a category header 34 px): one number per row at most, no object per row, so laying
 * out 5,000 rows again when the list changes costs a few microseconds.
 */
export interface RowLayout {
  count: number
  /** The height of all rows together. */
  total: number
  start(index: number): number
  size(index: number): number
  /** The rows from the one at `top` through the one at the view's bottom edge, `overscan` more each side. */
  range(top: number, view: number, overscan: number): { from: number; to: number }
}

export function rowLayout<T>(items: readonly T[], height: number | ((item: T) => number)): RowLayout {
  const count = items.length
  if (typeof height === 'number') {
    return layoutOf(count, count * height, (i) => i * height, () => height, (y) => Math.floor(y / height))
  }
  // starts[i] is where row i begins; starts[count] where the last one ends.
  const starts = new Float64Array(count + 1)
  let y = 0
  for (let i = 0; i < count; i++) {
    starts[i] = y
    y += height(items[i] as T)
  }
  starts[count] = y
  /** The last row beginning at or above `at` (binary search). */
  const indexAt = (at: number): number => {
    let lo = 0
    let hi = count - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if (starts[mid]! <= at) lo = mid
      else hi = mid - 1
    }
    return lo
  }
  return layoutOf(count, y, (i) => starts[i]!, (i) => starts[i + 1]! - starts[i]!, indexAt)
}

function layoutOf(count: number, total: number, start: (i: number) => number, size: (i: number) => number, indexAt: (y: number) => number): RowLayout {
  const clamp = (i: number) => Math.min(Math.max(i, 0), count - 1)
  return {
    count,
    total,
    start,
    size,
    range(top, view, overscan) {
      if (count === 0) return { from: 0, to: -1 }
      // A list that just got shorter is still scrolled past its end until the browser clamps it.
      const at = Math.max(0, Math.min(top, total - view))
      const first = clamp(indexAt(at))
      const last = clamp(indexAt(at + Math.max(view, 1) - 0.5))
      return { from: Math.max(0, first - overscan), to: Math.min(count - 1, last + overscan) }
    },
  }
}
