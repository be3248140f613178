import { sameConversation } from './conversations'
import type { ChatMessage, ConversationRef } from './messages'

/**
 * Whether a message asks for attention: anything a person said, and a window shake; the other
 * system lines (tips, group membership) are only shown, as they count for no unread either.
 */
export function asksForAttention(message: ChatMessage): boolean {
  if (message.direction !== 'in') return false
  return message.segments.every((s) => s.type !== 'notice' || s.notice.kind === 'shake')
}

/** The notification settings a decision reads (the contract's `Settings['notifications']`). */
export interface NotifySettings {
  enabled: boolean
  doNotDisturb: boolean
}

/**
 * Whether an incoming message deserves a notification (UX.md: per-conversation mute,
 * do-not-disturb, not for the conversation the user is looking at): the one rule of both hosts,
 * Electron's native notifications and web mode's Notification API.
 */
export function shouldNotify(message: ChatMessage, ctx: { notifications: NotifySettings; muted: boolean; onScreen: ConversationRef | undefined }): boolean {
  if (!asksForAttention(message)) return false
  if (!ctx.notifications.enabled || ctx.notifications.doNotDisturb || ctx.muted) return false
  return !(ctx.onScreen && sameConversation(ctx.onScreen, message.conversation))
}
