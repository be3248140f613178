import type { ConversationRef } from './messages'
import type { ConversationSummary } from './views'

/** The rules about conversations that the main process and the renderer both apply. */

export function sameConversation(a: ConversationRef | null | undefined, b: ConversationRef | null | undefined): boolean {
  return a != null && b != null && a.kind === b.kind && a.key === b.key
}

/** One string per conversation, for maps and component keys (kind and key together are unique). */
export function conversationKey(ref: ConversationRef): string {
  return `${ref.kind}|${ref.key}`
}

/** What asks for attention: muted conversations keep their count in the list but add nothing here. */
export function unreadTotal(list: readonly ConversationSummary[]): number {
  return list.reduce((n, c) => n + (c.muted ? 0 : c.unread), 0)
}
