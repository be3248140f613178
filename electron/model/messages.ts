import { z } from 'zod'
import type { ContactKey } from './contacts'
import { errorViewSchema, type ErrorView } from './errors'
import { pictureSchema } from './media'
import type { ConversationKind, MessageStatus } from './values'

/**
 * What a system line says (§6.2): a friend shook the window (`shake_message`), a system tip
 * (`tips`), or a group's membership changed (`sys_g_msg`). Names are display names at the time.
 */
export const noticeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('shake') }),
  z.object({ kind: z.literal('tips'), text: z.string() }),
  z.object({ kind: z.literal('member-joined'), member: z.string(), by: z.string().optional() }),
  z.object({ kind: z.literal('member-left'), member: z.string() }),
  z.object({ kind: z.literal('member-removed'), member: z.string(), by: z.string().optional() }),
  z.object({ kind: z.literal('admin-changed'), member: z.string(), admin: z.boolean() }),
])
export type Notice = z.infer<typeof noticeSchema>

/**
 * One piece of a message (§6.3), decoded; unknown wire elements become `unsupported`. The schema
 * is what history reads back (a stored row that does not fit is a damaged row, never a crash).
 */
export const segmentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('face'), id: z.number().int().refine(Number.isSafeInteger) }),
  /**
   * A picture: `ref` says where it comes from (`offpic:<file_path>`, `cface:<name>`, `stripped`);
   * `picture` once it is in the media cache, `failure` when it could not be had; neither while
   * it is being fetched.
   */
  z.object({ type: z.literal('image'), ref: z.string(), name: z.string().optional(), picture: pictureSchema.optional(), failure: errorViewSchema.optional() }),
  z.object({ type: z.literal('file'), name: z.string(), size: z.number().optional(), transfer: z.string().optional() }),
  /** Something that happened rather than something said: shown as a centred line (shake, tips, group changes). */
  z.object({ type: z.literal('notice'), notice: noticeSchema }),
  /** An audio/video call invitation (file_message type 161, §7.3): this client cannot take calls. */
  z.object({ type: z.literal('call-invite') }),
  z.object({ type: z.literal('unsupported'), label: z.string() }),
])
export type Segment = z.infer<typeof segmentSchema>

export interface Font {
  name: string
  size: number
  color: string
  bold: boolean
  italic: boolean
  underline: boolean
}

export interface ConversationRef {
  kind: ConversationKind
  key: ContactKey
}

export interface ChatMessage {
  /** Local id, unique in the account's history. */
  id: string
  conversation: ConversationRef
  direction: 'in' | 'out'
  /** For group / discussion messages: who said it. */
  sender?: { key?: ContactKey; uin: string; name: string }
  /** Milliseconds since the epoch (server time for received messages): what to show, not what to sort by. */
  time: number
  /**
   * The message's place in its conversation, stored with it: larger is later. What was sent
   * comes before any answer to it; received messages keep the order the service delivered them
   * in; a reload shows the same order. Lists merge and sort by this, never by `time` (received
   * times are whole seconds, own ones milliseconds).
   */
  order: number
  segments: Segment[]
  status: MessageStatus
  /** Why a send failed or is uncertain. */
  error?: ErrorView
  /** The stored record could not be read: shown as a placeholder without content, never sent or retried. */
  damaged?: true
}
