import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { CachedFile } from '../../../electron/engine/media/media-cache'
import { mediaHashOf, serveMedia } from '../../../electron/main/media-scheme'
import { protocol, resetElectronFake } from '../../stubs/electron'

const HASH = 'a'.repeat(64)

/** A cache with one picture, and every hash it was asked for. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), 'qq-media-'))
  const path = join(dir, HASH)
  writeFileSync(path, Buffer.from('\x89PNG\r\n\x1a\nfake', 'latin1'))
  const asked: string[] = []
  serveMedia((hash): CachedFile | undefined => {
    asked.push(hash)
    return hash === HASH ? { path, mime: 'image/png', size: 12 } : undefined
  })
  return { asked, handle: protocol.handlers.get('qq-media')! }
}

beforeEach(() => resetElectronFake())

describe('qq-media:// scheme', () => {
  it('serves a cached picture by its hash with its stored type and nosniff', async () => {
    const { handle } = fixture()
    const res = await handle(new Request(`qq-media://m/${HASH}`))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await res.arrayBuffer()).toString('latin1')).toBe('\x89PNG\r\n\x1a\nfake')
  })

  it('answers 404 to a hash not in the cache, and never asks the cache for anything but a hash', async () => {
    const { handle, asked } = fixture()
    for (const url of [
      `qq-media://m/${'b'.repeat(64)}`,
      'qq-media://m/../../etc/passwd',
      'qq-media://m/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      `qq-media://m/${HASH}/x`,
      `qq-media://m/${HASH.toUpperCase()}`,
      `qq-media://m/${HASH}?x=1`,
      `qq-media://other/${HASH}`,
      `qq-media://m/${HASH.slice(1)}`,
      `app://qq/${HASH}`,
    ]) {
      expect((await handle(new Request(url))).status, url).toBe(404)
    }
    expect(asked).toEqual(['b'.repeat(64)])
    expect((await handle(new Request(`qq-media://m/${HASH}`, { method: 'POST', body: 'x' }))).status).toBe(404)
  })

  it('reads exactly `qq-media://m/<64 hex>`', () => {
    expect(mediaHashOf(`qq-media://m/${HASH}`)).toBe(HASH)
    expect(mediaHashOf(`qq-media://m/${HASH}#x`)).toBe(HASH)
    expect(mediaHashOf(`qq-media://user@m/${HASH}`)).toBeUndefined()
    expect(mediaHashOf('not a url')).toBeUndefined()
  })
})
