// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { toErrorView } from '../../../electron/ipc/contract'
import type { ClientFrame, ServerFrame } from '../../../electron/ipc/contract/ws-protocol'
import { chooseBridge } from '../../../renderer/src/bridge'
import type { LinkState } from '../../../renderer/src/bridge/link'
import { mediaUrlsFor } from '../../../renderer/src/bridge/media-urls'
import { createWebSocketBridge, webSocketUrl, type SocketLike, type WebSocketBridge } from '../../../renderer/src/bridge/websocket'

/** A socket the test drives: it opens, answers and drops when told to. */
class FakeSocket implements SocketLike {
  static all: FakeSocket[] = []
  readyState = 0
  sent: ClientFrame[] = []
  onopen: ((ev: Event) => void) | null = null
  onclose: ((ev: CloseEvent) => void) | null = null
  onerror: ((ev: Event) => void) | null = null
  onmessage: ((ev: MessageEvent) => void) | null = null

  constructor(readonly url: string) {
    FakeSocket.all.push(this)
  }

  static last(): FakeSocket {
    const s = FakeSocket.all.at(-1)
    if (!s) throw new Error('no socket')
    return s
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open')
    this.sent.push(JSON.parse(data) as ClientFrame)
  }

  close(): void {
    this.drop()
  }

  open(): void {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }

  drop(code?: number): void {
    if (this.readyState === 3) return
    this.readyState = 3
    this.onerror?.(new Event('error'))
    this.onclose?.(new CloseEvent('close', { code }))
  }

  push(frame: ServerFrame | string): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }))
  }
}

describe('WebSocket bridge', () => {
  let bridge: WebSocketBridge | undefined
  let links: LinkState[]

  function make(): WebSocketBridge {
    links = []
    bridge = createWebSocketBridge({ url: 'ws://host/ws?token=t', connect: (u) => new FakeSocket(u), invokeTimeoutMs: 5000, backoff: { initialMs: 100, maxMs: 1000 } })
    bridge.onLink((s) => links.push(s))
    return bridge
  }

  beforeEach(() => {
    FakeSocket.all = []
    vi.useFakeTimers()
  })
  afterEach(() => {
    bridge?.close()
    vi.useRealTimers()
  })

  it('builds the socket URL from the page, passing its token on', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173', search: '?token=a b&x=1' })).toBe('ws://127.0.0.1:5173/ws?token=a%20b')
    expect(webSocketUrl({ protocol: 'https:', host: 'qq.example', search: '' })).toBe('wss://qq.example/ws?token=')
  })

  it('sends invoke frames and resolves with the matching result frame', async () => {
    const b = make()
    FakeSocket.last().open()
    const p = b.invoke('history.page', { conversation: { kind: 'friend', key: 'k' }, limit: 5 })
    const q = b.invoke('settings.get', {})
    const [f1, f2] = FakeSocket.last().sent
    expect(f1).toEqual({ t: 'invoke', id: 1, name: 'history.page', args: { conversation: { kind: 'friend', key: 'k' }, limit: 5 } })
    expect(f2).toMatchObject({ t: 'invoke', id: 2, name: 'settings.get' })
    FakeSocket.last().push({ t: 'result', id: 2, ok: false, error: { kind: 'bad-input', message: 'nope' } })
    FakeSocket.last().push({ t: 'result', id: 1, ok: true, value: [] })
    await expect(p).resolves.toEqual([])
    const err = await q.catch((e: unknown) => e)
    expect(toErrorView(err)).toEqual({ kind: 'bad-input', message: 'nope' })
  })

  it('passes on every kind of failure the backend can answer, "unavailable" too (a copy of the kinds without it dropped that answer and the call hung)', async () => {
    const b = make()
    FakeSocket.last().open()
    const p = b.invoke('contacts.get', {}).catch((e: unknown) => toErrorView(e))
    FakeSocket.last().push({ t: 'result', id: 1, ok: false, error: { kind: 'unavailable', message: 'starting' } })
    await expect(p).resolves.toEqual({ kind: 'unavailable', message: 'starting' })
  })

  it('delivers event frames to listeners and ignores frames it cannot read', () => {
    const b = make()
    const got: unknown[] = []
    const off = b.on('session.state', (s) => got.push(s))
    FakeSocket.last().open()
    FakeSocket.last().push('not json')
    FakeSocket.last().push({ t: 'event', name: 'no.such' as 'typing', payload: {} })
    FakeSocket.last().push({ t: 'event', name: 'session.state', payload: { kind: 'connecting' } })
    off()
    FakeSocket.last().push({ t: 'event', name: 'session.state', payload: { kind: 'logged-out' } })
    expect(got).toEqual([{ kind: 'connecting' }])
  })

  it('holds invokes made while disconnected until the socket opens', async () => {
    const b = make()
    const p = b.invoke('app.info', {})
    expect(FakeSocket.last().sent).toEqual([])
    FakeSocket.last().open()
    expect(FakeSocket.last().sent).toEqual([{ t: 'invoke', id: 1, name: 'app.info', args: {} }])
    FakeSocket.last().push({ t: 'result', id: 1, ok: true, value: 'info' })
    await expect(p).resolves.toBe('info')
  })

  it('fails a waiting invoke with a network error after the timeout', async () => {
    const b = make()
    const p = b.invoke('app.info', {}).catch((e: unknown) => toErrorView(e))
    await vi.advanceTimersByTimeAsync(5001)
    await expect(p).resolves.toMatchObject({ kind: 'network' })
  })

  it('fails invokes in flight when the socket drops, and reconnects with growing backoff', async () => {
    const b = make()
    FakeSocket.last().open()
    const lost = b.invoke('contacts.get', {}).catch((e: unknown) => toErrorView(e))
    FakeSocket.last().drop()
    await expect(lost).resolves.toMatchObject({ kind: 'network' })
    expect(links.at(-1)).toMatchObject({ kind: 'waiting', attempt: 1 })
    expect(FakeSocket.all).toHaveLength(1)
    vi.advanceTimersByTime(100)
    expect(FakeSocket.all).toHaveLength(2)
    expect(FakeSocket.last().url).toBe('ws://host/ws?token=t')
    FakeSocket.last().drop()
    expect(links.at(-1)).toMatchObject({ kind: 'waiting', attempt: 2 })
    vi.advanceTimersByTime(199)
    expect(FakeSocket.all).toHaveLength(2)
    vi.advanceTimersByTime(1)
    expect(FakeSocket.all).toHaveLength(3)
    // Invokes made during the outage go out once it is back; the backoff starts over.
    const later = b.invoke('settings.get', {})
    FakeSocket.last().open()
    expect(b.link()).toEqual({ kind: 'open' })
    const frame = FakeSocket.last().sent[0]
    expect(frame).toMatchObject({ name: 'settings.get' })
    FakeSocket.last().push({ t: 'result', id: frame!.id, ok: true, value: 1 })
    await expect(later).resolves.toBe(1)
    FakeSocket.last().drop()
    expect(links.at(-1)).toMatchObject({ kind: 'waiting', attempt: 1 })
  })

  it('refuses to send a frame over the server limit, keeping the socket and what is in flight', async () => {
    const b = make()
    FakeSocket.last().open()
    const other = b.invoke('app.info', {})
    const conversation = { kind: 'friend' as const, key: 'k' }
    const huge = await b.invoke('conversation.setDraft', { conversation, text: 'x'.repeat(1_200_000) }).catch((e: unknown) => toErrorView(e))
    expect(huge).toMatchObject({ kind: 'bad-input' })
    // Measured in UTF-8: 400,000 Chinese characters are 1.2 MB, 300,000 are 900 kB.
    const wide = await b.invoke('conversation.setDraft', { conversation, text: '字'.repeat(400_000) }).catch((e: unknown) => toErrorView(e))
    expect(wide).toMatchObject({ kind: 'bad-input' })
    void b.invoke('conversation.setDraft', { conversation, text: '字'.repeat(300_000) }).catch(() => undefined)
    expect(FakeSocket.last().sent.map((f) => f.name)).toEqual(['app.info', 'conversation.setDraft'])
    expect(FakeSocket.all).toHaveLength(1)
    expect(b.link()).toEqual({ kind: 'open' })
    FakeSocket.last().push({ t: 'result', id: FakeSocket.last().sent[0]!.id, ok: true, value: 'info' })
    await expect(other).resolves.toBe('info')
  })

  it('shows the link down and reconnects when the server closes with 1009 (frame too big)', () => {
    make()
    FakeSocket.last().open()
    FakeSocket.last().drop(1009)
    expect(links.at(-1)).toMatchObject({ kind: 'waiting', attempt: 1 })
    vi.advanceTimersByTime(100)
    expect(FakeSocket.all).toHaveLength(2)
    FakeSocket.last().open()
    expect(links.at(-1)).toEqual({ kind: 'open' })
  })

  it('caps the backoff', () => {
    make()
    for (let i = 0; i < 8; i++) {
      FakeSocket.last().drop()
      vi.advanceTimersByTime(1000)
    }
    expect(FakeSocket.all).toHaveLength(9)
  })

  it('stops for good when closed', async () => {
    const b = make()
    const p = b.invoke('app.info', {}).catch((e: unknown) => toErrorView(e))
    b.close()
    await expect(p).resolves.toMatchObject({ kind: 'cancelled' })
    vi.advanceTimersByTime(10_000)
    expect(FakeSocket.all).toHaveLength(1)
  })
})

