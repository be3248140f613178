import { describe, expect, it } from 'vitest'
import { rowLayout } from '../../../renderer/src/lib/row-layout'

describe('rowLayout', () => {
  it('places rows of one height by arithmetic and finds the rows a view covers, with overscan', () => {
    const at = rowLayout(Array.from({ length: 100 }), 56)
    expect(at.total).toBe(5_600)
    expect(at.start(10)).toBe(560)
    expect(at.size(10)).toBe(56)
    // 560–1,360 px: rows 10 … 24 (row 24 starts at 1,344), two more each side.
    expect(at.range(560, 800, 2)).toEqual({ from: 8, to: 26 })
    expect(at.range(0, 800, 2)).toEqual({ from: 0, to: 16 })
  })

  it('places rows of their own heights after the rows above them', () => {
    const items = ['header', 'row', 'row', 'header', 'row']
    const at = rowLayout(items, (x) => (x === 'header' ? 34 : 56))
    expect([0, 1, 2, 3, 4].map((i) => at.start(i))).toEqual([0, 34, 90, 146, 180])
    expect(at.size(3)).toBe(34)
    expect(at.total).toBe(236)
    // 100–150 px: rows 2 (90–146) and 3 (146–180).
    expect(at.range(100, 50, 0)).toEqual({ from: 2, to: 3 })
  })

  it('gives the last rows for an offset past the end (a list that just got shorter), and none for an empty list', () => {
    expect(rowLayout(Array.from({ length: 10 }), 50).range(10_000, 200, 1)).toEqual({ from: 5, to: 9 })
    expect(rowLayout([], 50).range(0, 200, 1)).toEqual({ from: 0, to: -1 })
  })
})
