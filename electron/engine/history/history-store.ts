import { DatabaseSync, type StatementSync } from 'node:sqlite'
import type { ChatMessage, ConversationRef, ErrorView, MessageStatus, Segment } from '../../ipc/contract/model'
import type { SearchHit } from '../../ipc/contract/views'
import { privateFile } from '../private-files'
import { MIGRATIONS } from './migrations'

/**
 * One account's message history and outbox in SQLite (the built-in node:sqlite: no native
 * module to rebuild per Electron ABI). Received messages are written before they are shown,
 * sent ones before they are sent; the outbox is the set of rows still `queued`.
 */

export interface StoredMessage extends ChatMessage {
  /** Received: the dedupe key (poll_type, sender, msg_id, time — §6.5). */
  dedupe?: string
  /** Sent: the msg_id used on the wire. */
  wireMsgId?: number
  attempts: number
  /** Plain text for previews and search. */
  text: string
}

export interface ConversationRow {
  ref: ConversationRef
  title: string
  face: number
  lastTime: number
  unread: number
  draft: string
  pinned: boolean
  muted: boolean
}

interface MessageRow {
  seq: number
  id: string
  conv_kind: string
  conv_key: string
  direction: string
  sender_key: string | null
  sender_uin: string | null
  sender_name: string | null
  time: number
  segments: string
  text: string
  status: string
  error: string | null
  dedupe: string | null
  wire_msg_id: number | null
  attempts: number
}

function toMessage(r: MessageRow): StoredMessage {
  const m: StoredMessage = {
    id: r.id,
    conversation: { kind: r.conv_kind as ConversationRef['kind'], key: r.conv_key },
    direction: r.direction as 'in' | 'out',
    time: r.time,
    segments: JSON.parse(r.segments) as Segment[],
    status: r.status as MessageStatus,
    attempts: r.attempts,
    text: r.text,
  }
  if (r.sender_uin !== null) m.sender = { uin: r.sender_uin, name: r.sender_name ?? '', ...(r.sender_key ? { key: r.sender_key } : {}) }
  if (r.error) m.error = JSON.parse(r.error) as ErrorView
  if (r.dedupe) m.dedupe = r.dedupe
  if (r.wire_msg_id !== null) m.wireMsgId = r.wire_msg_id
  return m
}

/** The public shape of a stored message (no bookkeeping fields). */
export function publicMessage(m: StoredMessage): ChatMessage {
  const { dedupe: _d, wireMsgId: _w, attempts: _a, text: _t, ...rest } = m
  return rest
}

export class HistoryStore {
  private readonly db: DatabaseSync
  private readonly stmts = new Map<string, StatementSync>()

  private constructor(file: string) {
    if (file !== ':memory:') privateFile(file) // owner-only, and so its -wal and -shm
    this.db = new DatabaseSync(file)
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
    this.migrate()
  }

  static open(file: string): HistoryStore {
    return new HistoryStore(file)
  }

  get version(): number {
    return (this.db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
  }

  private migrate(): void {
    for (let v = this.version; v < MIGRATIONS.length; v++) {
      this.tx(() => {
        MIGRATIONS[v]!(this.db)
        this.db.exec(`PRAGMA user_version = ${v + 1}`)
      })
    }
  }

  close(): void {
    this.db.close()
  }

  private stmt(sql: string): StatementSync {
    let s = this.stmts.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.stmts.set(sql, s)
    }
    return s
  }

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  tx<T>(fn: () => T): T {
    if (this.db.isTransaction) return fn()
    this.db.exec('BEGIN')
    try {
      const out = fn()
      this.db.exec('COMMIT')
      return out
    } catch (err) {
      this.db.exec('ROLLBACK')
      throw err
    }
  }

  private insert(m: StoredMessage): boolean {
    const r = this.stmt(
      `INSERT INTO messages (id, conv_kind, conv_key, direction, sender_key, sender_uin, sender_name, time, segments, text, status, error, dedupe, wire_msg_id, attempts)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING`,
    ).run(
      m.id,
      m.conversation.kind,
      m.conversation.key,
      m.direction,
      m.sender?.key ?? null,
      m.sender?.uin ?? null,
      m.sender?.name ?? null,
      m.time,
      JSON.stringify(m.segments),
      m.text,
      m.status,
      m.error ? JSON.stringify(m.error) : null,
      m.dedupe ?? null,
      m.wireMsgId ?? null,
      m.attempts,
    )
    return r.changes > 0
  }

