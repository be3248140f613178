import { z } from 'zod'
import type {
  ChatMessage,
  ContactsSnapshot,
  DiscussionDetails,
  ErrorView,
  Friend,
  GroupDetails,
} from './model'
import { type CommandName, type EventName } from './names'
import { settingsPatchSchema, type Settings } from './settings'
import type { AppInfo, ConversationSummary, FileOfferView, FriendRequestView, LoginView, SearchHit, SessionView } from './views'

export type * from './model'
export type * from './views'
export type { Settings, SettingsPatch } from './settings'
export { DEFAULT_SETTINGS, settingsSchema } from './settings'
export { COMMAND_NAMES, EVENT_NAMES, isCommandName, isEventName, type CommandName, type EventName } from './names'

/**
 * The one IPC contract (DESIGN.md "Typed IPC"): renderer → main commands (validated at the
 * main-process boundary with these schemas) and main → renderer events. Both transports
 * (Electron IPC, WebSocket) are generic over it; adding a command is one entry here plus one
 * handler.
 */

/**
 * The longest message a person may write, in UTF-16 code units (what a textarea and zod count):
 * the composer's limit, and the limit of `message.send` (all its text together) and of
 * `conversation.setDraft`. 3,000 is a few pages of typing or a long paste. The service took
 * ≈720 UTF-8 bytes per message (§6.4), so the engine splits: 3,000 Chinese characters are
 * 9,000 bytes, 13 messages, and at one send every 3 s (§6.4 rate limits) 39 s of sending and
 * 13 bubbles in the friend's window — beyond that a paste is a file, not a chat message.
 */
export const MESSAGE_TEXT_MAX = 3_000

/**
 * The largest WebSocket frame either side accepts from the renderer (web mode). A maximal
 * message is at most 6 bytes a code unit as JSON (`\u0000` escapes), 18 kB: far below.
 */
export const WS_MAX_FRAME_BYTES = 1024 * 1024

const key = z.string().min(1).max(512)
const conversation = z.object({ kind: z.enum(['friend', 'group', 'discussion', 'session']), key })
const status = z.enum(['online', 'away', 'busy', 'silent', 'hidden', 'offline', 'callme'])
const outgoingSegment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(MESSAGE_TEXT_MAX) }),
  z.object({ type: z.literal('face'), id: z.number().int().min(0).max(255) }),
])
const none = z.object({}).strict()

