import WebSocket from 'ws'
import type { ServerFrame } from '../../electron/ipc/contract/ws-protocol'

/** Web mode's socket as the page opens it (`/ws?token=`, a same-origin Origin unless told otherwise); rejects with the HTTP status it was refused with. */
export function connectSocket(port: number, token: string, origin = `http://127.0.0.1:${port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin })
    ws.once('open', () => resolve(ws))
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
}

/** The contract over an open socket: invokes answered by their result frame, events collected in order. */
export function socketClient(ws: WebSocket) {
  let id = 0
  const waiting = new Map<number, (f: ServerFrame) => void>()
  const events: Array<Extract<ServerFrame, { t: 'event' }>> = []
  ws.on('message', (d) => {
    const f = JSON.parse(String(d)) as ServerFrame
    if (f.t === 'result') waiting.get(f.id)?.(f)
    else events.push(f)
  })
  return {
    events,
    invoke(name: string, args: unknown = {}): Promise<ServerFrame> {
      const n = ++id
      ws.send(JSON.stringify({ t: 'invoke', id: n, name, args }))
      return new Promise((r) => waiting.set(n, r))
    },
  }
}
