// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { ClientFrame, ServerFrame } from '../../../electron/ipc/contract/ws-protocol'
import { openEarlySocket, resetEarlySocket, takeEarlySocket } from '../../../renderer/src/bridge/early-socket'
import type { LinkState } from '../../../renderer/src/bridge/link'
import { createWebSocketBridge, type SocketLike } from '../../../renderer/src/bridge/websocket'

/** A browser-like socket (events through addEventListener) the test opens and speaks through. */
class EventSocket extends EventTarget {
  readyState = 0
  sent: ClientFrame[] = []
  closed = false
  constructor(readonly url: string) {
    super()
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open')
    this.sent.push(JSON.parse(data) as ClientFrame)
  }
  close(): void {
    this.closed = true
  }
  open(): void {
    this.readyState = 1
    this.dispatchEvent(new Event('open'))
  }
  push(frame: ServerFrame): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(frame) }))
  }
  drop(): void {
    this.readyState = 3
    this.dispatchEvent(new CloseEvent('close', { code: 1006 }))
  }
}

const URL = 'ws://127.0.0.1:1/ws?token=t'

describe('the early socket (web mode startup)', () => {
  let early: EventSocket | undefined
  const openIt = () => openEarlySocket(URL, (u) => (early = new EventSocket(u)) as unknown as WebSocket)
  afterEach(() => resetEarlySocket())

  it('the bridge takes a socket that opened while the bundle evaluated: its first invoke goes out at once, and what the server said before is heard in order', async () => {
    openIt()
    early!.open()
    early!.push({ t: 'event', name: 'login.state', payload: { kind: 'qr', image: 'a' } })
    early!.push({ t: 'event', name: 'login.state', payload: { kind: 'qr', image: 'b' } })
    const made: string[] = []
    const bridge = createWebSocketBridge({ url: URL, connect: (u) => takeEarlySocket(u) ?? (made.push(u), new EventSocket(u) as unknown as SocketLike) })
    const links: LinkState[] = []
    bridge.onLink((l) => links.push(l))
    const heard: unknown[] = []
    bridge.on('login.state', (p) => heard.push(p))
    const answer = bridge.invoke('session.get', {})
    // Sent in this task: the socket is open, no open event awaited.
    expect(early!.sent.map((f) => f.name)).toEqual(['session.get'])
    await Promise.resolve()
    expect(heard).toEqual([{ kind: 'qr', image: 'a' }, { kind: 'qr', image: 'b' }])
    expect(links.at(-1)).toEqual({ kind: 'open' })
    early!.push({ t: 'result', id: early!.sent[0]!.id, ok: true, value: 'answered' })
    await expect(answer).resolves.toBe('answered')
    expect(made).toEqual([])
    bridge.close()
    expect(early!.closed).toBe(true)
  })

  it('a socket still opening is taken as it is; one that closed before is heard closing, and the reconnect makes a socket of its own', async () => {
    openIt()
    const made: EventSocket[] = []
    const bridge = createWebSocketBridge({ url: URL, backoff: { initialMs: 1, maxMs: 1 }, connect: (u) => takeEarlySocket(u) ?? (made.push(new EventSocket(u)), made.at(-1)! as unknown as SocketLike) })
    const answer = bridge.invoke('session.get', {})
    expect(early!.sent).toEqual([])
    early!.open()
    await Promise.resolve()
    expect(early!.sent.map((f) => f.name)).toEqual(['session.get'])
    early!.drop()
    await expect(answer).rejects.toMatchObject({ error: { kind: 'network' } })
    await new Promise((r) => setTimeout(r, 10))
    expect(made.map((s) => s.url)).toEqual([URL])
    bridge.close()
  })

  it('is only handed out once, and only for its own URL', () => {
    openIt()
    expect(takeEarlySocket('ws://elsewhere/ws?token=t')).toBeUndefined()
    expect(takeEarlySocket(URL)).toBeDefined()
    expect(takeEarlySocket(URL)).toBeUndefined()
  })
})
