import type { ChatMessage, ContactsSnapshot, ConversationSummary, FileTransferView, Friend, FriendRequestView, LoginView, SessionView } from '../../model'
import { phantom } from './phantom'
import type { Settings } from './settings'

/**
 * Main → renderer pushes: one entry each, its name and its payload type. Zod-free, so the
 * sandboxed preload can build its allow-list from it without bundling the schemas.
 */
export const events = {
  'login.state': phantom<LoginView>(),
  'session.state': phantom<SessionView>(),
  /** The contact lists changed (not sent for a presence change: that is `buddy.status`). */
  'contacts.changed': phantom<ContactsSnapshot>(),
  /** One friend's presence changed (§6.2 buddies_status_change): a delta, not the whole list. */
  'buddy.status': phantom<Pick<Friend, 'key' | 'status' | 'client'>>(),
  'message.new': phantom<ChatMessage>(),
  /** A stored message changed otherwise than its status: a picture arrived or could not be had. */
  'message.updated': phantom<ChatMessage>(),
  /** A file offer's state or progress (at most a few times a second while receiving). */
  'file.transfer': phantom<FileTransferView>(),
  'message.status': phantom<Pick<ChatMessage, 'id' | 'status' | 'error'> & { conversation: ChatMessage['conversation'] }>(),
  'conversations.changed': phantom<ConversationSummary[]>(),
  'friend.request': phantom<FriendRequestView>(),
  typing: phantom<{ conversation: ChatMessage['conversation'] }>(),
  'settings.changed': phantom<Settings>(),
  /** Open a conversation (a notification or the tray menu was clicked). */
  'ui.openConversation': phantom<{ conversation: ChatMessage['conversation'] }>(),
}

export type EventName = keyof typeof events
export type Events = { [E in EventName]: (typeof events)[E] }
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isEventName(s: unknown): s is EventName {
  return typeof s === 'string' && Object.hasOwn(events, s)
}
