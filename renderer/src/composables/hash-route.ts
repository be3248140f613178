import { onBeforeUnmount, ref, type Ref } from 'vue'
import type { ConversationKind, ConversationRef } from '@contract'

/**
 * Electron opens `#/login` (login window), `#/main`, `#/chat/<kind>/<key>` (one conversation's
 * chat window) or `#/chats` (the merged, tabbed chat window); web mode has no hash and decides by
 * state, and opens `#/chat/…` in a browser tab of its own.
 */
export type Route = 'login' | 'main' | 'auto' | 'chat' | 'chats'

const KINDS: readonly ConversationKind[] = ['friend', 'group', 'discussion', 'session']

function isKind(s: string): s is ConversationKind {
  return (KINDS as readonly string[]).includes(s)
}

/** The hash of one conversation's chat window or tab (the key encoded: discussion keys may hold anything). */
export function chatHash(ref: ConversationRef): string {
  return `#/chat/${ref.kind}/${encodeURIComponent(ref.key)}`
}

/** The conversation a `#/chat/…` hash names; none for anything it cannot parse (unknown kind, bad escape, no key). */
export function chatOf(hash: string): ConversationRef | undefined {
  const m = /^#\/chat\/([a-z]+)\/([^/?#]+)$/.exec(hash)
  if (!m || !isKind(m[1]!)) return undefined
  try {
    const key = decodeURIComponent(m[2]!)
    return key ? { kind: m[1], key } : undefined
  } catch {
    return undefined // a malformed escape: not a chat route
  }
}

export function routeOf(hash: string): Route {
  if (hash.startsWith('#/login')) return 'login'
  if (hash.startsWith('#/main')) return 'main'
  if (hash === '#/chats') return 'chats'
  if (chatOf(hash)) return 'chat'
  return 'auto'
}

export function useHashRoute(): Ref<Route> {
  const route = ref(routeOf(location.hash))
  const onChange = (): void => {
    route.value = routeOf(location.hash)
  }
  window.addEventListener('hashchange', onChange)
  onBeforeUnmount(() => window.removeEventListener('hashchange', onChange))
  return route
}
