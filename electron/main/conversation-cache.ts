import { sameConversation, unreadTotal, type ConversationRef, type ConversationSummary } from '../ipc/contract'

/**
 * The latest conversation list (from `conversations.changed`), which the tray, the badge and
 * the notifications read: unread counts and titles without asking the history store again.
 */
export class ConversationCache {
  private list: readonly ConversationSummary[] = []

  update(list: readonly ConversationSummary[]): void {
    this.list = list
  }

  find(ref: ConversationRef): ConversationSummary | undefined {
    return this.list.find((c) => sameConversation(c.ref, ref))
  }

  get unreadTotal(): number {
    return unreadTotal(this.list)
  }

  /** The unread, unmuted conversations, latest first. */
  unread(limit: number): ConversationSummary[] {
    return this.list
      .filter((c) => c.unread > 0 && !c.muted)
      .sort((a, b) => (b.lastMessage?.time ?? 0) - (a.lastMessage?.time ?? 0))
      .slice(0, limit)
  }
}
