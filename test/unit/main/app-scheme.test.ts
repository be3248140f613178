import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { registerAppScheme, rendererFile, serveRenderer } from '../../../electron/main/app-scheme'
import { protocol, resetElectronFake } from '../../stubs/electron'

/** A built renderer folder next to a secret the scheme must never serve. */
function fixture() {
  const base = mkdtempSync(join(tmpdir(), 'qq-protocol-'))
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>QQ</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(base, 'secret.txt'), 'top secret')
  symlinkSync(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'))
  return { base, root }
}

beforeEach(() => resetElectronFake())

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme, with the media scheme in the same one call', () => {
    registerAppScheme()
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'qq-media', privileges: { standard: true, secure: true } },
    ])
  })

  it('maps app://qq/ paths to files in the renderer folder', () => {
    const { root } = fixture()
    expect(rendererFile(root, 'app://qq/')).toMatch(/renderer\/index\.html$/)
    expect(rendererFile(root, 'app://qq/index.html#/login')).toMatch(/renderer\/index\.html$/)
    expect(rendererFile(root, 'app://qq/assets/app.js?v=1')).toMatch(/renderer\/assets\/app\.js$/)
  })

  it('refuses path traversal, other hosts, folders, missing files and links out', () => {
    const { root } = fixture()
    for (const url of [
      'app://qq/../secret.txt',
      'app://qq/%2e%2e/secret.txt',
      'app://qq/assets/..%2F..%2Fsecret.txt',
      'app://qq/..%5c..%5csecret.txt',
      'app://qq/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://qq/%00index.html',
      'app://qq/%E0%A4%A',
      'app://qq/assets',
      'app://qq/nope.js',
      'app://qq/assets/link.txt',
      'app://evil/index.html',
      'https://qq/index.html',
    ]) {
      expect(rendererFile(root, url), url).toBeUndefined()
    }
  })

  it('serves files with the CSP header and answers 404 to a traversal', async () => {
    const { root } = fixture()
    serveRenderer(root, { 'Content-Security-Policy': "default-src 'self'" })
    const handle = protocol.handlers.get('app')!
    const ok = await handle(new Request('app://qq/index.html'))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('content-security-policy')).toBe("default-src 'self'")
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await ok.text()).toContain('<title>QQ</title>')
    const evil = await handle(new Request('app://qq/assets/..%2F..%2Fsecret.txt'))
    expect(evil.status).toBe(404)
    expect(await evil.text()).not.toContain('secret')
    expect((await handle(new Request('app://qq/index.html', { method: 'POST', body: 'x' }))).status).toBe(404)
  })
})