  /** Stores received messages in one transaction; returns those that were new (not duplicates). */
  addReceived(messages: readonly StoredMessage[]): StoredMessage[] {
    return this.tx(() => messages.filter((m) => this.insert(m)))
  }

  /** Stores an outgoing message (before it is sent). */
  addOutgoing(m: StoredMessage): void {
    this.insert(m)
  }

  setStatus(id: string, status: MessageStatus, extra: { error?: ErrorView | null; wireMsgId?: number; attempts?: number } = {}): void {
    this.stmt(
      `UPDATE messages SET status = ?, error = CASE WHEN ? THEN ? ELSE error END,
         wire_msg_id = COALESCE(?, wire_msg_id), attempts = COALESCE(?, attempts) WHERE id = ?`,
    ).run(
      status,
      extra.error !== undefined ? 1 : 0,
      extra.error ? JSON.stringify(extra.error) : null,
      extra.wireMsgId ?? null,
      extra.attempts ?? null,
      id,
    )
  }

  get(id: string): StoredMessage | undefined {
    const r = this.stmt('SELECT * FROM messages WHERE id = ?').get(id) as MessageRow | undefined
    return r && toMessage(r)
  }

  /** Messages of a conversation before `before` (exclusive), oldest first, at most `limit`. */
  page(conv: ConversationRef, opts: { before?: string; limit: number }): StoredMessage[] {
    const anchor = opts.before ? (this.stmt('SELECT time, seq FROM messages WHERE id = ?').get(opts.before) as { time: number; seq: number } | undefined) : undefined
    const rows = anchor
      ? this.stmt(
          `SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? AND (time < ? OR (time = ? AND seq < ?))
           ORDER BY time DESC, seq DESC LIMIT ?`,
        ).all(conv.kind, conv.key, anchor.time, anchor.time, anchor.seq, opts.limit)
      : this.stmt('SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? ORDER BY time DESC, seq DESC LIMIT ?').all(conv.kind, conv.key, opts.limit)
    return (rows as unknown as MessageRow[]).reverse().map(toMessage)
  }

  /** The message and up to `limit` others around it in its conversation (jump to a search hit). */
  around(id: string, limit: number): StoredMessage[] {
    const m = this.get(id)
    if (!m) return []
    const half = Math.max(1, Math.floor(limit / 2))
    const before = this.page(m.conversation, { before: id, limit: half })
    const after = (
      this.stmt(
        `SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? AND (time > ? OR (time = ? AND seq > (SELECT seq FROM messages WHERE id = ?)))
         ORDER BY time, seq LIMIT ?`,
      ).all(m.conversation.kind, m.conversation.key, m.time, m.time, id, limit - half - 1) as unknown as MessageRow[]
    ).map(toMessage)
    return [...before, m, ...after]
  }

  /** The newest message of a conversation. */
  last(conv: ConversationRef): StoredMessage | undefined {
    return this.page(conv, { limit: 1 })[0]
  }

  /**
   * Full-text search. FTS5's trigram tokenizer matches substrings of three characters or more
   * (which covers Chinese); shorter queries — common in Chinese — fall back to a LIKE scan.
   */
  search(query: string, opts: { conversation?: ConversationRef; limit: number }): Array<{ message: StoredMessage; snippet: string }> {
    const q = query.trim()
    if (!q) return []
    const convFilter = opts.conversation ? 'AND m.conv_kind = ? AND m.conv_key = ?' : ''
    const convArgs = opts.conversation ? [opts.conversation.kind, opts.conversation.key] : []
    let rows: MessageRow[]
    if ([...q].length >= 3) {
      rows = this.stmt(
        `SELECT m.* FROM messages_fts f JOIN messages m ON m.seq = f.rowid
         WHERE messages_fts MATCH ? ${convFilter} ORDER BY m.time DESC, m.seq DESC LIMIT ?`,
      ).all(`"${q.replace(/"/g, '""')}"`, ...convArgs, opts.limit) as unknown as MessageRow[]
    } else {
      const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
      rows = this.stmt(
        `SELECT m.* FROM messages m WHERE m.text LIKE ? ESCAPE '\\' ${convFilter} ORDER BY m.time DESC, m.seq DESC LIMIT ?`,
      ).all(like, ...convArgs, opts.limit) as unknown as MessageRow[]
    }
    return rows.map((r) => ({ message: toMessage(r), snippet: snippet(r.text, q) }))
  }

  /** Outgoing messages waiting to be sent, oldest first. */
  outbox(): StoredMessage[] {
    return (this.stmt(`SELECT * FROM messages WHERE status = 'queued' ORDER BY time, seq`).all() as unknown as MessageRow[]).map(toMessage)
  }

