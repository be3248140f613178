// Nothing here but the socket, its URL and the contract's path: this evaluates before the
// bundle's libraries (its own chunk, electron.vite.config.ts).
import { WS_PATH } from '@contract/ws-protocol'
import { pageToken } from './media-urls'
import type { SocketLike } from './websocket'

/**
 * Web mode's first socket, opened while the page's bundle still evaluates (issue 13, startup):
 * its handshake overlaps the bundle instead of following it, so the bridge made in main.ts may
 * find it open and send `session.get` at once, rather than after the app's first mount (the
 * open event of a socket made then waits for that task). What the socket hears before the
 * bridge takes it is kept, and handed to the bridge in order, a microtask after it took it
 * (by then the bridge has set its handlers). Anything else — a later reconnect, Electron — uses
 * a socket of its own.
 */

/** `ws(s)://<host>/ws?token=<token>`, the token being the page's own `?token=` (ws-protocol.ts). */
export function webSocketUrl(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = pageToken(loc)
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${loc.host}${WS_PATH}?token=${encodeURIComponent(token)}`
}

type Queued = ['open', Event] | ['message', MessageEvent] | ['error', Event] | ['close', CloseEvent]

interface Early {
  url: string
  ws: WebSocket
  queue: Queued[]
  /** The bridge's view of the socket, once taken. */
  taken?: SocketLike
}

let early: Early | undefined

/** Opens the early socket to `url` (once per page). */
export function openEarlySocket(url: string, connect: (url: string) => WebSocket = (u) => new WebSocket(u)): void {
  if (early) return
  const ws = connect(url)
  const e: Early = { url, ws, queue: [] }
  const keep = (item: Queued) => {
    e.queue.push(item)
    if (e.taken && e.queue.length === 1) queueMicrotask(() => deliver(e))
  }
  ws.addEventListener('open', (ev) => keep(['open', ev]))
  ws.addEventListener('message', (ev) => keep(['message', ev]))
  ws.addEventListener('error', (ev) => keep(['error', ev]))
  ws.addEventListener('close', (ev) => keep(['close', ev]))
  early = e
}

/** Hands what the socket heard to the bridge's handlers, in the order it heard it. */
function deliver(e: Early): void {
  const s = e.taken!
  for (const item of e.queue.splice(0)) {
    if (item[0] === 'open') s.onopen?.(item[1])
    else if (item[0] === 'message') s.onmessage?.(item[1])
    else if (item[0] === 'error') s.onerror?.(item[1])
    else s.onclose?.(item[1])
  }
}

/** The early socket for `url`, once: the bridge's first connection; undefined when there is none (or it was taken). */
export function takeEarlySocket(url: string): SocketLike | undefined {
  const e = early
  if (!e || e.taken || e.url !== url) return undefined
  const ws = e.ws
  const taken: SocketLike = {
    get readyState() {
      return ws.readyState
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
  }
  e.taken = taken
  if (e.queue.length) queueMicrotask(() => deliver(e))
  return taken
}

/** Tests: forget the page's early socket. */
export function resetEarlySocket(): void {
  early = undefined
}
