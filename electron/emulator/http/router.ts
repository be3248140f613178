import { isIP } from 'node:net'
import type { RequestContext } from './context'
import { HttpAnswer } from './context'

/** Which real service a host name belongs to (§1.2). The emulator routes on this. */
export type HostFamily =
  | 'ptlogin' // ssl.ptlogin2.qq.com (ptqrshow, ptqrlogin, check, login, pt4_auth)
  | 'ptlogin-ui' // ui / xui.ptlogin2.qq.com (login pages)
  | 'captcha' // ssl.captcha.qq.com
  | 'check-sig' // ptlogin4.web2.qq.com, ptlogin2.web2.qq.com
  | 'w' // w.qq.com (proxy page, /d/channel path proxy)
  | 'web2' // web2.qq.com
  | 's' // s.web2.qq.com
  | 'd' // d1.web2.qq.com and d.web2.qq.com
  | 'file' // file1.web.qq.com
  | 'face' // face1 … face10.web.qq.com (avatars)
  | 'local' // the emulator's own address: phone page, control API, image server

const FAMILY_BY_HOST: Record<string, HostFamily> = {
  'ssl.ptlogin2.qq.com': 'ptlogin',
  'ptlogin2.qq.com': 'ptlogin',
  'ui.ptlogin2.qq.com': 'ptlogin-ui',
  'xui.ptlogin2.qq.com': 'ptlogin-ui',
  'ssl.captcha.qq.com': 'captcha',
  'ptlogin4.web2.qq.com': 'check-sig',
  'ptlogin2.web2.qq.com': 'check-sig',
  'w.qq.com': 'w',
  'web2.qq.com': 'web2',
  's.web2.qq.com': 's',
  'd1.web2.qq.com': 'd',
  'd.web2.qq.com': 'd',
  'file1.web.qq.com': 'file',
  // Clients spread avatar requests over ten hosts (§7.6); any of them answers for everyone.
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`face${i + 1}.web.qq.com`, 'face' as const])),
}

/** Every real host name the emulator answers for (also the TLS certificate's names). */
export const REAL_HOSTS: readonly string[] = Object.keys(FAMILY_BY_HOST)

export function hostFamily(host: string): HostFamily | undefined {
  const known = FAMILY_BY_HOST[host]
  if (known) return known
  // The emulator itself only under an address (127.0.0.1, a LAN IP, ::1) or localhost: a page
  // that rebinds its own domain name to 127.0.0.1 still sends that name, and is not served.
  return isIP(host) || host === 'localhost' ? 'local' : undefined
}

export type Handler = (ctx: RequestContext) => Promise<void> | void

export interface Route {
  /** Endpoint name used by fault injection and logs, e.g. `poll2`, `ptqrshow`. */
  name: string
  family: HostFamily | readonly HostFamily[]
  /** Exact path, or a prefix when it ends with `*`. */
  path: string
  /** Allowed methods; GET and POST when omitted (the service rarely cared). */
  methods?: readonly string[]
  /**
   * A request to a 'local' route that authorises itself, as the image server's rkey does
   * (§7.1): it needs no secret, and it is a protocol endpoint (faults apply).
   */
  open?: (ctx: RequestContext) => boolean
  handler: Handler
}

/** Runs before a route's handler; may answer the request itself (fault injection). */
export type RouteHook = (route: Route, ctx: RequestContext) => Promise<void> | void

export class Router {
  private readonly exact = new Map<string, Route>()
  private readonly prefixes: Route[] = []
  private readonly hooks: RouteHook[] = []

  add(route: Route): this {
    const families = typeof route.family === 'string' ? [route.family] : route.family
    for (const f of families) {
      if (route.path.endsWith('*')) this.prefixes.push({ ...route, family: f })
      else this.exact.set(`${f} ${route.path}`, route)
    }
    return this
  }

  addAll(routes: readonly Route[]): this {
    for (const r of routes) this.add(r)
    return this
  }

  hook(h: RouteHook): this {
    this.hooks.push(h)
    return this
  }

  find(family: HostFamily, path: string): Route | undefined {
    return (
      this.exact.get(`${family} ${path}`) ??
      this.prefixes.find((r) => r.family === family && path.startsWith(r.path.slice(0, -1)))
    )
  }

  async dispatch(ctx: RequestContext): Promise<void> {
    const family = hostFamily(ctx.host)
    if (!family) {
      ctx.text('misdirected request: not a host this emulator serves\n', 'text/plain; charset=utf-8', 421)
      return
    }
    const route = this.find(family, ctx.url.pathname)
    if (!route) {
      ctx.text(notFoundPage(), 'text/html; charset=utf-8', 404)
      return
    }
    if (!(route.methods ?? ['GET', 'POST', 'HEAD']).includes(ctx.method)) {
      ctx.text('method not allowed', 'text/plain', 405)
      return
    }
    try {
      for (const h of this.hooks) {
        await h(route, ctx)
        // A dropped connection marks only its socket destroyed at once (the response follows on
        // 'close'): the handler must not run and, say, drain a poll's items into the void.
        if (ctx.answered || ctx.res.destroyed || ctx.req.socket.destroyed) return
      }
      await route.handler(ctx)
    } catch (err) {
      if (err instanceof HttpAnswer) ctx.answer(err)
      else throw err
    }
  }
}

function notFoundPage(): string {
  return '<html><head><title>404 Not Found</title></head><body><center><h1>404 Not Found</h1></center><hr><center>nginx</center></body></html>'
}
