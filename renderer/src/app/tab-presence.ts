import { conversationKey, type ConversationRef } from '@contract'

/**
 * Web mode's tabs (the single page and each `#/chat/…` tab) run the whole app each: one of them,
 * the leader (a Web Lock, passed on when its tab closes), speaks for all, so a message notifies
 * and chimes once. The tabs tell each other over a BroadcastChannel which conversation each shows
 * while it has the focus, so no tab notifies for a chat the user is reading in another.
 */
export interface TabPresence {
  isLeader(): boolean
  /** Some tab of the app shows this conversation with the focus (this one included). */
  onScreen(ref: ConversationRef): boolean
  /** This tab's focus or conversation changed: tell the others. */
  announce(): void
}

const CHANNEL = 'qq-attention'
const LOCK = 'qq-attention-leader'

type Said = { tab: string; hello?: true; onScreen?: string | null }

function isSaid(v: unknown): v is Said {
  const s = v as Said | null
  return typeof s === 'object' && s !== null && typeof s.tab === 'string' && (s.onScreen === undefined || s.onScreen === null || typeof s.onScreen === 'string')
}

/** `shown()`: the conversation this tab shows while it has the focus, else null. */
export function startTabPresence(shown: () => ConversationRef | null): TabPresence {
  const tab = crypto.randomUUID()
  const others = new Map<string, string>()
  // Without Web Locks (an old browser) every tab is its own leader; the notification's tag still merges repeats.
  let leader = !navigator.locks
  void navigator.locks?.request(LOCK, () => {
    leader = true
    return new Promise<never>(() => {}) // held for the tab's life
  })
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL) : undefined
  const mine = (): string | null => {
    const ref = shown()
    return ref ? conversationKey(ref) : null
  }
  const announce = (): void => channel?.postMessage({ tab, onScreen: mine() } satisfies Said)
  if (channel) {
    channel.onmessage = ({ data }: MessageEvent<unknown>) => {
      if (!isSaid(data) || data.tab === tab) return
      if (data.hello) announce()
      if (data.onScreen) others.set(data.tab, data.onScreen)
      else if (data.onScreen === null) others.delete(data.tab)
    }
    channel.postMessage({ tab, hello: true, onScreen: mine() } satisfies Said)
    window.addEventListener('pagehide', () => channel.postMessage({ tab, onScreen: null } satisfies Said))
  }
  for (const event of ['focus', 'blur'] as const) window.addEventListener(event, announce)
  document.addEventListener('visibilitychange', announce)

  return {
    isLeader: () => leader,
    onScreen: (ref) => {
      const key = conversationKey(ref)
      return mine() === key || [...others.values()].includes(key)
    },
    announce,
  }
}
