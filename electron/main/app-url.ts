/**
 * Where the renderer comes from: the built files under the privileged `app://qq/` origin, or
 * electron-vite's dev server (ELECTRON_RENDERER_URL, unpackaged runs only). Every window,
 * navigation guard and IPC sender check asks this one place what "our page" is.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'qq'

/** A window's view, the hash's path: `login`, `main`, or a chat window's (contract routes.ts: `chat/<kind>/<key>`, `chats`). */
export type Route = string

export class AppOrigin {
  private readonly dev: URL | undefined

  constructor(devUrl?: string) {
    this.dev = devUrl ? new URL(devUrl) : undefined
  }

  /** The page of a window: the SPA entry with its view in the hash (renderer's hash-route). */
  entry(route: Route): string {
    const base = this.dev ? new URL('index.html', this.dev.href.endsWith('/') ? this.dev.href : `${this.dev.href}/`) : new URL(`${APP_SCHEME}://${APP_HOST}/index.html`)
    base.hash = `/${route}`
    return base.href
  }

  /**
   * Same scheme, host and port as our pages. Compared field by field: Node's URL gives a
   * custom scheme's origin as "null", so `origin` cannot be compared.
   */
  owns(raw: string): boolean {
    let url: URL
    try {
      url = new URL(raw)
    } catch {
      return false
    }
    if (url.protocol === `${APP_SCHEME}:`) return url.host === APP_HOST
    return !!this.dev && url.protocol === this.dev.protocol && url.host === this.dev.host
  }

  /** The dev server's WebSocket (Vite's hot reload), which the CSP must let through. */
  get devSocket(): string | undefined {
    return this.dev && `${this.dev.protocol === 'https:' ? 'wss' : 'ws'}://${this.dev.host}`
  }
}
