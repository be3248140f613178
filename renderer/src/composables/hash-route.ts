import { onBeforeUnmount, ref, type Ref } from 'vue'
import { CHATS_PATH, chatOfPath, chatPath, type ConversationRef } from '@contract'

/**
 * Electron opens `#/login` (login window), `#/main`, `#/chat/<kind>/<key>` (one conversation's
 * chat window) or `#/chats` (the merged, tabbed chat window); web mode has no hash and decides by
 * state, and opens `#/chat/…` in a browser tab of its own.
 */
export type Route = 'login' | 'main' | 'auto' | 'chat' | 'chats'

/** The hash of one conversation's chat window or tab. */
export function chatHash(ref: ConversationRef): string {
  return `#/${chatPath(ref)}`
}

/** The conversation a `#/chat/…` hash names; none for anything it cannot parse. */
export function chatOf(hash: string): ConversationRef | undefined {
  return hash.startsWith('#/') ? chatOfPath(hash.slice(2)) : undefined
}

export function routeOf(hash: string): Route {
  if (hash.startsWith('#/login')) return 'login'
  if (hash.startsWith('#/main')) return 'main'
  if (hash === `#/${CHATS_PATH}`) return 'chats'
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
