import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { timingSafeEqual } from 'node:crypto'
import { WebSocketServer, type WebSocket } from 'ws'
import type { EventEmitter } from 'node:events'
import { EVENT_NAMES, type EventName } from '../contract'
import { WS_PATH, type ClientFrame, type ServerFrame } from '../contract/ws-protocol'
import { dispatch, type Handlers } from './dispatch'

/** A source of the contract's events (AppCore). */
export type EventSource = Pick<EventEmitter, 'on' | 'off'>

const MAX_FRAME = 1024 * 1024

export function tokenMatches(given: string | null | undefined, token: string): boolean {
  const a = Buffer.from(given ?? '')
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * The WebSocket transport of the contract (web mode): invoke frames are dispatched through the
 * same validating boundary as Electron IPC; events are pushed to every connected page. Only
 * upgrades to /ws with the right token and a same-origin Origin header are accepted.
 */
export class WsTransport {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME })
  private readonly sockets = new Set<WebSocket>()
  private readonly forwarders: Array<[EventName, (p: unknown) => void]> = []

  constructor(
    private readonly handlers: Handlers,
    private readonly events: EventSource,
    private readonly token: string,
  ) {
    for (const name of EVENT_NAMES) {
      const forward = (payload: unknown) => this.broadcast({ t: 'event', name, payload })
      this.forwarders.push([name, forward])
      events.on(name, forward)
    }
  }

  /** Handles an HTTP upgrade; returns false when it is not ours (the caller then closes it). */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (url.pathname !== WS_PATH) return false
    const origin = req.headers.origin
    const sameOrigin = origin !== undefined && new URL(origin).host === req.headers.host
    if (!tokenMatches(url.searchParams.get('token'), this.token) || !sameOrigin) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n')
      return true
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws))
    return true
  }

  private attach(ws: WebSocket): void {
    this.sockets.add(ws)
    ws.on('close', () => this.sockets.delete(ws))
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only')
      let frame: ClientFrame
      try {
        frame = JSON.parse(String(data)) as ClientFrame
      } catch {
        return ws.close(1007, 'bad frame')
      }
      if (frame?.t !== 'invoke' || !Number.isSafeInteger(frame.id)) return ws.close(1007, 'bad frame')
      void dispatch(this.handlers, frame.name, frame.args).then((r) =>
        this.send(ws, r.ok ? { t: 'result', id: frame.id, ok: true, value: r.value } : { t: 'result', id: frame.id, ok: false, error: r.error }),
      )
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
