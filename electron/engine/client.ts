import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { ChatMessage, ContactPart, ContactsSnapshot, ConversationRef, Segment, StatusName } from '../model'
import type { ConversationSummary, FriendRequestView, LoginView, SearchHit, SessionView } from '../model/views'
import { ContactService } from './contacts/contact-service'
import { sessionKey } from './contacts/identity'
import { EngineError, isEngineError } from './errors'
import { toErrorView } from '../model'
import { HistoryStore, publicMessage } from './history/history-store'
import { HttpClient } from './http/client'
import type { ServerProfile } from './http/profile'
import type { Logger } from './log'
import { PasswordLogin } from './login/password-login'
import { QrLogin, type QrLoginOptions } from './login/qr-login'
import { restoreSession, reviveSession } from './login/restore'
import { Dispatcher } from './messages/dispatcher'
import { Sender, type SenderOptions } from './messages/sender'
import { SessionPeers } from './messages/session-peers'
import { PollLoop, type PollLoopOptions, type PollStats } from './poll/poll-loop'
import type { SessionVault } from './ports'
import type { Session } from './session'

export interface QQClientOptions {
  profile: ServerProfile
  logger: Logger
  /** Folder for per-account data (history databases). */
  dataDir: string
  vault: SessionVault
  qr?: QrLoginOptions
  poll?: Partial<PollLoopOptions>
  sender?: Partial<SenderOptions>
  /** Delay before the conversation list is pushed after changes (batches bursts). */
  conversationsDebounceMs?: number
}

export interface QQClientEvents {
  login: [LoginView]
  session: [SessionView]
  contacts: [ContactsSnapshot]
  message: [ChatMessage]
  status: [ChatMessage]
  conversations: [ConversationSummary[]]
  friendRequest: [FriendRequestView]
  typing: [ConversationRef]
}

/** Everything that exists only while logged in. */
interface Online {
  session: Session
  contacts: ContactService
  history: HistoryStore
  dispatcher: Dispatcher
  sender: Sender
  poll: PollLoop
  peers: SessionPeers
}

const pngDataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`

/**
 * The SmartQQ client behind one interface: the shell's IPC handlers and web mode's WebSocket
 * both drive this, nothing else of the engine.
 */
export class QQClient extends EventEmitter<QQClientEvents> {
  private loginView: LoginView = { kind: 'idle' }
  private sessionView: SessionView = { kind: 'logged-out' }
  private loginCtl: AbortController | undefined
  private passwordLogin: PasswordLogin | undefined
  private on_: Online | undefined
  private convTimer: NodeJS.Timeout | undefined

  constructor(private readonly opts: QQClientOptions) {
    super()
  }

  get login(): LoginView {
    return this.loginView
  }
  get session(): SessionView {
    return this.sessionView
  }
  get profile(): ServerProfile {
    return this.opts.profile
  }

  private setLogin(v: LoginView): void {
    this.loginView = v
    this.emit('login', v)
  }
  private setSession(v: SessionView): void {
    this.sessionView = v
    this.emit('session', v)
  }

  private get online(): Online {
    if (!this.on_) throw new EngineError('session-lost', 'not logged in')
    return this.on_
  }

  // ---- login ----

  /** At startup: the saved session if it is still good (no QR), else nothing (the UI shows the QR). */
  async restore(): Promise<boolean> {
    const saved = await this.opts.vault.load().catch(() => undefined)
    if (!saved) return false
    this.setLogin({ kind: 'restoring' })
    this.setSession({ kind: 'connecting' })
    const out = await restoreSession(saved, this.opts.profile, this.opts.logger)
    if (out.kind === 'dead') {
      this.setSession({ kind: 'logged-out' })
      if (out.reason === 'network') {
        // The server is unreachable: keep the saved session for the next try.
        this.setLogin({ kind: 'failed', error: toErrorView(out.error ?? new EngineError('network', 'server unreachable')) })
        return false
      }
      this.opts.logger.info('saved session is gone; a QR scan is needed')
      await this.opts.vault.clear()
      this.setLogin({ kind: 'idle' })
      return false
    }
    await this.begin(out.session)
    return true
  }

  /** Starts a QR login (cancelling any login in progress). Resolves when it ends. */
  async startQrLogin(): Promise<void> {
    this.cancelLogin()
    await this.endSession()
    const ctl = new AbortController()
    this.loginCtl = ctl
    const login = new QrLogin(new HttpClient(this.opts.profile, { logger: this.opts.logger }), this.opts.logger, this.opts.qr)
    login.on('state', (s) => {
      if (ctl.signal.aborted) return
      switch (s.kind) {
        case 'qr':
          return this.setLogin({ kind: 'qr', image: pngDataUrl(s.png), expiresAt: s.expiresAt, refreshes: s.refreshes })
        case 'scanned':
          return this.setLogin({ kind: 'scanned', image: pngDataUrl(s.png), expiresAt: s.expiresAt })
        case 'confirming':
          return this.setLogin({ kind: 'confirming', nick: s.nick })
        case 'expired':
        case 'refused':
        case 'idle':
          return this.setLogin({ kind: s.kind })
        case 'failed':
          return this.setLogin({ kind: 'failed', error: toErrorView(s.error) })
        case 'online':
          return
      }
    })
    try {
      const session = await login.run(ctl.signal)
      await this.begin(session)
    } catch (err) {
      if (!isEngineError(err, 'cancelled')) this.opts.logger.info(`QR login ended: ${(err as Error).message}`)
    } finally {
      if (this.loginCtl === ctl) this.loginCtl = undefined
    }
  }

  /** The legacy password login (§4), for servers of that era. */
  async startPasswordLogin(qq: string, password: string): Promise<void> {
    this.cancelLogin()
    await this.endSession()
    const ctl = new AbortController()
    this.loginCtl = ctl
    const login = new PasswordLogin(new HttpClient(this.opts.profile, { logger: this.opts.logger }), this.opts.logger)
    this.passwordLogin = login
    login.on('state', (s) => {
      if (ctl.signal.aborted) return
      if (s.kind === 'captcha') this.setLogin({ kind: 'captcha', image: `data:image/png;base64,${s.image.toString('base64')}` })
      else if (s.kind === 'checking' || s.kind === 'logging-in') this.setLogin({ kind: 'password-checking' })
      else if (s.kind === 'confirming') this.setLogin({ kind: 'confirming', nick: s.nick })
      else if (s.kind === 'failed') this.setLogin({ kind: 'password-failed', error: toErrorView(s.error), ...(s.refusal && { refusal: s.refusal }) })
      else if (s.kind === 'idle') this.setLogin({ kind: 'idle' })
    })
    try {
      await this.begin(await login.run({ qq, password, signal: ctl.signal }))
    } catch (err) {
      if (!isEngineError(err, 'cancelled')) this.opts.logger.info(`password login ended: ${(err as Error).message}`)
    } finally {
      if (this.loginCtl === ctl) this.loginCtl = undefined
      this.passwordLogin = undefined
    }
  }

  submitCaptcha(text: string): void {
    if (!this.passwordLogin) throw new EngineError('bad-input', 'no captcha is waiting')
    this.passwordLogin.submitCaptcha(text)
  }

  refreshCaptcha(): void {
    if (!this.passwordLogin) throw new EngineError('bad-input', 'no captcha is waiting')
    this.passwordLogin.refreshCaptcha()
  }

  cancelLogin(): void {
    this.loginCtl?.abort()
    this.loginCtl = undefined
  }

  /** Logs out: stops everything and forgets the saved session. History stays. */
  async logout(): Promise<void> {
    this.cancelLogin()
    await this.endSession()
    await this.opts.vault.clear()
    this.setLogin({ kind: 'idle' })
    this.setSession({ kind: 'logged-out' })
  }

  /** Stops all activity (app quit); the saved session stays for the next start. */
  async shutdown(): Promise<void> {
    this.cancelLogin()
    await this.endSession()
  }

  // ---- the logged-in session ----

  /** After any login: contacts (warm-up order §3.8), then the outbox and the poll loop. */
  private async begin(session: Session): Promise<void> {
    const { logger } = this.opts
    await this.endSession()
    this.setLogin({ kind: 'online' })
    this.setSession({ kind: 'connecting' })
    const history = HistoryStore.open(join(this.opts.dataDir, 'accounts', session.qq, 'history.sqlite'), logger)
    const contacts = new ContactService(session, logger)
    const peers = new SessionPeers()
    const dispatcher = new Dispatcher(() => session.cred.uin, contacts, history, peers, logger)
    const sender = new Sender(session, contacts, history, peers, (key) => this.findSessionPeer(on, key), logger, this.opts.sender)
    const poll = new PollLoop(session, { relogin: (signal) => this.relogin(session, contacts, dispatcher, peers, signal) }, logger, this.opts.poll)
    const on: Online = { session, contacts, history, dispatcher, sender, poll, peers }
    this.on_ = on

    contacts.on('changed', (s) => this.emit('contacts', s))
    dispatcher.on('message', (m) => this.emit('message', m))
    dispatcher.on('status', (m) => this.emit('status', m))
    dispatcher.on('conversation', () => this.conversationsChanged())
    dispatcher.on('typing', (c) => this.emit('typing', c))
    dispatcher.on('friendRequest', (r) => this.emit('friendRequest', r))
    sender.on('message', (m) => {
      this.emit('message', m)
      this.conversationsChanged()
    })
    sender.on('status', (m) => {
      this.emit('status', m)
      this.conversationsChanged()
    })
    poll.on('events', (events) => void dispatcher.handle(events))
    poll.on('health', (h) => {
      sender.setOnline(h.kind === 'online')
      this.setSession(h)
      if (h.kind === 'online') void this.save(session)
      if (h.kind === 'session-lost') {
        // Kicked or expired beyond relogin: the saved session is worthless now.
        void this.opts.vault.clear()
      }
    })

    await this.save(session)
    await contacts.load()
    if (this.on_ !== on) return
    this.seedConversations(on)
    sender.resume()
    poll.start()
    this.conversationsChanged()
  }

  /** The server's recent list seeds the conversation list on a fresh install. */
  private seedConversations(on: Online): void {
    for (const r of on.contacts.snapshot.recent) {
      const title = this.titleOf(on, { kind: r.kind, key: r.key })
      on.history.touch({ kind: r.kind, key: r.key }, { title })
    }
  }

  /** A silent relogin from the saved cookies (pt4_auth), adopted into the running session. */
  private async relogin(session: Session, contacts: ContactService, dispatcher: Dispatcher, peers: SessionPeers, signal: AbortSignal): Promise<void> {
    const out = await reviveSession(session, this.opts.logger, signal)
    if (out.kind === 'dead') throw out.error ?? new EngineError('session-lost', `relogin impossible (${out.reason})`)
    if (out.kind === 'reauthorised') {
      // A new web login hands out new uins and gids (§2.4): what the old login delivered is
      // resolved first, then the lists are reloaded before anything is sent or polled again.
      await dispatcher.settled()
      peers.clear()
      await contacts.load(signal)
    }
    await this.save(session)
  }

  private async save(session: Session): Promise<void> {
    await this.opts.vault.save(session.serialize()).catch((err: unknown) => this.opts.logger.warn(`could not save the session: ${(err as Error).message}`))
  }

  private async endSession(): Promise<void> {
    const on = this.on_
    if (!on) return
    this.on_ = undefined
    on.poll.stop()
    await on.sender.stop()
    on.history.close()
    clearTimeout(this.convTimer)
  }

  reconnect(): void {
    const on = this.on_
    if (!on) return
    if (on.poll.isRunning) on.poll.reconnectNow()
    else on.poll.start()
  }

  // ---- contacts ----

  contacts(): ContactsSnapshot {
    return this.online.contacts.snapshot
  }
  retryContacts(part: ContactPart): Promise<boolean> {
    return this.online.contacts.retry(part)
  }
  groupMembers(key: string, refresh = false) {
    return this.online.contacts.groupDetails(key, { refresh })
  }
  discussionMembers(key: string, refresh = false) {
    return this.online.contacts.discussionDetails(key, { refresh })
  }
  setStatus(status: StatusName): Promise<void> {
    return this.online.contacts.setStatus(status)
  }
  setLongNick(text: string): Promise<void> {
    return this.online.contacts.setLongNick(text)
  }
  answerFriendRequest(account: string, answer: Parameters<ContactService['answerRequest']>[1]): Promise<void> {
    return this.online.contacts.answerRequest(account, answer)
  }

  // ---- messages and conversations ----

  send(conversation: ConversationRef, segments: readonly Segment[]): ChatMessage[] {
    return this.online.sender.send(conversation, segments)
  }
  retry(id: string): ChatMessage {
    return this.online.sender.retry(id)
  }
  page(conversation: ConversationRef, before: string | undefined, limit: number): ChatMessage[] {
    return this.online.history.page(conversation, { before, limit }).map(publicMessage)
  }
  around(id: string, limit: number): ChatMessage[] {
    return this.online.history.around(id, limit).map(publicMessage)
  }
  search(query: string, conversation: ConversationRef | undefined, limit: number): SearchHit[] {
    const on = this.online
    return on.history.search(query, { conversation, limit }).map(({ message, snippet }) => ({
      messageId: message.id,
      conversation: message.conversation,
      title: on.history.conversation(message.conversation)?.title || this.titleOf(on, message.conversation),
      time: message.time,
      snippet,
    }))
  }
  markRead(ref: ConversationRef): void {
    this.online.history.markRead(ref)
    this.conversationsChanged()
  }
  setDraft(ref: ConversationRef, text: string): void {
    this.online.history.setDraft(ref, text)
    this.conversationsChanged()
  }
  setFlag(ref: ConversationRef, flag: 'pinned' | 'muted', on: boolean): void {
    this.online.history.setFlag(ref, flag, on)
    this.conversationsChanged()
  }
  friendProfile(key: string) {
    return this.online.contacts.friendProfile(key)
  }

  /** Opens (creating if needed) a conversation; returns its summary. */
  async openConversation(ref: ConversationRef): Promise<ConversationSummary> {
    const on = this.online
    if (ref.kind === 'session' && !on.peers.get(ref.key)) await this.findSessionPeer(on, ref.key)
    on.history.touch(ref, { title: this.titleOf(on, ref) })
    this.conversationsChanged()
    return this.summary(on, on.history.conversation(ref)!)
  }
  /**
   * A temporary session the user starts from a member list: its key names the group or
   * discussion and the member (`s:<key>/<name>`); find the member's uin in this login.
   */
  private async findSessionPeer(on: Online, key: string): Promise<void> {
    const m = /^s:(.+)\/([^/]+)$/.exec(key)
    const via = m?.[1] ?? ''
    const group = on.contacts.group(via)
    const disc = group ? undefined : on.contacts.discussion(via)
    if (!m || (!group && !disc)) throw new EngineError('bad-input', 'no such temporary session')
    const members = group ? (await on.contacts.groupDetails(via)).members : (await on.contacts.discussionDetails(via)).members
    const member = members.find((x) => sessionKey(via, x.displayName) === key)
    if (!member) throw new EngineError('bad-input', 'that member is not in the group any more')
    on.peers.remember(key, { uin: member.uin, serviceType: group ? 0 : 1, id: group ? group.gid : disc!.did })
  }

  isMuted(ref: ConversationRef): boolean {
    const on = this.on_
    if (!on) return false
    if (ref.kind === 'group' && (on.contacts.group(ref.key)?.mask ?? 0) > 0) return true
    return on.history.conversation(ref)?.muted ?? false
  }
  /** The poll loop's counters (a copy), for diagnostics, soak tests and benchmarks. */
  pollStats(): PollStats | undefined {
    return this.on_ && { ...this.on_.poll.stats }
  }
  /** A stored message count, for diagnostics and benchmarks. */
  historyCount(): number {
    return this.online.history.count()
  }

  conversations(): ConversationSummary[] {
    const on = this.on_
    if (!on) return []
    return on.history.conversations().map((row) => this.summary(on, row))
  }

  private summary(on: Online, row: ReturnType<HistoryStore['conversations']>[number]): ConversationSummary {
    const last = on.history.last(row.ref)
    const fresh = this.titleOf(on, row.ref)
    return {
      ref: row.ref,
      title: fresh || row.title,
      face: row.face,
      // The preview is already cut to a few hundred characters (HistoryStore.last).
      ...(last && {
        lastMessage: {
          preview: last.text,
          ...(last.senderName !== undefined && { senderName: last.senderName }),
          time: last.time,
          direction: last.direction,
          status: last.status,
        },
      }),
      unread: row.unread,
      ...(row.draft && { draft: row.draft }),
      pinned: row.pinned,
      muted: row.muted,
    }
  }

  /** The current name of a conversation's contact ('' when the lists do not know it). */
  private titleOf(on: Online, ref: ConversationRef): string {
    const c = on.contacts
    if (ref.kind === 'friend') return c.friend(ref.key)?.displayName ?? ''
    if (ref.kind === 'group') return c.group(ref.key)?.displayName ?? ''
    if (ref.kind === 'discussion') return c.discussion(ref.key)?.displayName ?? ''
    const m = /^s:(.+)\/([^/]+)$/.exec(ref.key)
    return m ? `${m[2]} · ${c.group(m[1]!)?.displayName ?? c.discussion(m[1]!)?.displayName ?? ''}` : ''
  }

  private conversationsChanged(): void {
    if (this.convTimer) return
    this.convTimer = setTimeout(() => {
      this.convTimer = undefined
      // A timer has no caller to hand an error to: one thrown here would end the whole backend.
      try {
        this.emit('conversations', this.conversations())
      } catch (err) {
        this.opts.logger.error(`conversation list update failed: ${(err as Error).stack ?? String(err)}`)
      }
    }, this.opts.conversationsDebounceMs ?? 150)
    this.convTimer.unref()
  }
}

