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
import { CAPTCHA_MAX, LONG_NICK_MAX, MARKNAME_MAX, MESSAGE_TEXT_MAX, PASSWORD_MAX, QQ_NUMBER, REASON_MAX, SEARCH_QUERY_MAX } from './limits'
import { phantom as returns } from './phantom'
import { settingsPatchSchema, type Settings } from './settings'
import type { ChatTabs } from './events'

/**
 * Renderer → main commands, one entry each: the name, the schema its arguments are validated
 * against at the main-process boundary, and the type it resolves with. Adding a command is one
 * entry here plus one handler (electron/backend); both transports are generic over this.
 *
 * Each schema is built the first time its command's `args` is read (`command`): zod builds a
 * schema's objects when it is declared, and the whole table was built at every start, by the
 * host and again by the page, before the first command (issue 13: startup). The schemas are the
 * same; a command's arguments are checked against exactly them.
 */

/** A command's entry: `args` built on first read, then kept. */
function command<S extends z.ZodType, R>(schema: () => S, result: R): { readonly args: S; readonly result: R } {
  let built: S | undefined
  return {
    get args() {
      return (built ??= schema())
    },
    result,
  }
}

const key = z.string().min(1).max(512)
const conversation = z.object({ kind: conversationKindSchema, key })
const outgoingSegment = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(MESSAGE_TEXT_MAX) }),
  z.object({ type: z.literal('face'), id: z.number().int().min(0).max(255) }),
])
const none = z.object({}).strict()
const fileId = z.object({ id: z.string().min(1).max(64) }).strict()

export const commands = {
  'app.info': command(() => none, returns<AppInfo>()),
  'login.start': command(() => none, returns<void>()),
  'login.cancel': command(() => none, returns<void>()),
  'login.password': command(() => z.object({ qq: z.string().regex(QQ_NUMBER), password: z.string().min(1).max(PASSWORD_MAX) }).strict(), returns<void>()),
  'login.captcha': command(() => z.object({ text: z.string().min(1).max(CAPTCHA_MAX) }).strict(), returns<void>()),
  'login.refreshCaptcha': command(() => none, returns<void>()),
  logout: command(() => none, returns<void>()),
  'session.get': command(() => none, returns<{ session: SessionView; login: LoginView }>()),
  'session.reconnect': command(() => none, returns<void>()),
  'contacts.get': command(() => none, returns<ContactsSnapshot>()),
  'contacts.retry': command(() => z.object({ part: contactPartSchema }).strict(), returns<boolean>()),
  'group.members': command(() => z.object({ key, refresh: z.boolean().optional() }).strict(), returns<GroupDetails>()),
  'discussion.members': command(() => z.object({ key, refresh: z.boolean().optional() }).strict(), returns<DiscussionDetails>()),
  'friend.profile': command(() => z.object({ key }).strict(), returns<Friend & { lnick: string; gender: string; city: string }>()),
  'self.setStatus': command(() => z.object({ status: statusSchema }).strict(), returns<void>()),
  'self.setLongNick': command(() => z.object({ text: z.string().max(LONG_NICK_MAX) }).strict(), returns<void>()),
  'friendRequest.answer': command(
    () =>
      z
        .object({
          account: z.string().regex(/^\d{5,11}$/),
          answer: z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('accept'), category: z.number().int().min(0), markname: z.string().max(MARKNAME_MAX) }),
            z.object({ kind: z.literal('allow') }),
            z.object({ kind: z.literal('deny'), reason: z.string().max(REASON_MAX) }),
          ]),
        })
        .strict(),
    returns<void>(),
  ),
  'friendRequest.list': command(() => none, returns<FriendRequestView[]>()),
  'conversations.list': command(() => none, returns<ConversationSummary[]>()),
  'conversation.open': command(() => z.object({ conversation }).strict(), returns<ConversationSummary>()),
  'conversation.read': command(() => z.object({ conversation }).strict(), returns<void>()),
  'conversation.setDraft': command(() => z.object({ conversation, text: z.string().max(MESSAGE_TEXT_MAX) }).strict(), returns<void>()),
  'conversation.setPinned': command(() => z.object({ conversation, pinned: z.boolean() }).strict(), returns<void>()),
  /** Takes a conversation off the recent list (its history stays; a new message brings it back). */
  'conversation.remove': command(() => z.object({ conversation }).strict(), returns<void>()),
  /** Opens a conversation in a chat window of its own (Electron; web mode opens a browser tab itself). */
  'chat.open': command(() => z.object({ conversation }).strict(), returns<void>()),
  /** Closes that conversation's chat window, or its tab in the merged window (Electron). */
  'chat.close': command(() => z.object({ conversation }).strict(), returns<void>()),
  /** The conversations open in chat windows, for the merged window's tabs and Ctrl+Tab (Electron). */
  'chat.tabs': command(() => none, returns<ChatTabs>()),
  'conversation.setMuted': command(() => z.object({ conversation, muted: z.boolean() }).strict(), returns<void>()),
  'message.send': command(
    () =>
      z
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
    returns<ChatMessage>(),
  ),
  /** Deletes a message from this computer's history only (the service has no delete). */
  'message.delete': command(() => z.object({ id: z.string().min(1).max(64) }).strict(), returns<void>()),
  'message.retry': command(() => z.object({ id: z.string().min(1).max(64) }).strict(), returns<ChatMessage>()),
  'history.page': command(() => z.object({ conversation, before: z.string().max(64).optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(), returns<ChatMessage[]>()),
  'history.around': command(() => z.object({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(200).default(50) }).strict(), returns<ChatMessage[]>()),
  'history.search': command(() => z.object({ query: z.string().min(1).max(SEARCH_QUERY_MAX), conversation: conversation.optional(), limit: z.number().int().min(1).max(200).default(50) }).strict(), returns<SearchHit[]>()),
  // Pictures, avatars and files (§7): the engine fetches, the renderer shows what is cached.
  'media.retry': command(() => z.object({ messageId: z.string().min(1).max(64), index: z.number().int().min(0).max(MESSAGE_TEXT_MAX) }).strict(), returns<void>()),
  'media.save': command(() => z.object({ hash: mediaHashSchema, name: z.string().max(255) }).strict(), returns<void>()),
  'avatar.get': command(() => z.object({ subject: avatarSubjectSchema }).strict(), returns<Picture | null>()),
  'file.list': command(() => z.object({ conversation }).strict(), returns<FileTransferView[]>()),
  'file.accept': command(() => fileId, returns<void>()),
  'file.refuse': command(() => fileId, returns<void>()),
  'file.cancel': command(() => fileId, returns<void>()),
  'file.open': command(() => fileId, returns<void>()),
  'file.reveal': command(() => fileId, returns<void>()),
  'settings.get': command(() => none, returns<Settings>()),
  'settings.set': command(() => settingsPatchSchema, returns<Settings>()),
  'phone.open': command(() => none, returns<void>()),
  'link.open': command(() => z.object({ url: z.string().min(1).max(4096) }).strict(), returns<void>()),
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