describe('bridge choice', () => {
  const HASH = 'ab'.repeat(32)

  it('names media by the host: qq-media://m/<hash> in Electron (no file URL), the page token in web mode', () => {
    const electron = mediaUrlsFor('electron', '')
    expect([electron.mediaUrl(HASH), electron.fileUrl]).toEqual([`qq-media://m/${HASH}`, undefined])
    const web = mediaUrlsFor('web', 'a b&c')
    expect([web.mediaUrl(HASH), web.fileUrl?.('x/../y')]).toEqual([`/media/${HASH}?token=a%20b%26c`, '/files/x%2F..%2Fy?token=a%20b%26c'])
  })

  it('uses window.qq when the preload provided it, else a WebSocket to this page', () => {
    const qq = { invoke: vi.fn(), on: vi.fn() }
    const win = { qq, location: { protocol: 'http:', host: 'h', search: '?token=z' } } as unknown as Window
    const electron = chooseBridge(win)
    expect([electron.api, electron.host, electron.link]).toEqual([qq, 'electron', undefined])
    const sockets: string[] = []
    vi.stubGlobal('WebSocket', function (this: FakeSocket, url: string) {
      sockets.push(url)
      return new FakeSocket(url)
    })
    const web = chooseBridge({ location: { protocol: 'http:', host: 'h', search: '?token=z' } } as unknown as Window)
    expect(web.host).toBe('web')
    expect(sockets).toEqual(['ws://h/ws?token=z'])
    expect([web.mediaUrl(HASH), web.fileUrl?.('t1')]).toEqual([`/media/${HASH}?token=z`, '/files/t1?token=z'])
    ;(web.api as WebSocketBridge).close()
    vi.unstubAllGlobals()
  })
})
