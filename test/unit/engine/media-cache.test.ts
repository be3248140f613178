import { existsSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HistoryStore } from '../../../electron/engine/history/history-store'
import { Logger } from '../../../electron/engine/log'
import { MediaCache } from '../../../electron/engine/media/media-cache'
import { tempDir } from '../../support/client'
import { noisePng } from '../../support/pictures'

function cache(maxBytes: number) {
  const dir = tempDir()
  const history = HistoryStore.open(join(dir, 'history.sqlite'))
  return { dir, history, cache: new MediaCache(join(dir, 'media'), history, new Logger(), maxBytes) }
}

describe('media cache', () => {
  it('stores a picture under its sha-256, owner-only, with its type and size', async () => {
    const { cache: c, dir } = cache(1 << 20)
    const png = noisePng(20, 10)
    const p = await c.put(png)
    expect(p).toMatchObject({ mime: 'image/png', width: 20, height: 10 })
    expect(p.hash).toMatch(/^[0-9a-f]{64}$/)
    const file = c.file(p.hash)!
    expect(file.path).toBe(join(dir, 'media', p.hash.slice(0, 2), p.hash))
    expect(statSync(file.path).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'media')).mode & 0o777).toBe(0o700)
    expect(file).toMatchObject({ mime: 'image/png', size: png.length })
  })

  it('refuses bytes that are not a picture whatever they claim', async () => {
    const { cache: c } = cache(1 << 20)
    await expect(c.put(Buffer.from('<html><script>alert(1)</script></html>'))).rejects.toMatchObject({ kind: 'malformed' })
    await expect(c.put(Buffer.from('%PDF-1.4\n'))).rejects.toMatchObject({ kind: 'malformed' })
    expect(c.totalBytes).toBe(0)
  })

  it('evicts the least recently used pictures past its cap, keeping the one just added', async () => {
    const pngs = [noisePng(), noisePng(), noisePng(), noisePng()]
    const size = Math.max(...pngs.map((b) => b.length))
    const { cache: c } = cache(size * 3)
    const [a, b, d] = [await c.put(pngs[0]!), await c.put(pngs[1]!), await c.put(pngs[2]!)]
    // `a` is used again: `b` is now the oldest.
    expect(c.file(a.hash)).toBeDefined()
    const e = await c.put(pngs[3]!)
    expect(c.file(b.hash)).toBeUndefined()
    for (const kept of [a, d, e]) expect(c.file(kept.hash)).toBeDefined()
    expect(c.totalBytes).toBeLessThanOrEqual(size * 3)
  })

  it('never turns a string that is not a hash into a path', () => {
    const { cache: c } = cache(1 << 20)
    for (const h of ['../../etc/passwd', '', 'A'.repeat(64), '0'.repeat(63), `${'0'.repeat(64)}/x`]) expect(c.file(h), h).toBeUndefined()
  })

  it('forgets a picture whose file was removed behind its back', async () => {
    const { cache: c } = cache(1 << 20)
    const p = await c.put(noisePng())
    const path = c.file(p.hash)!.path
    rmSync(path)
    expect(c.file(p.hash)).toBeUndefined()
    expect(c.totalBytes).toBe(0)
    expect(existsSync(path)).toBe(false)
  })
})
