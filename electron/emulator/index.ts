import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { startBots } from './bots'
import { checkSigRoutes } from './ptlogin/check-sig'
import { passwordRoutes } from './ptlogin/password'
import { qrRoutes } from './ptlogin/qr'
import { contactsControlRoutes } from './phone/contacts-control'
import { controlRoutes } from './phone/control-api'
import { messagingControlRoutes } from './phone/messaging-control'
import { phonePageRoutes } from './phone/phone-page'
import { EmulatorCore, type EmulatorCoreOptions } from './core'
import { RequestContext } from './http/context'
import { Router } from './http/router'
import { loadTlsMaterial } from './tls'
import { contactRoutes } from './web2/contacts'
import { pollRoutes } from './web2/poll'
import { sendRoutes } from './web2/send'
import { sessionRoutes } from './web2/session'

export { EmulatorCore } from './core'
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
  /** http://host:port — the phone page is at `${url}/phone`. */
  readonly url: string
  readonly httpsUrl: string | undefined
  /** PEM of the CA that signed the https certificate (with `tls`). */
  readonly caCert: string | undefined
  stop(): Promise<void>
}

export function buildRouter(core: EmulatorCore): Router {
  return new Router().hook(core.faults.hook()).addAll([
    ...qrRoutes(core),
    ...passwordRoutes(core),
    ...checkSigRoutes(core),
    ...sessionRoutes(core),
    ...contactRoutes(core),
    ...pollRoutes(core),
    ...sendRoutes(core),
    ...controlRoutes(core),
    ...contactsControlRoutes(core),
    ...messagingControlRoutes(core),
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
  const core = new EmulatorCore(opts)
  const router = buildRouter(core)
  const host = opts.host ?? '127.0.0.1'
  const handle = (scheme: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
    const ctx = new RequestContext(req, res, scheme)
    if (opts.logRequests) res.once('finish', () => core.log(`${req.method} ${scheme}://${ctx.host}${ctx.url.pathname} ${res.statusCode}`))
    router.dispatch(ctx).catch((err: unknown) => {
      core.log(`emulator: ${req.method} ${ctx.host}${ctx.url.pathname} failed: ${(err as Error).stack ?? String(err)}`)
      if (!res.headersSent) ctx.text('internal error', 'text/plain', 500)
      else res.destroy()
    })
  }
  const servers: Server[] = []
  const http = createHttpServer(handle('http'))
  servers.push(http)
  const port = await listen(http, opts.port ?? 0, host)
  let httpsPort: number | undefined
  let caCert: string | undefined
  if (opts.tls) {
    const material = await loadTlsMaterial(opts.tls.certDir)
    caCert = material.ca
    const https = createHttpsServer({ key: material.key, cert: material.cert + material.ca }, handle('https'))
    servers.push(https)
    httpsPort = await listen(https, opts.tls.httpsPort, host)
  }
  const bots = startBots(core)
  const shown = host.includes(':') ? `[${host}]` : host
  let stopped: Promise<void> | undefined
  return {
    core,
    host,
    port,
    httpsPort,
    url: `http://${shown}:${port}`,
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
