import { describe, expect, it } from 'vitest'
import { LayeredMap } from '../../../renderer/src/lib/layered-map'

describe('LayeredMap (the friend lookup a presence change copies cheaply)', () => {
  it('a change is seen by the new version only; the one it came from still answers as before', () => {
    const a = LayeredMap.of<number>([['x', 1], ['y', 2]])
    const b = a.with([['x', 10]])
    expect([a.get('x'), a.get('y'), b.get('x'), b.get('y'), b.get('z')]).toEqual([1, 2, 10, 2, undefined])
  })

  it('keeps every value across many changes, folding them into a new base, and leaves every older version intact', () => {
    const keys = Array.from({ length: 300 }, (_, i) => `k${i}`)
    const versions = [LayeredMap.of<number>(keys.map((k) => [k, 0] as const))]
    // 1,000 changes: each key's value is the number of the last change that set it.
    for (let n = 1; n <= 1_000; n++) versions.push(versions.at(-1)!.with([[keys[(n * 7) % keys.length]!, n]]))
    const expected = (version: number, key: string) => {
      let v = 0
      for (let n = 1; n <= version; n++) if (keys[(n * 7) % keys.length] === key) v = n
      return v
    }
    for (const version of [0, 1, 63, 64, 65, 138, 139, 500, 1_000]) {
      expect(keys.map((k) => versions[version]!.get(k))).toEqual(keys.map((k) => expected(version, k)))
    }
  })

  it('sets a batch of entries in one version, the last of a key winning, whether it folds or not', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `k${i}`)
    const a = LayeredMap.of<number>(keys.map((k) => [k, 0] as const))
    const small = a.with([['k1', 1], ['k2', 2], ['k1', 3]])
    expect([small.get('k1'), small.get('k2'), small.get('k3'), a.get('k1')]).toEqual([3, 2, 0, 0])
    // More than a fold's worth at once (a fold comes at 8·√200 ≈ 114 changes).
    const big = small.with(keys.slice(0, 150).map((k, i) => [k, i + 10] as const))
    expect(keys.map((k) => big.get(k))).toEqual(keys.map((_, i) => (i < 150 ? i + 10 : 0)))
    expect([small.get('k1'), small.get('k99')]).toEqual([3, 0])
  })
})
