export type ShortcutAction = 'next-chat' | 'prev-chat' | 'focus-search' | 'close'

/** Telegram Desktop's map (UX.md "Keyboard"). */
export function shortcutFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): ShortcutAction | undefined {
  const mod = e.ctrlKey || e.metaKey
  if (e.ctrlKey && e.key === 'Tab') return e.shiftKey ? 'prev-chat' : 'next-chat'
  if (e.altKey && !mod && e.key === 'ArrowDown') return 'next-chat'
  if (e.altKey && !mod && e.key === 'ArrowUp') return 'prev-chat'
  if (mod && !e.altKey && (e.key === 'k' || e.key === 'K' || e.key === 'f' || e.key === 'F')) return 'focus-search'
  if (e.key === 'Escape') return 'close'
  return undefined
}
