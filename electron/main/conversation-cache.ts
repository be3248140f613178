import type { ConversationRef, ConversationSummary } from '../ipc/contract'

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

  /** Muted conversations keep their count in the list but do not call for attention. */
  get unreadTotal(): number {
    return this.list.reduce((n, c) => n + (c.muted ? 0 : c.unread), 0)
  }

  /** The unread, unmuted conversations, latest first. */
  unread(limit: number): ConversationSummary[] {
    return this.list
      .filter((c) => c.unread > 0 && !c.muted)
      .sort((a, b) => (b.lastMessage?.time ?? 0) - (a.lastMessage?.time ?? 0))
      .slice(0, limit)
  }
}

export function sameConversation(a: ConversationRef, b: ConversationRef): boolean {
  return a.kind === b.kind && a.key === b.key
}
