import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import type { ChatMessage, ConversationRef, ErrorView, MessageStatus } from '../../model'
import type { SearchHit } from '../../model/views'
import { EngineError } from '../errors'
import { Logger } from '../log'
import { privateFile } from '../private-files'
import { clipText, dropLastCharacter } from './clip-text'
import { MIGRATIONS } from './migrations'
import {
  type ConversationRow,
  type Decoded,
  type LastMessage,
  type NewMessage,
  type Row,
  type StoredMessage,
  decodeConversation,
  decodeLast,
  decodeMessage,
  isOutOfRange,
  narrowIntegers,
} from './stored-rows'

/**
 * One account's message history and outbox in SQLite (the built-in node:sqlite: no native
 * module to rebuild per Electron ABI). Received messages are written before they are shown,
 * sent ones before they are sent; the outbox is the set of rows still `queued`.
 *
 * Order: every message gets `ord` when it is written, one past the largest in the database, so
 * within a conversation `ord` is the order things happened here: an own message is written
 * before it is sent, so it precedes any answer to it, and keeps its place when its echo claims
 * the row (§6.6); received messages are written in the order the poll loop hands them over
 * (poll answers in turn, each sorted by time and msg_id, §6.1). The service's `time` is whole
 * seconds and says nothing about order within a second, so nothing orders by time. Paging is
 * a keyset on (conversation, ord); a user's resend moves the message to the end, where the
 * recipient now gets it.
 */

/** Characters of a message's plain text kept for search and previews (the message keeps all of its content). */
export const TEXT_MAX = 20_000
/** Characters of the newest message a conversation summary carries. */
export const PREVIEW_MAX = 200
/** Characters read from the database for a preview: room for PREVIEW_MAX of even long clusters. */
const PREVIEW_READ = PREVIEW_MAX * 4

export type { ConversationRow, LastMessage, NewMessage, StoredMessage }

/** The public shape of a stored message (no bookkeeping fields). */
export function publicMessage(m: StoredMessage): ChatMessage {
  const { dedupe: _d, wireMsgId: _w, attempts: _a, text: _t, serverTime: _s, ...rest } = m
  return rest
}

/**
 * What a search may match: control characters (NUL ends SQLite's reading of the FTS query: its
 * "unterminated string") and lone surrogates (not text; SQLite would read U+FFFD) are dropped.
 * Tabs and line breaks stay: messages hold them, and a multi-line search may match.
 */
export function searchableText(query: string): string {
  return query.replace(/(?![\t\n\r])[\p{Cc}\p{Cs}]/gu, '').trim()
}

export class HistoryStore {
  private readonly db: DatabaseSync
  private readonly stmts = new Map<string, StatementSync>()
  /** Damaged rows already reported (each is logged once per open). */
  private readonly reported = new Set<string>()

  private constructor(
    file: string,
    private readonly logger: Logger,
  ) {
    if (file !== ':memory:') privateFile(file) // owner-only, and so its -wal and -shm
    this.db = new DatabaseSync(file)
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;')
    this.migrate()
  }

