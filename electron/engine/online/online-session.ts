import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import type { ChatMessage, ContactsSnapshot, ConversationRef, FileTransferView } from '../../model'
import type { ConversationSummary, FriendRequestView } from '../../model/views'
import { ContactService, type PresenceChange } from '../contacts/contact-service'
import { ConversationList } from '../conversations/conversation-list'
import { EngineError } from '../errors'
import { FileService, type FileOptions } from '../files/file-service'
import { HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import { AvatarService } from '../media/avatar-service'
import { MediaCache, MEDIA_CACHE_MAX_BYTES } from '../media/media-cache'
import { PictureService, type PictureOptions } from '../media/picture-service'
import { reviveSession } from '../login/restore'
import { Dispatcher } from '../messages/dispatcher'
import { Sender, type SenderOptions } from '../messages/sender'
import { SessionPeers } from '../messages/session-peers'
import { PollLoop, type Health, type PollLoopOptions } from '../poll/poll-loop'
import type { SessionVault } from '../ports'
import type { Session } from '../session'

export interface OnlineSessionOptions {
  logger: Logger
  /** Folder for per-account data (history databases). */
  dataDir: string
  vault: SessionVault
  poll?: Partial<PollLoopOptions>
  sender?: Partial<SenderOptions>
  /** Delay before the conversation list is pushed after changes (batches bursts). */
  conversationsDebounceMs?: number
  /** Where received files are saved (the host's download folder); without one, files cannot be accepted. */
  downloadDir?: string
  pictures?: Partial<PictureOptions>
  files?: Partial<Omit<FileOptions, 'downloadDir'>>
  /** The media cache's size cap in bytes. */
  mediaCacheMaxBytes?: number
}

export interface OnlineSessionEvents {
  /** The poll loop's view of the connection. */
  health: [Health]
  contacts: [ContactsSnapshot]
  presence: [PresenceChange]
  message: [ChatMessage]
  status: [ChatMessage]
  conversations: [ConversationSummary[]]
  /** A message was deleted from this computer's history (`conversations.deleteMessage`). */
  deleted: [Pick<ChatMessage, 'id' | 'conversation'>]
  friendRequest: [FriendRequestView]
  typing: [ConversationRef]
  /** A stored message changed otherwise than its status (a picture arrived or failed). */
  updated: [ChatMessage]
  transfer: [FileTransferView]
}

/**
 * Everything that exists only while logged in, for one session: the account's history, the
 * contact lists, the conversation list, the poll loop and its dispatcher, the sender, wired
 * together. The parts are the session's API (the backend calls them directly).
 */
export class OnlineSession extends EventEmitter<OnlineSessionEvents> {
  readonly history: HistoryStore
  readonly contacts: ContactService
  readonly peers: SessionPeers
  readonly conversations: ConversationList
  readonly dispatcher: Dispatcher
  readonly sender: Sender
  readonly poll: PollLoop
  readonly media: MediaCache
  readonly pictures: PictureService
  readonly avatars: AvatarService
  readonly files: FileService
  private readonly stopping = new AbortController()
  private stopped = false

  constructor(
    readonly session: Session,
    private readonly opts: OnlineSessionOptions,
  ) {
    super()
    const { logger } = opts
    const accountDir = join(opts.dataDir, 'accounts', session.qq)
    this.history = HistoryStore.open(join(accountDir, 'history.sqlite'), logger)
    this.contacts = new ContactService(session, logger)
    this.peers = new SessionPeers(this.contacts)
    this.conversations = new ConversationList(this.contacts, this.history, this.peers, logger, opts.conversationsDebounceMs)
    this.media = new MediaCache(join(accountDir, 'media'), this.history, logger, opts.mediaCacheMaxBytes ?? MEDIA_CACHE_MAX_BYTES)
    this.pictures = new PictureService(session, this.contacts, this.history, this.media, logger, opts.pictures)
    this.avatars = new AvatarService(session, this.contacts, this.media, logger, { ...this.pictures.options }, this.stopping.signal)
    this.files = new FileService(session, this.history, logger, { ...opts.files, ...(opts.downloadDir !== undefined && { downloadDir: opts.downloadDir }) })
    this.dispatcher = new Dispatcher(() => session.cred.uin, this.contacts, this.history, this.peers, logger, { pictures: this.pictures, files: this.files })
    this.sender = new Sender(session, this.contacts, this.history, this.peers, logger, opts.sender)
    this.poll = new PollLoop(session, { relogin: (signal) => this.relogin(signal) }, logger, opts.poll)
    this.wire()
  }

  private wire(): void {
    const { contacts, dispatcher, sender, poll, conversations } = this
    // A snapshot comes a turn after its change (ContactService): none from a session that has stopped.
    contacts.on('changed', (s) => {
      if (!this.stopped) this.emit('contacts', s)
    })
    contacts.on('presence', (p) => this.emit('presence', p))
    conversations.on('changed', (list) => this.emit('conversations', list))
    conversations.on('deleted', (m) => this.emit('deleted', m))
    dispatcher.on('message', (m) => this.emit('message', m))
    dispatcher.on('status', (m) => this.emit('status', m))
    dispatcher.on('conversation', () => conversations.changed())
    dispatcher.on('typing', (c) => this.emit('typing', c))
    dispatcher.on('friendRequest', (r) => this.emit('friendRequest', r))
    this.pictures.on('updated', (m) => this.emit('updated', m))
    this.files.on('transfer', (t) => this.emit('transfer', t))
    sender.on('message', (m) => {
      this.emit('message', m)
      conversations.changed()
    })
    sender.on('status', (m) => {
      this.emit('status', m)
      conversations.changed()
    })
    poll.on('events', (events) => void dispatcher.handle(events))
    poll.on('health', (h) => {
      sender.setOnline(h.kind === 'online')
      contacts.setOnline(h.kind === 'online')
      this.emit('health', h)
      if (h.kind === 'online') void this.save()
      if (h.kind === 'session-lost') {
        // Kicked or expired beyond relogin: the saved session is worthless now.
        void this.opts.vault.clear()
      }
    })
  }

  /** Contacts first (warm-up order §3.8), then the outbox and the poll loop. The session is saved meanwhile. */
  async start(): Promise<void> {
    await Promise.all([this.save(), this.contacts.load()])
    if (this.stopped) return
    this.conversations.seed()
    this.sender.resume()
    this.poll.start()
    this.conversations.changed()
  }

  /** Stops polling and sending and closes the history; the saved session stays. */
  async stop(): Promise<void> {
    this.stopped = true
    this.stopping.abort()
    this.poll.stop()
    this.pictures.stop()
    await this.sender.stop()
    await this.files.stop()
    this.history.close()
    this.conversations.stop()
  }

  /** The user asks to reconnect now (or the loop had stopped). */
  reconnect(): void {
    if (this.poll.isRunning) this.poll.reconnectNow()
    else this.poll.start()
  }

  /** A silent relogin from the saved cookies (pt4_auth), adopted into the running session. */
  private async relogin(signal: AbortSignal): Promise<void> {
    const out = await reviveSession(this.session, this.opts.logger, signal)
    if (out.kind === 'dead') throw out.error ?? new EngineError('session-lost', `relogin impossible (${out.reason})`)
    if (out.kind === 'reauthorised') {
      // A new web login hands out new uins and gids (§2.4): what the old login delivered is
      // resolved first, then the lists are reloaded before anything is sent or polled again.
      await this.dispatcher.settled()
      this.peers.clear()
      this.avatars.forget()
      await this.contacts.load(signal)
    }
    await this.save()
  }

  private async save(): Promise<void> {
    await this.opts.vault.save(this.session.serialize()).catch((err: unknown) => this.opts.logger.warn(`could not save the session: ${(err as Error).message}`))
  }
}
