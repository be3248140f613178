import { isEventName, readServerFrame, WS_MAX_FRAME_BYTES, type ClientFrame, type CommandArgs, type CommandName, type CommandResult, type EventName, type Events, type QqApi } from '@contract'
import { CommandFailure } from './errors'
import type { LinkSource, LinkState } from './link'

export { webSocketUrl } from './early-socket'

/** The part of the browser `WebSocket` the bridge uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number
  send(data: string): void
  close(code?: number, reason?: string): void
  onopen: ((ev: Event) => void) | null
  onclose: ((ev: CloseEvent) => void) | null
  onerror: ((ev: Event) => void) | null
  onmessage: ((ev: MessageEvent) => void) | null
}

export interface WebSocketBridgeOptions {
  url: string
  connect?: (url: string) => SocketLike
  /** How long an invoke made while disconnected waits for the connection. */
  invokeTimeoutMs?: number
  backoff?: { initialMs: number; maxMs: number }
}

export interface WebSocketBridge extends QqApi, LinkSource {
  close(): void
}

const OPEN = 1

interface Pending {
  frame: ClientFrame
  /** The frame as sent, checked against the server's frame limit once. */
  text: string
  resolve: (value: unknown) => void
  reject: (error: CommandFailure) => void
  timer?: ReturnType<typeof setTimeout>
}

/**
 * Whether a frame is over the server's limit (which would close the socket with 1009 and
 * lose every invoke in flight). JSON.stringify escapes lone surrogates, so no code unit takes
 * more than 3 UTF-8 bytes: only a frame that might be too big is measured.
 */
function tooBig(text: string): boolean {
  return text.length * 3 > WS_MAX_FRAME_BYTES && new TextEncoder().encode(text).length > WS_MAX_FRAME_BYTES
}

/**
 * The contract over a WebSocket (web mode). Reconnects on its own with exponential backoff;
 * invokes made while the socket is down wait for it (or fail with a `network` error after
 * `invokeTimeoutMs`); invokes already sent when the socket drops fail at once, since their
 * answer is lost and the caller has to decide whether to try again.
 */
export function createWebSocketBridge(options: WebSocketBridgeOptions): WebSocketBridge {
  const connect = options.connect ?? ((url: string) => new WebSocket(url))
  const invokeTimeoutMs = options.invokeTimeoutMs ?? 15_000
  const { initialMs, maxMs } = options.backoff ?? { initialMs: 500, maxMs: 10_000 }

  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const linkListeners = new Set<(state: LinkState) => void>()
  const waiting: Pending[] = []
  const inFlight = new Map<number, Pending>()
  let socket: SocketLike | null = null
  let state: LinkState = { kind: 'connecting', attempt: 0 }
  let attempt = 0
  let nextId = 1
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let closed = false

  function setState(next: LinkState): void {
    state = next
    for (const l of linkListeners) l(next)
  }

  function open(): void {
    retryTimer = undefined
    setState({ kind: 'connecting', attempt })
    const s = connect(options.url)
    socket = s
    s.onopen = () => {
      if (socket !== s) return
      attempt = 0
      setState({ kind: 'open' })
      for (const p of waiting.splice(0)) send(p)
    }
    s.onmessage = (ev) => {
      if (socket === s && typeof ev.data === 'string') receive(ev.data)
    }
    s.onclose = () => {
      if (socket !== s) return
      socket = null
      dropInFlight()
      scheduleReconnect()
    }
    s.onerror = () => {
      // A close event always follows an error; reconnecting is handled there.
    }
  }

  function scheduleReconnect(): void {
    if (closed) return
    attempt++
    const delay = Math.min(maxMs, initialMs * 2 ** (attempt - 1))
    setState({ kind: 'waiting', attempt, retryAt: Date.now() + delay })
    retryTimer = setTimeout(open, delay)
  }

  function dropInFlight(): void {
    const lost = [...inFlight.values()]
    inFlight.clear()
    for (const p of lost) p.reject(new CommandFailure({ kind: 'network', message: `connection lost during ${p.frame.name}` }))
  }

  function send(p: Pending): void {
    clearTimeout(p.timer)
    const s = socket
    if (!s || s.readyState !== OPEN) return wait(p)
    inFlight.set(p.frame.id, p)
    try {
      s.send(p.text)
    } catch {
      inFlight.delete(p.frame.id)
      wait(p)
    }
  }

  function wait(p: Pending): void {
    waiting.push(p)
    p.timer = setTimeout(() => {
      const i = waiting.indexOf(p)
      if (i < 0) return
      waiting.splice(i, 1)
      p.reject(new CommandFailure({ kind: 'network', message: `not connected (${p.frame.name})` }))
    }, invokeTimeoutMs)
  }

  function receive(text: string): void {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      return
    }
    const frame = readServerFrame(json)
    if (!frame) return
    if (frame.t === 'event') {
      if (isEventName(frame.name)) emit(frame.name, frame.payload)
      return
    }
    const p = inFlight.get(frame.id)
    if (!p) return
    inFlight.delete(frame.id)
    if (frame.ok) p.resolve(frame.value)
    else p.reject(new CommandFailure(frame.error))
  }

  function emit(name: EventName, payload: unknown): void {
    for (const l of listeners.get(name) ?? []) {
      try {
        ;(l as (p: unknown) => void)(payload)
      } catch (e) {
        console.error(`listener for ${name} failed`, e)
      }
    }
  }

  open()

  const bridge: WebSocketBridge = {
    invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResult<N>> {
      if (closed) return Promise.reject(new CommandFailure({ kind: 'cancelled', message: 'bridge closed' }))
      const frame: ClientFrame = { t: 'invoke', id: nextId++, name, args }
      const text = JSON.stringify(frame)
      if (tooBig(text)) return Promise.reject(new CommandFailure({ kind: 'bad-input', message: `${name}: too large to send` }))
      return new Promise((resolve, reject) => {
        // The frame's shape is checked on receipt; its value is the main process's, typed by the contract.
        send({ frame, text, resolve: (v) => resolve(v as CommandResult<N>), reject })
      })
    },
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => set.delete(listener)
    },
    link: () => state,
    onLink(listener) {
      linkListeners.add(listener)
      return () => linkListeners.delete(listener)
    },
    close() {
      closed = true
      clearTimeout(retryTimer)
      const s = socket
      socket = null
      s?.close(1000, 'closed')
      dropInFlight()
      for (const p of waiting.splice(0)) {
        clearTimeout(p.timer)
        p.reject(new CommandFailure({ kind: 'cancelled', message: 'bridge closed' }))
      }
    },
  }
  return bridge
}