  static open(file: string, logger: Logger = new Logger()): HistoryStore {
    return new HistoryStore(file, logger)
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

  /**
   * A prepared statement on this database (cached), for the stores that keep their own tables in
   * it (the media index, file transfers); run several in `tx`.
   */
  statement(sql: string): StatementSync {
    return this.stmt(sql)
  }

  private stmt(sql: string, bigInts = false): StatementSync {
    const key = bigInts ? `big\u0000${sql}` : sql
    let s = this.stmts.get(key)
    if (!s) {
      s = this.db.prepare(sql)
      if (bigInts) s.setReadBigInts(true)
      this.stmts.set(key, s)
    }
    return s
  }

  /**
   * Rows of a query. An integer beyond 2^53 anywhere in the result makes node:sqlite throw; then
   * the query is read again with big integers, which the row checks turn into placeholders.
   */
  private rows(sql: string, ...args: SQLInputValue[]): Row[] {
    try {
      return this.stmt(sql).all(...args)
    } catch (err) {
      if (!isOutOfRange(err)) throw err
      return this.stmt(sql, true).all(...args).map(narrowIntegers)
    }
  }

  /** A decoded value; a damaged row is logged once (by its place, never its content). */
  private checked<T>(d: Decoded<T>, where: string): T {
    if (!d.ok && !this.reported.has(where)) {
      this.reported.add(where)
      this.logger.warn(`history: ${where} cannot be read (${d.problem}); shown as a placeholder`)
    }
    return d.value
  }

  private messages(sql: string, ...args: SQLInputValue[]): StoredMessage[] {
    return this.rows(sql, ...args).map((r) => this.checked(decodeMessage(r), `message row ${String(r.seq)}`))
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

  /** Writes a message at the end of the order; undefined when its dedupe key is already stored. */
  private insert(m: NewMessage): StoredMessage | undefined {
    const text = clipText(m.text, TEXT_MAX)
    // Big integers on: `ord` is read back without ever throwing, whatever the file holds.
    const r = this.stmt(
      `INSERT INTO messages (id, conv_kind, conv_key, direction, sender_key, sender_uin, sender_name, time, segments, text, status, error, dedupe, wire_msg_id, attempts, server_time, ord)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(ord), 0) + 1 FROM messages))
       ON CONFLICT (dedupe) DO NOTHING RETURNING ord`,
      true,
    ).get(
      m.id,
      m.conversation.kind,
      m.conversation.key,
      m.direction,
      m.sender?.key ?? null,
      m.sender?.uin ?? null,
      m.sender?.name ?? null,
      m.time,
      JSON.stringify(m.segments),
      text,
      m.status,
      m.error ? JSON.stringify(m.error) : null,
      m.dedupe ?? null,
      m.wireMsgId ?? null,
      m.attempts,
      m.serverTime ?? null,
    ) as { ord: bigint } | undefined
    return r && { ...m, text, order: Number(r.ord) }
  }

  /** Stores received messages in one transaction, in the given order; returns those that were new (not duplicates). */
  addReceived(messages: readonly NewMessage[]): StoredMessage[] {
    return this.tx(() => messages.flatMap((m) => this.insert(m) ?? []))
  }

  /** Stores an outgoing message (before it is sent). */
  addOutgoing(m: NewMessage): StoredMessage {
    const stored = this.insert(m)
    if (!stored) throw new EngineError('bad-input', 'an outgoing message cannot carry a stored dedupe key')
    return stored
  }

  /** A resent message moves to the end of the order: the recipient gets it after everything before. */
  moveToEnd(id: string): void {
    this.stmt('UPDATE messages SET ord = (SELECT MAX(ord) + 1 FROM messages) WHERE id = ?').run(id)
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

  /** Replaces a message's segments (a picture arrived or failed); the text and order stay. */
  setSegments(id: string, segments: ChatMessage['segments']): void {
    this.stmt('UPDATE messages SET segments = ? WHERE id = ?').run(JSON.stringify(segments), id)
  }

  get(id: string): StoredMessage | undefined {
    return this.messages('SELECT * FROM messages WHERE id = ?', id)[0]
  }

  /**
   * Messages of a conversation before `before` (exclusive) in the order, oldest first, at most
   * `limit`: a keyset page, so pages never overlap or skip however many messages share a second.
   */
  page(conv: ConversationRef, opts: { before?: string; limit: number }): StoredMessage[] {
    const rows = opts.before
      ? this.messages(
          `SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? AND ord < (${this.anchor(conv, opts.before)})
           ORDER BY ord DESC LIMIT ?`,
          conv.kind,
          conv.key,
          opts.before,
          conv.kind,
          conv.key,
          opts.limit,
        )
      : this.messages('SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? ORDER BY ord DESC LIMIT ?', conv.kind, conv.key, opts.limit)
    return rows.reverse()
  }

  /**
   * The SQL for the place of a message of that conversation (it stays in SQL: a damaged place is
   * compared there, never read). Throws when there is no such message there.
   */
  private anchor(conv: ConversationRef, id: string): string {
    if (!this.stmt('SELECT 1 AS x FROM messages WHERE id = ? AND conv_kind = ? AND conv_key = ?').get(id, conv.kind, conv.key)) {
      throw new EngineError('bad-input', 'no such message in this conversation')
    }
    return 'SELECT ord FROM messages WHERE id = ? AND conv_kind = ? AND conv_key = ?'
  }

  /** The message and up to `limit` others around it in its conversation's order (jump to a search hit). */
  around(id: string, limit: number): StoredMessage[] {
    const m = this.get(id)
    if (!m) return []
    const half = Math.max(1, Math.floor(limit / 2))
    const before = this.page(m.conversation, { before: id, limit: half })
    const after = this.messages(
      `SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? AND ord > (${this.anchor(m.conversation, id)}) ORDER BY ord LIMIT ?`,
      m.conversation.kind,
      m.conversation.key,
      id,
      m.conversation.kind,
      m.conversation.key,
      Math.max(0, limit - before.length - 1),
    )
    return [...before, m, ...after]
  }

  /**
   * The newest message of a conversation as its summary shows it: the text cut to PREVIEW_MAX
   * characters, and only that much read (a 10 MB message must not travel with every list update).
   */
  last(conv: ConversationRef): LastMessage | undefined {
    const r = this.rows(
      `SELECT seq, direction, sender_name, sender_uin, time, status, substr(text, 1, ?) AS text, length(text) > ? AS cut
       FROM messages WHERE conv_kind = ? AND conv_key = ? ORDER BY ord DESC LIMIT 1`,
      PREVIEW_READ,
      PREVIEW_READ,
      conv.kind,
      conv.key,
    )[0]
    if (!r) return undefined
    const last = this.checked(decodeLast(r), `message row ${String(r.seq)}`)
    const clipped = clipText(last.text, PREVIEW_MAX)
    // Cut by SQLite short of PREVIEW_MAX characters: its last one may be a piece of a longer one.
    return { ...last, text: r.cut === 1 && clipped === last.text ? dropLastCharacter(clipped) : clipped }
  }

  /**
   * Full-text search for the user's words as they are: never FTS5 syntax (quotes, `*`, `NEAR(`,
   * `-` are matched literally). FTS5's trigram tokenizer matches substrings of three characters or
   * more (which covers Chinese); shorter queries — common in Chinese — fall back to a LIKE scan.
   * (The trigram index also serves LIKE, but not with an ESCAPE clause, which `%` and `_` need.)
   */
  search(query: string, opts: { conversation?: ConversationRef; limit: number }): Array<{ message: StoredMessage; snippet: string }> {
    const q = searchableText(query)
    if (!q) return []
    const convFilter = opts.conversation ? 'AND m.conv_kind = ? AND m.conv_key = ?' : ''
    const convArgs = opts.conversation ? [opts.conversation.kind, opts.conversation.key] : []
    const found =
      [...q].length >= 3
        ? this.messages(
            `SELECT m.* FROM messages_fts f JOIN messages m ON m.seq = f.rowid
             WHERE messages_fts MATCH ? ${convFilter} ORDER BY m.ord DESC LIMIT ?`,
            `"${q.replace(/"/g, '""')}"`,
            ...convArgs,
            opts.limit,
          )
        : this.messages(
            `SELECT m.* FROM messages m WHERE m.text LIKE ? ESCAPE '\\' ${convFilter} ORDER BY m.ord DESC LIMIT ?`,
            `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`,
            ...convArgs,
            opts.limit,
          )
    // A placeholder has no text to show and may name no conversation: not a hit.
    return found.filter((m) => !m.damaged).map((message) => ({ message, snippet: snippet(message.text, q) }))
  }

  /** Outgoing messages waiting to be sent, in order (a damaged one is never sent). */
  outbox(): StoredMessage[] {
    return this.messages(`SELECT * FROM messages WHERE status = 'queued' ORDER BY ord`).filter((m) => !m.damaged)
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
    return this.messages(
      `SELECT * FROM messages WHERE conv_kind = ? AND conv_key = ? AND direction = 'out' AND text = ? AND time >= ?
       AND status IN ('sending', 'sent', 'unknown') AND dedupe IS NULL ORDER BY ord LIMIT 1`,
      conv.kind,
      conv.key,
      clipText(text, TEXT_MAX),
      since,
    ).find((m) => !m.damaged)
  }

  /** Marks an outgoing message as matched by its echo so the next echo finds the next one. */
  claimEcho(id: string, dedupe: string): void {
    this.stmt(`UPDATE messages SET dedupe = ?, status = 'sent', error = NULL WHERE id = ?`).run(dedupe, id)
  }

  count(): number {
    return (this.stmt('SELECT count(*) AS n FROM messages').get() as { n: number }).n
  }

  // ---- conversations ----

  private conversationRows(sql: string, ...args: SQLInputValue[]): ConversationRow[] {
    return this.rows(sql, ...args).flatMap((r) => this.checked(decodeConversation(r), `conversation ${String(r.kind)} ${String(r.key)}`) ?? [])
  }

  /** The recent list: every conversation but those taken off it (`remove`). */
  conversations(): ConversationRow[] {
    return this.conversationRows('SELECT * FROM conversations WHERE hidden = 0 ORDER BY pinned DESC, last_time DESC')
  }

  conversation(ref: ConversationRef): ConversationRow | undefined {
    return this.conversationRows('SELECT * FROM conversations WHERE kind = ? AND key = ?', ref.kind, ref.key)[0]
  }

  /**
   * Creates or updates a conversation row after a message (or when one is opened). A message
   * (`lastTime`) or an explicit `reveal` (opening it) puts a removed conversation back on the
   * recent list; `mentioned` marks it until it is read.
   */
  touch(ref: ConversationRef, patch: { title?: string; face?: number; lastTime?: number; unreadDelta?: number; reveal?: boolean; mentioned?: boolean }): void {
    const reveal = patch.reveal || patch.lastTime !== undefined ? 1 : 0
    const mentioned = patch.mentioned ? 1 : 0
    this.stmt(
      `INSERT INTO conversations (kind, key, title, face, last_time, unread, mentioned) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (kind, key) DO UPDATE SET
         title = CASE WHEN ? IS NULL THEN title ELSE ? END,
         face = CASE WHEN ? IS NULL THEN face ELSE ? END,
         last_time = MAX(last_time, ?),
         unread = unread + ?,
         mentioned = MAX(mentioned, ?),
         hidden = CASE WHEN ? THEN 0 ELSE hidden END`,
    ).run(
      ref.kind,
      ref.key,
      patch.title ?? '',
      patch.face ?? 0,
      patch.lastTime ?? 0,
      Math.max(0, patch.unreadDelta ?? 0),
      mentioned,
      patch.title ?? null,
      patch.title ?? null,
      patch.face ?? null,
      patch.face ?? null,
      patch.lastTime ?? 0,
      patch.unreadDelta ?? 0,
      mentioned,
      reveal,
    )
  }

  markRead(ref: ConversationRef): void {
    this.stmt('UPDATE conversations SET unread = 0, mentioned = 0 WHERE kind = ? AND key = ?').run(ref.kind, ref.key)
  }

  /**
   * Takes a conversation off the recent list: its history, draft and flags stay; nothing of it
   * counts as unread while it is off. False when there is no such conversation.
   */
  remove(ref: ConversationRef): boolean {
    return Number(this.stmt('UPDATE conversations SET hidden = 1, unread = 0, mentioned = 0 WHERE kind = ? AND key = ?').run(ref.kind, ref.key).changes) > 0
  }

  /** Deletes one stored message (and the pictures still to fetch for it); undefined when there is none. */
  deleteMessage(id: string): StoredMessage | undefined {
    return this.tx(() => {
      const m = this.get(id)
      if (!m) return undefined
      this.stmt('DELETE FROM media_sources WHERE message_id = ?').run(id)
      this.stmt('DELETE FROM messages WHERE id = ?').run(id)
      return m
    })
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

/** A window of text around the first match, the match wrapped in \u0001 … \u0002. */
export function snippet(text: string, query: string, radius = 24): string {
  const i = text.toLowerCase().indexOf(query.toLowerCase())
  if (i < 0) return text.slice(0, radius * 2)
  const start = Math.max(0, i - radius)
  const end = Math.min(text.length, i + query.length + radius)
  return (start > 0 ? '…' : '') + text.slice(start, i) + '\u0001' + text.slice(i, i + query.length) + '\u0002' + text.slice(i + query.length, end) + (end < text.length ? '…' : '')
}

export type { SearchHit }
