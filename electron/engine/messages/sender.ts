import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { ChatMessage, ConversationRef, ErrorView, Segment } from '../../model'
import { encodeContent, splitSegments } from '../codec/content'
import type { ContactService } from '../contacts/contact-service'
import { EngineError, isEngineError } from '../errors'
import { toErrorView } from '../../model'
import type { HistoryStore, NewMessage, StoredMessage } from '../history/history-store'
import { publicMessage } from '../history/history-store'
import type { Logger } from '../log'
import type { DiscussionId, GroupId, Uin } from '../endpoints/ids'
import { getC2cmsgSig2, sendBuddyMsg2, sendDiscuMsg2, sendQunMsg2, sendSessMsg2 } from '../endpoints/message-endpoints'
import type { Session } from '../session'
import { sleep } from '../sleep'
import { MsgIdSequence } from './msg-id'
import { messageText } from './names'
import type { SessionPeers } from './session-peers'

/**
 * The pacing (§8.5): the community kept ≥ 3 s between sends, or met 1202 and, in 2016–2017, a
 * locked account. A token bucket holds it: one send per `refillMs` (the user's setting, 3 s
 * unless made longer), with an allowance of `burst` sends, never closer than `minIntervalMs`, so
 * a quick reply after a quiet spell is not held back.
 */
export interface SenderOptions {
  /** Least time between two sends, even within the allowance. */
  minIntervalMs: number
  /** The allowance: this many sends may go out before the spacing holds. */
  burst: number
  /** The spacing: one send per this many ms once the allowance is spent. */
  refillMs: number
  /** Attempts for sends that provably did not go out (refused connection, session refused it). */
  maxAttempts: number
  retryDelayMs: number
}

/** The documented spacing (§8.5): sends are ≥ 3 s apart beyond one extra. */
export const SEND_SPACING_MS = 3_000

export const DEFAULT_SENDER_OPTIONS: SenderOptions = { minIntervalMs: 1_000, burst: 2, refillMs: SEND_SPACING_MS, maxAttempts: 5, retryDelayMs: 2_000 }

/** Connection-level errors where the request never reached the service. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'])
/** Retcodes that mean the session refused the message: nothing was delivered (§2.6). */
const SESSION_REFUSED = new Set([103, 108, 121, 100000, 100012])

type Outcome = { kind: 'sent' } | { kind: 'again'; error: EngineError } | { kind: 'unknown'; error: EngineError } | { kind: 'failed'; error: EngineError }

/** What a failed send means for the message (and whether a resend could duplicate it). */
export function classifySendError(err: unknown): Outcome {
  const error = isEngineError(err) ? err : new EngineError('malformed', String(err), { cause: err })
  if (error.kind === 'protocol') {
    if (SESSION_REFUSED.has(error.retcode ?? -1)) return { kind: 'again', error }
    // 1202: throttled, and "sometimes delivered anyway" — a resend can duplicate (§6.4).
    if (error.retcode === 1202) return { kind: 'unknown', error }
    return { kind: 'failed', error }
  }
  if (error.kind === 'network' && NOT_CONNECTED.has(String((error.cause as { code?: string } | undefined)?.code))) return { kind: 'again', error }
  if (error.kind === 'bad-input' || error.kind === 'session-lost') return { kind: 'failed', error }
  // Reset, timeout, 502/504, garbled answer: the message may well have been delivered.
  return { kind: 'unknown', error }
}

/**
 * The outbox: messages are stored `queued` before anything is sent, sent one at a time in
 * order (per conversation order is kept by the single queue), throttled below the service's
 * limit, and end `sent`, `failed` or `unknown`. The user retries failed and unknown ones.
 */
export class Sender extends EventEmitter<{ message: [ChatMessage]; status: [ChatMessage] }> {
  private readonly opts: SenderOptions
  private readonly queue: string[] = []
  private readonly ids = new MsgIdSequence()
  private online = false
  private stopped = false
  private wake: (() => void) | undefined
  /** The allowance left after the last send. */
  private tokens: number
  private lastSend = 0
  private readonly sigs = new Map<string, { value: string; at: number }>()
  private working: Promise<void> | undefined

