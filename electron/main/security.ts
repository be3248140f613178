import type { Session, WebContents } from 'electron'
import type { Logger } from '../engine/log'
import { contentSecurityPolicy, ELECTRON_IMAGES } from '../backend/csp'
import type { AppOrigin } from './app-url'

/** The renderer's CSP (the same one web mode sends, images from the media scheme), plus the dev server's hot-reload socket. */
export function appCsp(origin: AppOrigin): string {
  const socket = origin.devSocket
  return contentSecurityPolicy(socket ? [socket] : [], ELECTRON_IMAGES)
}

/**
 * Session-wide policy: our pages get the CSP as a header (the `<meta>` in index.html stays as a
 * second line), no page gets any permission (notifications are shown by the main process, and
 * nothing else, camera, geolocation, …, is used), and no page downloads anything: the engine
 * fetches images and files itself, so a download a page starts is a page doing what ours never do.
 */
export function lockDownSession(ses: Session, origin: AppOrigin, logger: Logger): void {
  const csp = appCsp(origin)
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (!origin.owns(details.url)) return callback({})
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } })
  })
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn(`refused a page's permission request: ${permission}`)
    callback(false)
  })
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
  ses.on('will-download', (event, item) => {
    event.preventDefault()
    logger.warn(`refused a download a page started: ${describe(item.getURL())}`)
  })
}

/**
 * Per-window guards: a page never leaves our origin, never opens windows (http(s) links go to
 * the browser through `openLink`), never attaches a <webview>.
 */
export function guardContents(contents: WebContents, origin: AppOrigin, openLink: (url: string) => Promise<void>, logger: Logger): void {
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (origin.owns(event.url)) return
    event.preventDefault()
    logger.warn(`blocked a navigation away from the app to ${describe(event.url)}`)
  }
  contents.on('will-navigate', stayHome)
  contents.on('will-redirect', stayHome)
  contents.on('will-attach-webview', (event) => {
    event.preventDefault()
    logger.warn('blocked a <webview>')
  })
  contents.setWindowOpenHandler(({ url }) => {
    openLink(url).catch((err: unknown) => logger.warn(`did not open ${describe(url)}: ${(err as Error).message}`))
    return { action: 'deny' }
  })
}

/** A URL for the log without its query (which may carry tokens). */
function describe(url: string): string {
  try {
    const u = new URL(url)
    return `${u.protocol}//${u.host}${u.pathname}`
  } catch {
    return 'an invalid URL'
  }
}
