import type { SQLOutputValue } from 'node:sqlite'
import { z } from 'zod'
import { conversationKindSchema, errorViewSchema, messageStatusSchema, segmentSchema, type ChatMessage, type ConversationRef, type MessageStatus } from '../../model'

/**
 * Rows as they come out of the history database, checked before they become messages. The file
 * may hold rows no current code would write (an older version stored unsafe integers from the
 * service, a crash, a hand edit): a row that does not fit reads as an inert placeholder instead
 * of failing the page, the conversation list or the outbox it is in.
 */

export type Row = Record<string, SQLOutputValue>

/** node:sqlite throws this when an INTEGER does not fit a JS number (beyond 2^53). */
export function isOutOfRange(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_OUT_OF_RANGE'
}

/** A row read with big integers on: safe ones become numbers again, unsafe ones stay bigint (and fail the checks). */
export function narrowIntegers(row: Row): Row {
  const out: Row = {}
  for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' && Number.isSafeInteger(Number(v)) ? Number(v) : v
  return out
}

/** The largest distance from the epoch a `Date` can hold (ECMA-262 §21.4.1.1). */
const DATE_LIMIT_MS = 8.64e15

const safeInt = z.number().int().refine(Number.isSafeInteger)
const epochMs = z.number().min(-DATE_LIMIT_MS).max(DATE_LIMIT_MS)
/** JSON text holding a value of `schema`. */
function json<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown
      } catch {
        ctx.issues.push({ code: 'custom', message: 'not JSON', input: text })
        return z.NEVER
      }
    })
    .pipe(schema)
}

const messageRow = z.object({
  seq: safeInt,
  id: z.string().min(1),
  conv_kind: conversationKindSchema,
  conv_key: z.string(),
  direction: z.enum(['in', 'out']),
  sender_key: z.string().nullable(),
  sender_uin: z.string().nullable(),
  sender_name: z.string().nullable(),
  time: epochMs,
  segments: json(z.array(segmentSchema)),
  text: z.string(),
  status: messageStatusSchema,
  error: json(errorViewSchema).nullable(),
  dedupe: z.string().nullable(),
  wire_msg_id: safeInt.nullable(),
  attempts: safeInt,
  ord: safeInt,
  server_time: z.string().nullable(),
})

export interface StoredMessage extends ChatMessage {
  /** Received: the dedupe key (poll_type, sender, msg_id, time — §6.5). */
  dedupe?: string
  /** Sent: the msg_id used on the wire. */
  wireMsgId?: number
  attempts: number
  /** Plain text for previews and search. */
  text: string
  /** Received: the service's `time` exactly as it came (it may have been replaced by the receive time). */
  serverTime?: string
}

/** A message before it is stored: its place in the order is given when it is written. */
export type NewMessage = Omit<StoredMessage, 'order'>

export type Decoded<T> = { ok: true; value: T } | { ok: false; value: T; problem: string }

function problemOf(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => String(i.path[0] ?? '?')))].join(', ')
}

/** A row → a stored message, or a placeholder carrying what could still be read of it. */
export function decodeMessage(r: Row): Decoded<StoredMessage> {
  const p = messageRow.safeParse(r)
  if (!p.success) return { ok: false, value: placeholder(r), problem: problemOf(p.error) }
  const v = p.data
  const m: StoredMessage = {
    id: v.id,
    conversation: { kind: v.conv_kind, key: v.conv_key },
    direction: v.direction,
    time: v.time,
    order: v.ord,
    segments: v.segments,
    status: v.status,
    attempts: v.attempts,
    text: v.text,
  }
  if (v.sender_uin !== null) m.sender = { uin: v.sender_uin, name: v.sender_name ?? '', ...(v.sender_key ? { key: v.sender_key } : {}) }
  if (v.error) m.error = v.error
  if (v.dedupe) m.dedupe = v.dedupe
  if (v.wire_msg_id !== null) m.wireMsgId = v.wire_msg_id
  if (v.server_time !== null) m.serverTime = v.server_time
  return { ok: true, value: m }
}

/**
 * An unreadable row as a message that shows and does nothing: no content, never in the outbox,
 * never retried. It keeps its id, conversation and place when those can be read.
 */
function placeholder(r: Row): StoredMessage {
  const direction = r.direction === 'out' ? 'out' : 'in'
  const kind = conversationKindSchema.safeParse(r.conv_kind)
  const status = messageStatusSchema.safeParse(r.status)
  const time = epochMs.safeParse(r.time)
  return {
    id: typeof r.id === 'string' && r.id ? r.id : `damaged:${String(r.seq)}`,
    conversation: { kind: kind.success ? kind.data : 'friend', key: typeof r.conv_key === 'string' ? r.conv_key : '' },
    direction,
    time: time.success ? time.data : 0,
    // A lossy number still sorts in place; the placeholder is never written back.
    order: Number(r.ord ?? r.seq ?? 0) || 0,
    segments: [],
    status: status.success ? status.data : direction === 'in' ? 'received' : 'failed',
    damaged: true,
    attempts: 0,
    text: '',
  }
}

const conversationRow = z.object({
  kind: conversationKindSchema,
  key: z.string(),
  title: z.string(),
  face: safeInt,
  last_time: epochMs,
  unread: safeInt.min(0),
  draft: z.string(),
  pinned: z.unknown(),
  muted: z.unknown(),
  mentioned: z.unknown(),
})
/** The same with every field that has a sensible default falling back to it. */
const lenientConversationRow = conversationRow.extend({
  title: z.string().catch(''),
  face: safeInt.catch(0),
  last_time: epochMs.catch(0),
  unread: safeInt.min(0).catch(0),
  draft: z.string().catch(''),
})

export interface ConversationRow {
  ref: ConversationRef
  title: string
  face: number
  lastTime: number
  unread: number
  draft: string
  pinned: boolean
  muted: boolean
  /** Someone @-mentioned me since I last read it. */
  mentioned: boolean
}

/**
 * A conversation row. Damaged fields read as their defaults; a row whose kind or key cannot be
 * read names no conversation the app could open, so it is left out.
 */
export function decodeConversation(r: Row): Decoded<ConversationRow | undefined> {
  const strict = conversationRow.safeParse(r)
  const p = strict.success ? strict : lenientConversationRow.safeParse(r)
  const value = p.success
    ? { ref: { kind: p.data.kind, key: p.data.key }, title: p.data.title, face: p.data.face, lastTime: p.data.last_time, unread: p.data.unread, draft: p.data.draft, pinned: p.data.pinned === 1, muted: p.data.muted === 1, mentioned: p.data.mentioned === 1 }
    : undefined
  return strict.success ? { ok: true, value } : { ok: false, value, problem: problemOf(strict.error) }
}

/** The columns a summary line needs of a conversation's newest message. */
const lastRow = messageRow.pick({ seq: true, direction: true, sender_name: true, sender_uin: true, time: true, text: true, status: true })

export interface LastMessage {
  text: string
  senderName?: string
  time: number
  direction: 'in' | 'out'
  status: MessageStatus
}

export function decodeLast(r: Row): Decoded<LastMessage> {
  const p = lastRow.safeParse(r)
  if (!p.success) {
    const m = placeholder(r)
    return { ok: false, value: { text: '', time: m.time, direction: m.direction, status: m.status }, problem: problemOf(p.error) }
  }
  const v = p.data
  return { ok: true, value: { text: v.text, ...(v.sender_uin !== null && { senderName: v.sender_name ?? '' }), time: v.time, direction: v.direction, status: v.status } }
}
