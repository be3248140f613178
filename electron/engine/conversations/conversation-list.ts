import { EventEmitter } from 'node:events'
import type { ChatMessage, ConversationRef } from '../../model'
import type { ConversationSummary, SearchHit } from '../../model/views'
import type { ContactService } from '../contacts/contact-service'
import { parseSessionKey } from '../contacts/identity'
import { EngineError } from '../errors'
import { publicMessage, type ConversationRow, type HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import type { SessionPeers } from '../messages/session-peers'

/**
 * The conversations of one logged-in session as the UI reads them: the list (current titles,
 * last message, unread, draft, flags), pages of a conversation's messages and search hits.
 * Changes go out as one `changed` list after a short pause, so a burst of messages is one
 * update.
 */
export interface ConversationListEvents {
  changed: [ConversationSummary[]]
  /** A message was deleted from this computer's history. */
  deleted: [Pick<ChatMessage, 'id' | 'conversation'>]
}

export class ConversationList extends EventEmitter<ConversationListEvents> {
  private timer: NodeJS.Timeout | undefined
  private stopped = false

  constructor(
    private readonly contacts: ContactService,
    private readonly history: HistoryStore,
    private readonly peers: SessionPeers,
    private readonly logger: Logger,
    /** Delay before the list is pushed after changes (batches bursts). */
    private readonly debounceMs = 150,
  ) {
    super()
  }

  list(): ConversationSummary[] {
    return this.history.conversations().map((row) => this.summary(row))
  }

  /** Opens (creating if needed) a conversation; returns its summary. */
  async open(ref: ConversationRef): Promise<ConversationSummary> {
    if (ref.kind === 'session' && !this.peers.get(ref.key)) await this.peers.find(ref.key)
    this.history.touch(ref, { title: this.titleOf(ref), reveal: true })
    this.changed()
    return this.summary(this.history.conversation(ref)!)
  }

  /** Takes a conversation off the recent list (history stays; a new message or opening it brings it back). */
  remove(ref: ConversationRef): void {
    if (!this.history.remove(ref)) throw new EngineError('bad-input', 'no such conversation')
    this.changed()
  }

  /**
   * Deletes a message from this computer's history only (the service has no delete). A message
   * being sent right now cannot be: its request is on the wire and its status still to come.
   */
  deleteMessage(id: string): void {
    const m = this.history.get(id)
    if (!m) throw new EngineError('bad-input', 'no such message')
    if (m.status === 'sending') throw new EngineError('bad-input', 'a message being sent cannot be deleted')
    this.history.deleteMessage(id)
    this.emit('deleted', { id: m.id, conversation: m.conversation })
    this.changed()
  }

  /** The server's recent list seeds the conversation list on a fresh install. */
  seed(): void {
    for (const r of this.contacts.snapshot.recent) {
      const ref: ConversationRef = { kind: r.kind, key: r.key }
      this.history.touch(ref, { title: this.titleOf(ref) })
    }
  }

  markRead(ref: ConversationRef): void {
    this.history.markRead(ref)
    this.changed()
  }
  setDraft(ref: ConversationRef, text: string): void {
    this.history.setDraft(ref, text)
    this.changed()
  }
  setFlag(ref: ConversationRef, flag: 'pinned' | 'muted', on: boolean): void {
    this.history.setFlag(ref, flag, on)
    this.changed()
  }

  /** Muted here, or a group the service delivers without notification (mask > 0, §5.3). */
  isMuted(ref: ConversationRef): boolean {
    if (ref.kind === 'group' && (this.contacts.group(ref.key)?.mask ?? 0) > 0) return true
    return this.history.conversation(ref)?.muted ?? false
  }

  page(ref: ConversationRef, before: string | undefined, limit: number): ChatMessage[] {
    return this.history.page(ref, { before, limit }).map(publicMessage)
  }
  around(id: string, limit: number): ChatMessage[] {
    return this.history.around(id, limit).map(publicMessage)
  }
  search(query: string, conversation: ConversationRef | undefined, limit: number): SearchHit[] {
    return this.history.search(query, { conversation, limit }).map(({ message, snippet }) => ({
      messageId: message.id,
      conversation: message.conversation,
      title: this.history.conversation(message.conversation)?.title || this.titleOf(message.conversation),
      time: message.time,
      snippet,
      ...(message.direction === 'out' ? { mine: true } : message.sender ? { sender: message.sender.name } : {}),
    }))
  }

  /** The current name of a conversation's contact ('' when the lists do not know it). */
  titleOf(ref: ConversationRef): string {
    const c = this.contacts
    if (ref.kind === 'friend') return c.friend(ref.key)?.displayName ?? ''
    if (ref.kind === 'group') return c.group(ref.key)?.displayName ?? ''
    if (ref.kind === 'discussion') return c.discussion(ref.key)?.displayName ?? ''
    const s = parseSessionKey(ref.key)
    return s ? `${s.member} · ${c.group(s.via)?.displayName ?? c.discussion(s.via)?.displayName ?? ''}` : ''
  }

  /** Something in the list changed: it goes out once the burst is over. */
  changed(): void {
    if (this.timer || this.stopped) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      // A timer has no caller to hand an error to: one thrown here would end the whole backend.
      try {
        this.emit('changed', this.list())
      } catch (err) {
        this.logger.error(`conversation list update failed: ${(err as Error).stack ?? String(err)}`)
      }
    }, this.debounceMs)
    this.timer.unref()
  }

  /** The session ends: nothing more goes out. */
  stop(): void {
    this.stopped = true
    clearTimeout(this.timer)
  }

  private summary(row: ConversationRow): ConversationSummary {
    const last = this.history.last(row.ref)
    const fresh = this.titleOf(row.ref)
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
      ...(row.mentioned && { mentioned: true }),
    }
  }
}
