import type { Settings } from '@contract'

export type ComposerKeyAction = 'send' | 'newline' | 'default'

/**
 * What Enter does, as in QQ's own setting: in "enter" mode Enter sends and Shift+Enter or
 * Ctrl+Enter break the line; in "ctrl-enter" mode Ctrl+Enter sends and Enter breaks the line.
 * Keys pressed while an input method is composing (pinyin) belong to the IME.
 */
export function composerKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'metaKey' | 'altKey' | 'isComposing'>, sendKey: Settings['sendKey']): ComposerKeyAction {
  if (e.key !== 'Enter' || e.isComposing || e.altKey) return 'default'
  const mod = e.ctrlKey || e.metaKey
  if (sendKey === 'ctrl-enter') return mod ? 'send' : 'default'
  if (e.shiftKey) return 'default'
  return mod ? 'newline' : 'send'
}
