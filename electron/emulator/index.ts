import { randomBytes } from 'node:crypto'
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { startBots } from './bots'
import { checkSigRoutes } from './ptlogin/check-sig'
import { passwordRoutes } from './ptlogin/password'
import { qrRoutes } from './ptlogin/qr'
import { contactsControlRoutes } from './phone/contacts-control'
import { localAccessHook } from './phone/access'
import { unservedHttpsHook } from './http/unserved-https'
import { controlRoutes } from './phone/control-api'
import { mediaControlRoutes } from './phone/media-control'
import { messagingControlRoutes } from './phone/messaging-control'
import { phonePageRoutes } from './phone/phone-page'
import { EmulatorCore, type EmulatorCoreOptions } from './core'
import { RequestContext, requestTarget } from './http/context'
import { Router } from './http/router'
import { loadTlsMaterial } from './tls'
import { avatarRoutes } from './web2/avatars'
import { contactRoutes } from './web2/contacts'
import { fileRoutes } from './web2/files'
import { pictureRoutes } from './web2/pictures'
import { pollRoutes } from './web2/poll'
import { sendRoutes } from './web2/send'
import { sessionRoutes } from './web2/session'

export { EmulatorCore } from './core'
export { SECRET_HEADER } from './phone/access'
export type { EmulatorSettings } from './core'

export interface EmulatorOptions extends EmulatorCoreOptions {
  /** Listen address (default 127.0.0.1). */
  host?: string
  /** Plain-HTTP port (default 0: any free port). */
  port?: number
  /** Also serve https with a certificate for the real host names (§9 item 1). */
  tls?: { httpsPort: number; certDir: string }
  /** Log one line per request (method, host, path, status) through `log`. */
  logRequests?: boolean
}

export interface RunningEmulator {
  readonly core: EmulatorCore
  readonly host: string
  readonly port: number
  readonly httpsPort: number | undefined
  /** http://host:port */
  readonly url: string
  /** This run's secret: the phone page wants it as `?secret=`, the control API in SECRET_HEADER. */
  readonly secret: string
  /** The phone page, with the secret: what the app opens and the CLI prints. */
  readonly phoneUrl: string
  readonly httpsUrl: string | undefined
  /** PEM of the CA that signed the https certificate (with `tls`). */
  readonly caCert: string | undefined
  stop(): Promise<void>
}

export function buildRouter(core: EmulatorCore, secret: string): Router {
  return new Router().hook(localAccessHook(secret)).hook(unservedHttpsHook(core)).hook(core.faults.hook()).addAll([
    ...qrRoutes(core),
    ...passwordRoutes(core),
    ...checkSigRoutes(core),
    ...sessionRoutes(core),
    ...contactRoutes(core),
    ...pollRoutes(core),
    ...sendRoutes(core),
    ...pictureRoutes(core),
    ...avatarRoutes(core),
    ...fileRoutes(core),
    ...controlRoutes(core),
    ...contactsControlRoutes(core),
    ...messagingControlRoutes(core),
    ...mediaControlRoutes(core),
    ...phonePageRoutes(),
  ])
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/** Starts the emulator: one server that routes on the Host header (plus https with `tls`). */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  // First: on a new cert folder its RSA keys are made on the thread pool while this thread makes the world.
  const tlsMaterial = opts.tls && loadTlsMaterial(opts.tls.certDir)
  void tlsMaterial?.catch(() => undefined)
  const core = new EmulatorCore(opts)
  const secret = randomBytes(24).toString('base64url')
  const router = buildRouter(core, secret)
  const host = opts.host ?? '127.0.0.1'
  const answer = async (req: IncomingMessage, res: ServerResponse, scheme: 'http' | 'https') => {
    const target = requestTarget(req, scheme)
    if (!target) {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('bad request: malformed Host or request target\n')
      return
    }
    const ctx = new RequestContext(req, res, scheme, target)
    if (opts.logRequests) res.once('finish', () => core.log(`${req.method} ${scheme}://${ctx.host}${ctx.url.pathname} ${res.statusCode}`))
    await router.dispatch(ctx)
  }
  // Everything a request does runs inside this boundary: hostile input answers 400 or 500, and
  // the process (the desktop app's, when embedded) lives on.
  const handle = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    answer(req, res, scheme).catch((err: unknown) => {
      core.log(`emulator: ${req.method} ${req.headers.host} ${req.url} failed: ${(err as Error).stack ?? String(err)}`)
      if (res.headersSent) return void res.destroy()
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('internal error')
    })
  }
  const servers: Server[] = []
  const http = createHttpServer(handle('http'))
  servers.push(http)
  const port = await listen(http, opts.port ?? 0, host)
  Object.assign(core.address, { host, port })
  let httpsPort: number | undefined
  let caCert: string | undefined
  if (opts.tls) {
    const material = await tlsMaterial!
    caCert = material.ca
    const https = createHttpsServer({ key: material.key, cert: material.cert + material.ca }, handle('https'))
    servers.push(https)
    httpsPort = await listen(https, opts.tls.httpsPort, host)
  }
  const bots = startBots(core)
  const shown = host.includes(':') ? `[${host}]` : host
  let stopped: Promise<void> | undefined
  const url = `http://${shown}:${port}`
  return {
    core,
    host,
    port,
    httpsPort,
    url,
    secret,
    phoneUrl: `${url}/phone?secret=${secret}`,
    httpsUrl: httpsPort === undefined ? undefined : `https://${shown}:${httpsPort}`,
    caCert,
    stop() {
      stopped ??= (async () => {
        bots.stop()
        core.dispose()
        await Promise.all(servers.map(close))
      })()
      return stopped
    },
  }
}
