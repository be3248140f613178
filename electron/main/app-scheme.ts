import { realpathSync, statSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { APP_HOST, APP_SCHEME } from './app-url'
import { MEDIA_SCHEME } from './media-scheme'

/**
 * `app://qq/…` serves the built renderer (out/renderer) and nothing else. A standard, secure
 * scheme gives the pages a real origin (so the CSP's 'self' and the sender checks mean
 * something), unlike file://, which would let a page read any file.
 */

/**
 * Must run before the app is ready, once (Electron's rule for privileged schemes): `app://` and
 * the media scheme (media-scheme.ts), standard and secure, so the CSP can name it.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true } },
  ])
}

/**
 * The file a request names, or undefined when it is outside `root` (`..`, encoded slashes,
 * symlinks leading out), not ours, or not a file.
 */
export function rendererFile(root: string, rawUrl: string): string | undefined {
  let url: URL
  let path: string
  try {
    url = new URL(rawUrl)
    path = decodeURIComponent(url.pathname)
  } catch {
    return undefined
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || path.includes('\0')) return undefined
  const base = normalize(root)
  const file = normalize(join(base, path === '/' ? 'index.html' : path))
  if (!file.startsWith(base + sep)) return undefined
  try {
    if (!statSync(file).isFile()) return undefined
    const real = realpathSync(file)
    return real.startsWith(realpathSync(base) + sep) ? real : undefined
  } catch {
    return undefined
  }
}

/** Answers `app://` requests from `root`; `headers` are added to every page (the CSP). */
export function serveRenderer(root: string, headers: Record<string, string>): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? rendererFile(root, request.url) : undefined
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
    const res = await net.fetch(pathToFileURL(file).href)
    const out = new Headers(res.headers)
    for (const [k, v] of Object.entries(headers)) out.set(k, v)
    out.set('x-content-type-options', 'nosniff')
    return new Response(res.body, { status: res.status, headers: out })
  })
}
