import { sameConversation, type ConversationRef } from '@contract'

export type ChatWindowAction = 'close' | 'next' | 'prev'

/**
 * A chat window's own keys (issue 11): Esc and Ctrl+W close it (or its tab), Ctrl+Tab and
 * Ctrl+Shift+Tab move between the open conversations. Ctrl+F (search in this conversation) and
 * Ctrl+K are the chat pane's and the main window's, not these.
 */
export function chatWindowAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): ChatWindowAction | undefined {
  if (e.ctrlKey && !e.altKey && e.key === 'Tab') return e.shiftKey ? 'prev' : 'next'
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === 'w' || e.key === 'W')) return 'close'
  if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey) return 'close'
  return undefined
}

/** The conversation before or after `current` in `list`, wrapping around; none when it is alone. */
export function neighbour(list: readonly ConversationRef[], current: ConversationRef | null | undefined, delta: 1 | -1): ConversationRef | undefined {
  const i = list.findIndex((c) => sameConversation(c, current))
  if (list.length < 2 || i < 0) return undefined
  return list[(i + delta + list.length) % list.length]
}
