import { CONVERSATION_KINDS, isOneOf, type ConversationRef } from '../../model'

/**
 * The renderer's views are named in the URL's hash (`#/<path>`): the main process opens its
 * windows at them (app-url.ts) and the renderer reads them (hash-route.ts), so both spell a chat
 * window's path here. A conversation's key is encoded: discussion and group keys may hold anything.
 */

/** One conversation's chat window (Electron) or browser tab (web mode). */
export function chatPath(ref: ConversationRef): string {
  return `chat/${ref.kind}/${encodeURIComponent(ref.key)}`
}

/** The merged, tabbed chat window (Electron). */
export const CHATS_PATH = 'chats'

/** The conversation a path names; none for anything else (unknown kind, bad escape, no key, more parts). */
export function chatOfPath(path: string): ConversationRef | undefined {
  const m = /^chat\/([a-z]+)\/([^/?#]+)$/.exec(path)
  const kind = m?.[1]
  if (!m || !isOneOf(CONVERSATION_KINDS, kind)) return undefined
  try {
    const key = decodeURIComponent(m[2]!)
    return key ? { kind, key } : undefined
  } catch {
    return undefined // a malformed escape
  }
}
