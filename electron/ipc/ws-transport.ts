import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventEmitter } from 'node:events'
import { EVENT_NAMES, WS_MAX_FRAME_BYTES, type EventName } from './contract'
import { WS_PATH, type ClientFrame, type ServerFrame } from './contract/ws-protocol'
import { dispatch, type Handlers } from './dispatch'
import { secretMatches } from '../smartqq/secret'

/** Where the transport reports trouble (the host's logger). */
export interface TransportLog {
  warn(message: string): void
  error(message: string): void
}

/** A source of the contract's events (AppCore). */
export type EventSource = Pick<EventEmitter, 'on' | 'off'>

/**
 * The WebSocket transport of the contract (web mode): invoke frames are dispatched through the
 * same validating boundary as Electron IPC; events are pushed to every connected page. Only
 * upgrades to /ws with the right token and a same-origin Origin header are accepted.
 * Whatever a client sends ends, at worst, its own connection: a frame over the limit closes it
 * with 1009 (ws does that once an 'error' listener exists), an unreadable one with 1007.
 */
export class WsTransport {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_FRAME_BYTES })
  private readonly sockets = new Set<WebSocket>()
  private readonly forwarders: Array<[EventName, (p: unknown) => void]> = []

  constructor(
    private readonly handlers: Handlers,
    private readonly events: EventSource,
    private readonly token: string,
    private readonly logger?: TransportLog,
  ) {
    for (const name of EVENT_NAMES) {
      const forward = (payload: unknown) => this.broadcast({ t: 'event', name, payload })
      this.forwarders.push([name, forward])
      events.on(name, forward)
    }
  }

  /** Handles an HTTP upgrade; returns false when it is not ours (the caller then closes it). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    // Until ws takes the socket over, a reset would be an unhandled 'error' event.
    socket.on('error', () => socket.destroy())
    const url = URL.parse(req.url ?? '/', 'http://localhost')
    if (url?.pathname !== WS_PATH) return false
    // `Origin: null` (sandboxed frames, file pages) and unparsable origins are not ours.
    const origin = req.headers.origin === undefined ? null : URL.parse(req.headers.origin)
    const sameOrigin = origin !== null && origin.host !== '' && origin.host === req.headers.host
    if (!secretMatches(url.searchParams.get('token'), this.token) || !sameOrigin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return true
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws))
    return true
  }

  private attach(ws: WebSocket): void {
    this.sockets.add(ws)
    ws.on('close', () => this.sockets.delete(ws))
    ws.on('error', (err) => this.logger?.warn(`web: socket closed: ${err.message}`))
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only')
      let frame: ClientFrame
      try {
        frame = JSON.parse(String(data)) as ClientFrame
      } catch {
        return ws.close(1007, 'bad frame')
      }
      if (frame?.t !== 'invoke' || !Number.isSafeInteger(frame.id) || typeof frame.name !== 'string') return ws.close(1007, 'bad frame')
      dispatch(this.handlers, frame.name, frame.args)
        .then((r) =>
          this.send(ws, r.ok ? { t: 'result', id: frame.id, ok: true, value: r.value } : { t: 'result', id: frame.id, ok: false, error: r.error }),
        )
        .catch((err: unknown) => {
          // Only a fault in the boundary itself lands here (a handler's error is a result).
          this.logger?.error(`web: ${frame.name} failed outside its handler: ${(err as Error)?.stack ?? String(err)}`)
          this.send(ws, { t: 'result', id: frame.id, ok: false, error: { kind: 'malformed', message: `${frame.name}: internal error` } })
        })
    })
  }

  private send(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame))
  }

  private broadcast(frame: ServerFrame): void {
    const text = JSON.stringify(frame)
    for (const ws of this.sockets) if (ws.readyState === ws.OPEN) ws.send(text)
  }

  close(): void {
    for (const [name, f] of this.forwarders) this.events.off(name, f)
    for (const ws of this.sockets) ws.terminate()
    this.wss.close()
  }
}