  /**
   * After a crash or restart, a message that was `sending` may or may not have reached the
   * service, and it does not deduplicate (§6.4): it becomes `unknown`, never resent blindly.
   */
  markInterrupted(): number {
    return Number(this.stmt(`UPDATE messages SET status = 'unknown' WHERE status = 'sending'`).run().changes)
  }

  /** An own recent outgoing message in a conversation with this text (to recognise its echo, §6.6). */
  findOwnRecent(conv: ConversationRef, text: string, since: number): StoredMessage | undefined {
    const r = this.stmt(
      `SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? AND direction = 'out' AND text = ? AND time >= ?
       AND status IN ('sending', 'sent', 'unknown') AND dedupe IS NULL ORDER BY time, seq LIMIT 1`,
    ).get(conv.kind, conv.key, text, since) as MessageRow | undefined
    return r && toMessage(r)
  }

  /** Marks an outgoing message as matched by its echo so the next echo finds the next one. */
  claimEcho(id: string, dedupe: string): void {
    this.stmt(`UPDATE messages SET dedupe = ?, status = 'sent', error = NULL WHERE id = ?`).run(dedupe, id)
  }

  count(): number {
    return (this.stmt('SELECT count(*) AS n FROM messages').get() as { n: number }).n
  }

  // ---- conversations ----

  conversations(): ConversationRow[] {
    return (this.stmt('SELECT * FROM conversations ORDER BY pinned DESC, last_time DESC').all() as unknown as Array<Record<string, unknown>>).map(toConversation)
  }

  conversation(ref: ConversationRef): ConversationRow | undefined {
    const r = this.stmt('SELECT * FROM conversations WHERE kind = ? AND key = ?').get(ref.kind, ref.key) as Record<string, unknown> | undefined
    return r && toConversation(r)
  }

  /** Creates or updates a conversation row after a message (or when one is opened). */
  touch(ref: ConversationRef, patch: { title?: string; face?: number; lastTime?: number; unreadDelta?: number }): void {
    this.stmt(
      `INSERT INTO conversations (kind, key, title, face, last_time, unread) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET
         title = CASE WHEN ? IS NULL THEN title ELSE ? END,
         face = CASE WHEN ? IS NULL THEN face ELSE ? END,
         last_time = MAX(last_time, ?),
         unread = unread + ?`,
    ).run(
      ref.kind,
      ref.key,
      patch.title ?? '',
      patch.face ?? 0,
      patch.lastTime ?? 0,
      Math.max(0, patch.unreadDelta ?? 0),
      patch.title ?? null,
      patch.title ?? null,
      patch.face ?? null,
      patch.face ?? null,
      patch.lastTime ?? 0,
      patch.unreadDelta ?? 0,
    )
  }

  markRead(ref: ConversationRef): void {
    this.stmt('UPDATE conversations SET unread = 0 WHERE kind = ? AND key = ?').run(ref.kind, ref.key)
  }

  setDraft(ref: ConversationRef, text: string): void {
    this.touch(ref, {})
    this.stmt('UPDATE conversations SET draft = ? WHERE kind = ? AND key = ?').run(text, ref.kind, ref.key)
  }

  setFlag(ref: ConversationRef, flag: 'pinned' | 'muted', on: boolean): void {
    this.touch(ref, {})
    this.stmt(`UPDATE conversations SET ${flag} = ? WHERE kind = ? AND key = ?`).run(on ? 1 : 0, ref.kind, ref.key)
  }
}

function toConversation(r: Record<string, unknown>): ConversationRow {
  return {
    ref: { kind: r.kind as ConversationRef['kind'], key: r.key as string },
    title: r.title as string,
    face: r.face as number,
    lastTime: r.last_time as number,
    unread: r.unread as number,
    draft: r.draft as string,
    pinned: r.pinned === 1,
    muted: r.muted === 1,
  }
}

/** A window of text around the first match, the match wrapped in \u0001 … \u0002. */
export function snippet(text: string, query: string, radius = 24): string {
  const i = text.toLowerCase().indexOf(query.toLowerCase())
  if (i < 0) return text.slice(0, radius * 2)
  const start = Math.max(0, i - radius)
  const end = Math.min(text.length, i + query.length + radius)
  return (start > 0 ? '…' : '') + text.slice(start, i) + '\u0001' + text.slice(i, i + query.length) + '\u0002' + text.slice(i + query.length, end) + (end < text.length ? '…' : '')
}

export type { SearchHit }
