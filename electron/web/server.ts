import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'
import type { AppCore } from '../ipc/server/app-core'
import { contentSecurityPolicy } from '../ipc/server/csp'
import { WsTransport, tokenMatches } from '../ipc/server/ws-transport'

/**
 * Web mode's HTTP server: the built renderer (out/renderer) and the WebSocket transport on
 * 127.0.0.1, behind a random token. The page is only served with the token in its URL; the
 * socket needs it too (and a same-origin Origin header).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

export interface WebServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

export async function startWebServer(core: AppCore, opts: { rendererDir: string; port?: number; host?: string; token?: string }): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const root = normalize(opts.rendererDir)
  if (!existsSync(join(root, 'index.html'))) throw new Error(`no built renderer in ${root} (run: npm run build)`)
  const ws = new WsTransport(core.handlers, core, token)
  const host = opts.host ?? '127.0.0.1'

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy([`ws://${req.headers.host ?? host}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, headers).end()
      return
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204, headers).end()
      return
    }
    const isPage = url.pathname === '/' || url.pathname === '/index.html'
    if (isPage && !tokenMatches(url.searchParams.get('token'), token)) {
      res.writeHead(403, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('This page needs the token printed by `npm run web`.\n')
      return
    }
    const file = normalize(join(root, isPage ? 'index.html' : decodeURIComponent(url.pathname)))
    if (!(file === root || file.startsWith(root + sep)) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, headers).end()
      return
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' })
    createReadStream(file).pipe(res)
  })
  server.on('upgrade', (req, socket, head) => {
    if (!ws.upgrade(req, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://${host}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      ws.close()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
    },
  }
}