  constructor(
    private readonly session: Session,
    private readonly contacts: ContactService,
    private readonly history: HistoryStore,
    private readonly peers: SessionPeers,
    private readonly logger: Logger,
    opts: Partial<SenderOptions> = {},
  ) {
    super()
    this.opts = { ...DEFAULT_SENDER_OPTIONS, ...opts }
    this.tokens = this.opts.burst
  }

  /** The spacing between sends from now on (the user's setting; at least the documented 3 s in the app). */
  setSpacing(ms: number): void {
    this.opts.refillMs = ms
    this.kick()
  }

  /** Sends go out only while the session is online; otherwise they wait in the outbox. */
  setOnline(online: boolean): void {
    this.online = online
    if (online) this.kick()
  }

  /** Picks up what a previous run left: `queued` resumes; `sending` became `unknown`. */
  resume(): number {
    const interrupted = this.history.markInterrupted()
    if (interrupted) this.logger.info(`${interrupted} message(s) were being sent when the app stopped; marked unknown`)
    const pending = this.history.outbox()
    for (const m of pending) if (!this.queue.includes(m.id)) this.queue.push(m.id)
    this.kick()
    return pending.length
  }

  /** Queues a message (split into several when long, §6.4); each part is stored before sending. */
  send(conversation: ConversationRef, segments: readonly Segment[]): ChatMessage[] {
    const parts = splitSegments(segments)
    if (!parts.length) throw new EngineError('bad-input', 'empty message')
    const now = Date.now()
    const out = parts.map((part, i) => {
      const m: NewMessage = {
        id: randomUUID(),
        conversation,
        direction: 'out',
        time: now + i,
        segments: part,
        status: 'queued',
        attempts: 0,
        text: messageText(part),
      }
      // Stored, and so placed in the order, before it is sent: any answer comes after it.
      const stored = this.history.tx(() => {
        this.history.touch(conversation, { lastTime: m.time })
        return this.history.addOutgoing(m)
      })
      this.queue.push(m.id)
      return publicMessage(stored)
    })
    for (const m of out) this.emit('message', m)
    this.kick()
    return out
  }

  /** The user's retry of a failed or uncertain message. */
  retry(id: string): ChatMessage {
    const m = this.history.get(id)
    if (!m || m.direction !== 'out' || m.damaged) throw new EngineError('bad-input', 'no such outgoing message')
    if (m.status !== 'failed' && m.status !== 'unknown') throw new EngineError('bad-input', `message is ${m.status}`)
    this.history.tx(() => {
      this.history.setStatus(id, 'queued', { error: null, attempts: 0 })
      this.history.moveToEnd(id)
    })
    this.queue.push(id)
    const updated = publicMessage(this.history.get(id)!)
    this.emit('status', updated)
    this.kick()
    return updated
  }

  stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    return this.working ?? Promise.resolve()
  }

  private kick(): void {
    if (this.wake) this.wake()
    else if (!this.working && !this.stopped) this.working = this.work().finally(() => (this.working = undefined))
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = () => {
        this.wake = undefined
        resolve()
      }
    })
  }

  /**
   * Waits for the next send's turn: at once while the allowance lasts (no closer than
   * `minIntervalMs`), otherwise `refillMs` after the previous send. The allowance comes back one
   * send per `refillMs` of quiet since the last send, so after it is spent every gap is the spacing.
   */
  private async throttle(): Promise<void> {
    for (;;) {
      const now = Date.now()
      const tokens = Math.min(this.opts.burst, this.tokens + Math.floor((now - this.lastSend) / this.opts.refillMs))
      const wait = this.lastSend + (tokens >= 1 ? this.opts.minIntervalMs : this.opts.refillMs) - now
      if (wait <= 0) {
        this.tokens = tokens - 1
        this.lastSend = now
        return
      }
      await sleep(Math.max(wait, 10))
    }
  }

  private setStatus(m: StoredMessage, status: StoredMessage['status'], extra: { error?: ErrorView | null; wireMsgId?: number; attempts?: number } = {}): void {
    this.history.setStatus(m.id, status, extra)
    // Deleted meanwhile (message.delete of a queued one): nobody shows it any more.
    const now = this.history.get(m.id)
    if (now) this.emit('status', publicMessage(now))
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      if (!this.online || !this.queue.length) {
        await this.idle()
        continue
      }
      const id = this.queue[0]!
      const m = this.history.get(id)
      if (!m || m.status !== 'queued' || m.damaged) {
        this.queue.shift()
        continue
      }
      await this.throttle()
      if (this.stopped || !this.online) continue
      const wireMsgId = this.ids.next()
      const attempts = m.attempts + 1
      // Persisted before the request: a crash now leaves `sending`, which restarts as `unknown`.
      this.setStatus(m, 'sending', { wireMsgId, attempts })
      let outcome: Outcome
      try {
        await this.deliver(m, wireMsgId)
        outcome = { kind: 'sent' }
      } catch (err) {
        outcome = classifySendError(err)
      }
      if (outcome.kind === 'sent') {
        this.queue.shift()
        this.setStatus(m, 'sent', { error: null })
      } else if (outcome.kind === 'again' && attempts < this.opts.maxAttempts) {
        // Provably not delivered: back in the queue, at its place, after a pause.
        this.logger.info(`send not accepted (${outcome.error.message}); will retry`)
        this.setStatus(m, 'queued', { error: toErrorView(outcome.error) })
        await sleep(this.opts.retryDelayMs * attempts).catch(() => undefined)
      } else if (outcome.kind === 'unknown' && this.history.get(m.id)?.status === 'sent') {
        // Its echo arrived while the send was answered ambiguously (§6.6): it was delivered.
        this.queue.shift()
      } else {
        this.queue.shift()
        this.setStatus(m, outcome.kind === 'unknown' ? 'unknown' : 'failed', { error: toErrorView(outcome.error) })
      }
    }
  }

  private async deliver(m: StoredMessage, msgId: number): Promise<void> {
    const cred = this.session.cred
    const content = encodeContent(m.segments)
    const face = this.contacts.snapshot.self?.face ?? 0
    const common = { cred, content, msgId, face }
    const { kind, key } = m.conversation
    const http = this.session.http
    if (kind === 'friend') {
      const uin = this.contacts.friend(key)?.uin ?? provisional(key, 'f:u:')
      if (!uin) throw new EngineError('bad-input', 'this friend is not in the current friend list')
      await http.call(sendBuddyMsg2, { ...common, to: uin as Uin })
    } else if (kind === 'group') {
      const gid = this.contacts.group(key)?.gid ?? provisional(key, 'g:u:')
      if (!gid) throw new EngineError('bad-input', 'this group is not in the current group list')
      await http.call(sendQunMsg2, { ...common, gid: gid as GroupId })
    } else if (kind === 'discussion') {
      const did = this.contacts.discussion(key)?.did ?? provisional(key, 'd:')
      if (!did) throw new EngineError('bad-input', 'no such discussion')
      await http.call(sendDiscuMsg2, { ...common, did: did as DiscussionId })
    } else {
      // A temporary session this login does not know yet (after a relogin): look the member up.
      if (!this.peers.get(key)) await this.peers.find(key).catch(() => undefined)
      const peer = this.peers.get(key)
      if (!peer) throw new EngineError('bad-input', 'this temporary session cannot be reached any more')
      const groupSig = await this.signature(peer.id, peer.uin, peer.serviceType)
      if (!groupSig) throw new EngineError('protocol', 'temporary sessions are not allowed', { endpoint: 'get_c2cmsg_sig2' })
      await http.call(sendSessMsg2, { ...common, to: peer.uin as Uin, groupSig, serviceType: peer.serviceType })
    }
  }

  /** get_c2cmsg_sig2, cached for 5 minutes as Mojo-Webqq did (§6.7). */
  private async signature(id: string, to: string, serviceType: 0 | 1): Promise<string> {
    const k = `${serviceType}:${id}:${to}`
    const hit = this.sigs.get(k)
    if (hit && Date.now() - hit.at < 300_000) return hit.value
    const value = await this.session.http.call(getC2cmsgSig2, { cred: this.session.cred, id, to: to as Uin, serviceType })
    this.sigs.set(k, { value, at: Date.now() })
    return value
  }
}

/** The per-login id inside a provisional key (a contact the lists did not know yet). */
function provisional(key: string, prefix: string): string | undefined {
  return key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)) ? key.slice(prefix.length) : undefined
}
