import { randomBytes } from 'node:crypto'
import { createReadStream, existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import sirv from 'sirv'
import { Logger } from '../engine/log'
import type { AppCore } from '../backend/app-core'
import { contentSecurityPolicy } from '../backend/csp'
import { WsTransport } from '../ipc/ws-transport'
import { secretMatches } from '../smartqq/secret'
import { mediaHashSchema } from '../model'

/**
 * Web mode's HTTP server: the built renderer (out/renderer, served by sirv) and the WebSocket
 * transport on 127.0.0.1, behind a random token. The page is only served with the token in its
 * URL; the socket needs it too (and a same-origin Origin header). Nothing a client sends can
 * take the process down: a request line Node cannot parse is answered 400 on that socket alone,
 * a URL that does not parse is 400, a path that names nothing in the renderer is 404.
 */

export interface WebServer {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

/**
 * The regular files under the renderer folder, by (device, inode), found without following
 * links. sirv follows symbolic links when it walks the folder; a file it would serve that is not
 * in this set lives outside the folder (a link to /etc/passwd, a linked directory) and is 404.
 */
function filesUnder(dir: string, ids = new Set<string>()): Set<string> {
  // Not readdir's `recursive`: it descends into linked directories too.
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) filesUnder(path, ids)
    else if (entry.isFile()) {
      const st = statSync(path)
      ids.add(`${st.dev}:${st.ino}`)
    }
  }
  return ids
}

/** The path as sirv looks it up (decodeURI, one trailing slash dropped): is it the page? */
function isPagePath(pathname: string): boolean {
  let p = pathname
  try {
    p = decodeURI(p)
  } catch {
    return false
  }
  if (p.endsWith('/')) p = p.slice(0, -1)
  return p === '' || p === '/index.html'
}

class OutsideRenderer extends Error {}

/** `/media/<sha-256>`: a cached picture or avatar; `/files/<transfer id>`: a file this app saved. */
const MEDIA_ROUTE = /^\/media\/([^/]*)$/
const FILES_ROUTE = /^\/files\/([^/]*)$/
const TRANSFER_ID = /^[\w-]{1,64}$/

/** Content-Disposition for a download: an ASCII fallback and the real name in RFC 5987 form. */
export function attachmentHeader(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

interface ServedFile {
  path: string
  headers: Record<string, string>
}

export async function startWebServer(
  core: AppCore,
  opts: {
    rendererDir: string
    port?: number
    host?: string
    token?: string
    logger?: Logger
    /**
     * Whether a page opened now shows the main view first (a saved session being restored, a
     * session there): its HTML then says so, and it fetches that view's script with its first
     * files instead of after the first answer (App.vue).
     */
    leadsToMain?: () => boolean
  },
): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url')
  const logger = opts.logger ?? new Logger()
  const root = realpathSync(opts.rendererDir)
  if (!existsSync(join(root, 'index.html'))) throw new Error(`no built renderer in ${root} (run: npm run build)`)
  const ws = new WsTransport(core.handlers, core, token, logger)
  const host = opts.host ?? '127.0.0.1'
  const inside = filesUnder(root)
  const pageHtml = readFileSync(join(root, 'index.html'), 'utf8')
  const mainHtml = pageHtml.replace('<head>', '<head>\n  <meta name="qq-leads-to" content="main">')
  // Not dev mode: sirv lists the folder once, so a request can only ever name one of those
  // files by its exact path (no `..`, however encoded, reaches the disk). No directory listing.
  const assets = sirv(root, {
    dev: false,
    etag: false,
    extensions: [],
    dotfiles: false,
    setHeaders: (_res, _pathname, stats) => {
      if (!inside.has(`${stats.dev}:${stats.ino}`)) throw new OutsideRenderer()
    },
  })

  function mediaFile(hash: string): ServedFile | undefined {
    const file = mediaHashSchema.safeParse(hash).success ? core.mediaFile(hash) : undefined
    // Content-addressed: the bytes behind a hash never change.
    return file && { path: file.path, headers: { 'Content-Type': file.mime, 'Cache-Control': 'private, max-age=31536000, immutable' } }
  }

  function savedFile(id: string): ServedFile | undefined {
    const file = TRANSFER_ID.test(id) ? core.savedFile(id) : undefined
    return file && { path: file.path, headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': attachmentHeader(file.name) } }
  }

  function sendFile(req: IncomingMessage, res: ServerResponse, file: ServedFile): void {
    let size: number
    try {
      size = statSync(file.path).size
    } catch {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { ...file.headers, 'Content-Length': String(size) })
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    const stream = createReadStream(file.path)
    stream.on('error', (err) => {
      logger.warn(`web: reading a served file failed: ${err.message}`)
      res.destroy()
    })
    stream.pipe(res)
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', contentSecurityPolicy([`ws://${req.headers.host ?? host}`]))
    res.setHeader('X-Content-Type-Options', 'nosniff')
    res.setHeader('Referrer-Policy', 'no-referrer')
    res.setHeader('Cache-Control', 'no-store')
    const url = URL.parse(req.url ?? '/', 'http://localhost')
    if (!url) {
      res.writeHead(400).end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end()
      return
    }
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end()
      return
    }
    const media = MEDIA_ROUTE.exec(url.pathname)
    const saved = FILES_ROUTE.exec(url.pathname)
    if (media || saved) {
      // The page's own requests: the same token as the page. Never a path from the request: a
      // valid hash is looked up in the cache, a transfer id among the files this app saved.
      if (!secretMatches(url.searchParams.get('token'), token)) {
        res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This needs the token printed by `npm run web`.\n')
        return
      }
      const file = media ? mediaFile(media[1]!) : savedFile(saved![1]!)
      if (!file) {
        res.writeHead(404).end()
        return
      }
      sendFile(req, res, file)
      return
    }
    // sirv looks up the raw path; the URL parser normalises it: either naming the page is the page.
    const isPage = isPagePath(url.pathname) || isPagePath((req.url ?? '/').split(/[?#]/)[0]!)
    if (isPage && !secretMatches(url.searchParams.get('token'), token)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' }).end('This page needs the token printed by `npm run web`.\n')
      return
    }
    // The built app never asks for ranges, and sirv passes a reversed one to createReadStream.
    delete req.headers.range
    if (isPage) {
      // Read once at start, as sirv lists the folder once: the page as built, or with the hint.
      const body = opts.leadsToMain?.() ? mainHtml : pageHtml
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) })
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    try {
      assets(req, res)
    } catch (err) {
      if (!(err instanceof OutsideRenderer)) logger.warn(`web: serving ${url.pathname} failed: ${(err as Error).message}`)
      if (res.headersSent) res.destroy()
      else res.writeHead(404).end()
    }
  }

  const server: Server = createServer(handle)
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // One client's garbage (a request line Node cannot parse, oversized headers) ends its own
    // socket with a 400; nothing else is touched.
    if (err.code !== 'ECONNRESET' && socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  server.on('upgrade', (req, socket, head) => {
    if (!ws.upgrade(req, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  server.on('error', (err) => logger.error(`web: server error: ${err.message}`))
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
