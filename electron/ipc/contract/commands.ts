import { z } from 'zod'
import {
  avatarSubjectSchema,
  contactPartSchema,
  mediaHashSchema,
  conversationKindSchema,
  statusSchema,
  type AppInfo,
  type ChatMessage,
  type ContactsSnapshot,
  type ConversationSummary,
  type DiscussionDetails,
  type FileTransferView,
  type FriendRequestView,
  type Friend,
  type GroupDetails,
  type LoginView,
  type Picture,
  type SearchHit,
  type SessionView,
} from '../../model'
import { LONG_NICK_MAX, MARKNAME_MAX, MESSAGE_TEXT_MAX, REASON_MAX, SEARCH_QUERY_MAX } from './limits'
import { phantom as returns } from './phantom'
import { settingsPatchSchema, type Settings } from './settings'
import type { ChatTabs } from './events'

/**
 * Renderer → main commands, one entry each: the name, the schema its arguments are validated
 * against at the main-process boundary, and the type it resolves with. Adding a command is one
 * entry here plus one handler (electron/backend); both transports are generic over this.
 */

const key = z.string().min(1).max(512)
const conversation = z.object({ kind: conversationKindSchema, key })
const outgoingSegment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(MESSAGE_TEXT_MAX) }),
  z.object({ type: z.literal('face'), id: z.number().int().min(0).max(255) }),
])
const none = z.object({}).strict()
const fileId = z.object({ id: z.string().min(1).max(64) }).strict()

export const commands = {
  'app.info': { args: none, result: returns<AppInfo>() },
  'login.start': { args: none, result: returns<void>() },
  'login.cancel': { args: none, result: returns<void>() },
  'login.password': { args: z.object({ qq: z.string().regex(/^[1-9]\d{4,10}$/), password: z.string().min(1).max(64) }).strict(), result: returns<void>() },
  'login.captcha': { args: z.object({ text: z.string().min(1).max(16) }).strict(), result: returns<void>() },
  'login.refreshCaptcha': { args: none, result: returns<void>() },
  logout: { args: none, result: returns<void>() },
  'session.get': { args: none, result: returns<{ session: SessionView; login: LoginView }>() },
  'session.reconnect': { args: none, result: returns<void>() },
  'contacts.get': { args: none, result: returns<ContactsSnapshot>() },
  'contacts.retry': { args: z.object({ part: contactPartSchema }).strict(), result: returns<boolean>() },
  'group.members': { args: z.object({ key, refresh: z.boolean().optional() }).strict(), result: returns<GroupDetails>() },
  'discussion.members': { args: z.object({ key, refresh: z.boolean().optional() }).strict(), result: returns<DiscussionDetails>() },
  'friend.profile': { args: z.object({ key }).strict(), result: returns<Friend & { lnick: string; gender: string; city: string }>() },
  'self.setStatus': { args: z.object({ status: statusSchema }).strict(), result: returns<void>() },
  'self.setLongNick': { args: z.object({ text: z.string().max(LONG_NICK_MAX) }).strict(), result: returns<void>() },
  'friendRequest.answer': {
    args: z
      .object({
        account: z.string().regex(/^\d{5,11}$/),
        answer: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('accept'), category: z.number().int().min(0), markname: z.string().max(MARKNAME_MAX) }),
          z.object({ kind: z.literal('allow') }),
          z.object({ kind: z.literal('deny'), reason: z.string().max(REASON_MAX) }),
        ]),
      })
      .strict(),
    result: returns<void>(),
  },
  'friendRequest.list': { args: none, result: returns<FriendRequestView[]>() },
  'conversations.list': { args: none, result: returns<ConversationSummary[]>() },
  'conversation.open': { args: z.object({ conversation }).strict(), result: returns<ConversationSummary>() },
  'conversation.read': { args: z.object({ conversation }).strict(), result: returns<void>() },
  'conversation.setDraft': { args: z.object({ conversation, text: z.string().max(MESSAGE_TEXT_MAX) }).strict(), result: returns<void>() },
  'conversation.setPinned': { args: z.object({ conversation, pinned: z.boolean() }).strict(), result: returns<void>() },
  /** Takes a conversation off the recent list (its history stays; a new message brings it back). */
  'conversation.remove': { args: z.object({ conversation }).strict(), result: returns<void>() },
  /** Opens a conversation in a chat window of its own (Electron; web mode opens a browser tab itself). */
  'chat.open': { args: z.object({ conversation }).strict(), result: returns<void>() },
  /** Closes that conversation's chat window, or its tab in the merged window (Electron). */
  'chat.close': { args: z.object({ conversation }).strict(), result: returns<void>() },
  /** The conversations open in chat windows, for the merged window's tabs and Ctrl+Tab (Electron). */
  'chat.tabs': { args: none, result: returns<ChatTabs>() },
  'conversation.setMuted': { args: z.object({ conversation, muted: z.boolean() }).strict(), result: returns<void>() },
  'message.send': {
    args: z
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
    result: returns<ChatMessage>(),
  },
  /** Deletes a message from this computer's history only (the service has no delete). */
  'message.delete': { args: z.object({ id: z.string().min(1).max(64) }).strict(), result: returns<void>() },
  'message.retry': { args: z.object({ id: z.string().min(1).max(64) }).strict(), result: returns<ChatMessage>() },
  'history.page': { args: z.object({ conversation, before: z.string().max(64).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(), result: returns<ChatMessage[]>() },
  'history.around': { args: z.object({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(200).default(50) }).strict(), result: returns<ChatMessage[]>() },
  'history.search': { args: z.object({ query: z.string().min(1).max(SEARCH_QUERY_MAX), conversation: conversation.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(), result: returns<SearchHit[]>() },
  // Pictures, avatars and files (§7): the engine fetches, the renderer shows what is cached.
  'media.retry': { args: z.object({ messageId: z.string().min(1).max(64), index: z.number().int().min(0).max(MESSAGE_TEXT_MAX) }).strict(), result: returns<void>() },
  'media.save': { args: z.object({ hash: mediaHashSchema, name: z.string().max(255) }).strict(), result: returns<void>() },
  'avatar.get': { args: z.object({ subject: avatarSubjectSchema }).strict(), result: returns<Picture | null>() },
  'file.list': { args: z.object({ conversation }).strict(), result: returns<FileTransferView[]>() },
  'file.accept': { args: fileId, result: returns<void>() },
  'file.refuse': { args: fileId, result: returns<void>() },
  'file.cancel': { args: fileId, result: returns<void>() },
  'file.open': { args: fileId, result: returns<void>() },
  'file.reveal': { args: fileId, result: returns<void>() },
  'settings.get': { args: none, result: returns<Settings>() },
  'settings.set': { args: settingsPatchSchema.strict(), result: returns<Settings>() },
  'phone.open': { args: none, result: returns<void>() },
  'link.open': { args: z.object({ url: z.string().min(1).max(4096) }).strict(), result: returns<void>() },
} as const satisfies Record<string, { args: z.ZodType; result: unknown }>

export type CommandName = keyof typeof commands
/** What a caller passes (defaults may be left out). */
export type CommandArgs<N extends CommandName> = z.input<(typeof commands)[N]['args']>
/** What a handler receives, validated, defaults filled in. */
export type CommandInput<N extends CommandName> = z.output<(typeof commands)[N]['args']>
export type CommandResult<N extends CommandName> = (typeof commands)[N]['result']
export const COMMAND_NAMES = Object.keys(commands) as CommandName[]

export function isCommandName(s: unknown): s is CommandName {
  return typeof s === 'string' && Object.hasOwn(commands, s)
}