export const commandSchemas = {
  'app.info': none,
  'login.start': none,
  'login.cancel': none,
  'login.password': z.object({ qq: z.string().regex(/^[1-9]\d{4,10}$/), password: z.string().min(1).max(64) }).strict(),
  'login.captcha': z.object({ text: z.string().min(1).max(16) }).strict(),
  'login.refreshCaptcha': none,
  logout: none,
  'session.get': none,
  'session.reconnect': none,
  'contacts.get': none,
  'contacts.retry': z.object({ part: z.enum(['self', 'friends', 'groups', 'discussions', 'online', 'recent']) }).strict(),
  'group.members': z.object({ key, refresh: z.boolean().optional() }).strict(),
  'discussion.members': z.object({ key, refresh: z.boolean().optional() }).strict(),
  'friend.profile': z.object({ key }).strict(),
  'self.setStatus': z.object({ status }).strict(),
  'self.setLongNick': z.object({ text: z.string().max(200) }).strict(),
  'friendRequest.answer': z
    .object({
      account: z.string().regex(/^\d{5,11}$/),
      answer: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('accept'), category: z.number().int().min(0), markname: z.string().max(64) }),
        z.object({ kind: z.literal('allow') }),
        z.object({ kind: z.literal('deny'), reason: z.string().max(200) }),
      ]),
    })
    .strict(),
  'conversations.list': none,
  'conversation.open': z.object({ conversation }).strict(),
  'conversation.read': z.object({ conversation }).strict(),
  'conversation.setDraft': z.object({ conversation, text: z.string().max(MESSAGE_TEXT_MAX) }).strict(),
  'conversation.setPinned': z.object({ conversation, pinned: z.boolean() }).strict(),
  'conversation.setMuted': z.object({ conversation, muted: z.boolean() }).strict(),
  'message.send': z
    .object({
      conversation,
      segments: z
        .array(outgoingSegment)
        .min(1)
        .max(MESSAGE_TEXT_MAX)
        .refine((segs) => segs.reduce((n, s) => n + (s.type === 'text' ? s.text.length : 0), 0) <= MESSAGE_TEXT_MAX, {
          message: `at most ${MESSAGE_TEXT_MAX} characters of text`,
        }),
    })
    .strict(),
  'message.retry': z.object({ id: z.string().min(1).max(64) }).strict(),
  'history.page': z.object({ conversation, before: z.string().max(64).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  'history.around': z.object({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  'history.search': z.object({ query: z.string().min(1).max(200), conversation: conversation.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(),
  'file.accept': z.object({ id: z.string().min(1).max(64) }).strict(),
  'file.refuse': z.object({ id: z.string().min(1).max(64) }).strict(),
  'file.reveal': z.object({ id: z.string().min(1).max(64) }).strict(),
  'settings.get': none,
  'settings.set': settingsPatchSchema.strict(),
  'phone.open': none,
  'link.open': z.object({ url: z.string().min(1).max(4096) }).strict(),
} as const satisfies Record<CommandName, z.ZodType>

export type CommandArgs<N extends CommandName> = z.input<(typeof commandSchemas)[N]>
export type CommandInput<N extends CommandName> = z.output<(typeof commandSchemas)[N]>

/** What each command resolves with. */
export interface CommandResults {
  'app.info': AppInfo
  'login.start': void
  'login.cancel': void
  'login.password': void
  'login.captcha': void
  'login.refreshCaptcha': void
  logout: void
  'session.get': { session: SessionView; login: LoginView }
  'session.reconnect': void
  'contacts.get': ContactsSnapshot
  'contacts.retry': boolean
  'group.members': GroupDetails
  'discussion.members': DiscussionDetails
  'friend.profile': Friend & { lnick: string; gender: string; city: string }
  'self.setStatus': void
  'self.setLongNick': void
  'friendRequest.answer': void
  'conversations.list': ConversationSummary[]
  'conversation.open': ConversationSummary
  'conversation.read': void
  'conversation.setDraft': void
  'conversation.setPinned': void
  'conversation.setMuted': void
  'message.send': ChatMessage
  'message.retry': ChatMessage
  'history.page': ChatMessage[]
  'history.around': ChatMessage[]
  'history.search': SearchHit[]
  'file.accept': void
  'file.refuse': void
  'file.reveal': void
  'settings.get': Settings
  'settings.set': Settings
  'phone.open': void
  'link.open': void
}

/** Main → renderer pushes. */
export interface Events {
  'login.state': LoginView
  'session.state': SessionView
  'contacts.changed': ContactsSnapshot
  'message.new': ChatMessage
  'message.status': Pick<ChatMessage, 'id' | 'status' | 'error'> & { conversation: ChatMessage['conversation'] }
  'conversations.changed': ConversationSummary[]
  'friend.request': FriendRequestView
  'typing': { conversation: ChatMessage['conversation'] }
  'file.offer': FileOfferView
  'settings.changed': Settings
  /** Open a conversation (a notification or the tray menu was clicked). */
  'ui.openConversation': { conversation: ChatMessage['conversation'] }
}
// Every event has a payload type, and every payload type is an event.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const _eventsMatch: Same<keyof Events, EventName> = true
const _resultsMatch: Same<keyof CommandResults, CommandName> = true
void _eventsMatch
void _resultsMatch

/** A command's failure as it crosses IPC. */
export interface CommandError {
  error: ErrorView
}

/**
 * The API the renderer talks to, whatever the transport: the preload exposes it as
 * `window.qq` in Electron; web mode builds it over a WebSocket.
 */
export interface QqApi {
  invoke<N extends CommandName>(name: N, args: CommandArgs<N>): Promise<CommandResults[N]>
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

export type { ChatMessage }
