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
  /**
   * Friends' presence changed (§6.2 buddies_status_change): deltas, not the whole list. A batch:
   * one poll answer's changes are one push, and pushes come at most every 0.1 s (backend/presence-push.ts).
   */
  'buddy.status': phantom<{ changes: Array<Pick<Friend, 'key' | 'status' | 'client'>> }>(),
  'message.new': phantom<ChatMessage>(),
  /** A stored message changed otherwise than its status: a picture arrived or could not be had. */
  'message.updated': phantom<ChatMessage>(),
  /** A message was deleted from this computer's history (message.delete): the renderer drops it. */
  'message.deleted': phantom<Pick<ChatMessage, 'id' | 'conversation'>>(),
  /** A file offer's state or progress (at most a few times a second while receiving). */
  'file.transfer': phantom<FileTransferView>(),
  'message.status': phantom<Pick<ChatMessage, 'id' | 'status' | 'error'> & { conversation: ChatMessage['conversation'] }>(),
  'conversations.changed': phantom<ConversationSummary[]>(),
  'friend.request': phantom<FriendRequestView>(),
  typing: phantom<{ conversation: ChatMessage['conversation'] }>(),
  'settings.changed': phantom<Settings>(),
  /** The chat windows' conversations changed (opened, closed, another tab chosen): sent to every chat window. */
  'chat.tabs': phantom<ChatTabs>(),
  /** A notification was shown with the sound on: the renderer plays the bundled chime (the native notification is silent). */
  'ui.playSound': phantom<{ sound: 'message' }>(),
}

/**
 * The conversations open in chat windows (Electron), in the order they were opened: `open` all of
 * them (a window each or a tab), `tabs` those in the merged window, `active` its chosen tab.
 */
export interface ChatTabs {
  open: ChatMessage['conversation'][]
  tabs: ChatMessage['conversation'][]
  active: ChatMessage['conversation'] | null
}

export type EventName = keyof typeof events
export type Events = { [E in EventName]: (typeof events)[E] }
export const EVENT_NAMES = Object.keys(events) as EventName[]

export function isEventName(s: unknown): s is EventName {
  return typeof s === 'string' && Object.hasOwn(events, s)
}
