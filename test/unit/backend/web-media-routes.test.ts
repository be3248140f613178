import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Logger } from '../../../electron/engine/log'
import type { CachedFile } from '../../../electron/engine/media/media-cache'
import { attachmentHeader, startWebServer, type WebServer } from '../../../electron/web/server'
import { testBackend } from '../../support/backend'
import { tempDir } from '../../support/client'
import { raw } from '../../support/raw-http'

/**
 * Web mode's `/media/<hash>` and `/files/<id>` routes: the page's token, only a valid hash or
 * transfer id looked up (the backend's own lookups), never a path from the request.
 */

const HASH = 'c'.repeat(64)
const dir = tempDir()
writeFileSync(join(dir, 'picture'), 'PNGBYTES')
writeFileSync(join(dir, 'saved.pdf'), 'PDFBYTES')
const asked: string[] = []
let web: WebServer

beforeAll(async () => {
  const rendererDir = tempDir()
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>QQ</title>')
  const { core } = testBackend()
  // The backend's lookups, as the logged-in account would answer them.
  core.mediaFile = (hash: string): CachedFile | undefined => (asked.push(`media:${hash}`), hash === HASH ? { path: join(dir, 'picture'), mime: 'image/png', size: 8 } : undefined)
  core.savedFile = (id: string) => (asked.push(`file:${id}`), id === 'ab-12' ? { path: join(dir, 'saved.pdf'), name: '季度 "报告".pdf' } : undefined)
  web = await startWebServer(core, { rendererDir, logger: new Logger() })
})
afterAll(() => web.close())

const get = (path: string) => raw(web.port, { host: `127.0.0.1:${web.port}`, path })

describe('web mode media and file routes', () => {
  it('serves a cached picture with its stored type, nosniff and the image CSP', async () => {
    const res = await get(`/media/${HASH}?token=${web.token}`)
    expect(res.status).toBe(200)
    expect(res.body).toBe('PNGBYTES')
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(res.headers['content-security-policy']).toContain("img-src 'self' data:;")
  })

  it('serves a saved file as a download under its saved name (RFC 5987)', async () => {
    const res = await get(`/files/ab-12?token=${web.token}`)
    expect(res.status).toBe(200)
    expect(res.body).toBe('PDFBYTES')
    expect(res.headers['content-type']).toBe('application/octet-stream')
    expect(res.headers['content-disposition']).toBe(`attachment; filename="__ ____.pdf"; filename*=UTF-8''${encodeURIComponent('季度 "报告".pdf')}`)
  })

  it('needs the token', async () => {
    for (const path of [`/media/${HASH}`, `/media/${HASH}?token=wrong`, '/files/ab-12', `/files/ab-12?token=${web.token}x`]) {
      expect((await get(path)).status, path).toBe(403)
    }
  })

  it('answers 404 to anything but a cached hash or a saved transfer, asking the backend only for well-formed ones', async () => {
    asked.length = 0
    const t = `?token=${web.token}`
    for (const path of [
      `/media/${'d'.repeat(64)}${t}`,
      `/media/..%2F..%2Fetc%2Fpasswd${t}`,
      `/media/${HASH.toUpperCase()}${t}`,
      `/media/${HASH}/x${t}`,
      `/media/${t}`,
      `/files/..%2Fsaved.pdf${t}`,
      `/files/nope${t}`,
      `/files/${'x'.repeat(65)}${t}`,
      `/files/a%00b${t}`,
    ]) {
      expect((await get(path)).status, path).toBe(404)
    }
    expect(asked).toEqual([`media:${'d'.repeat(64)}`, 'file:nope'])
    // `/media/../index.html` and `/media/%2e%2e` are normalised to the page, which needs the token like any page request.
    expect((await get('/media/../index.html')).status).toBe(403)
    expect((await get(`/media/%2e%2e${t}`)).body).toContain('<title>QQ</title>')
  })

  it('writes the RFC 5987 header for any name', () => {
    expect(attachmentHeader('a.txt')).toBe(`attachment; filename="a.txt"; filename*=UTF-8''a.txt`)
    expect(attachmentHeader("it's (1).txt")).toBe(`attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`)
  })
})
