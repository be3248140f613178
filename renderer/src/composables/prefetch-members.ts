import { onBeforeUnmount } from 'vue'
import { conversationKey, type ConversationRef } from '@contract'
import { orderMembers } from '../components/chat/member-order'
import { useContactsStore } from '../stores/contacts'

/** The longest each step waits for an idle moment. */
const IDLE_TIMEOUT_MS = 500

type Idle = (run: () => void) => number

/** `requestIdleCallback` where there is one (Safari has none): a timer otherwise. */
function idleScheduler(): { idle: Idle; cancel: (handle: number) => void } {
  if (typeof window.requestIdleCallback === 'function') return { idle: (run) => window.requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS }), cancel: (h) => window.cancelIdleCallback(h) }
  return { idle: (run) => window.setTimeout(run, IDLE_TIMEOUT_MS), cancel: (h) => window.clearTimeout(h) }
}

/**
 * A group's or discussion's members, fetched and put in the panel's order as its chat opens, each
 * step when the page is idle (the chat's history renders first), as the official client showed
 * them beside the chat: the member panel and the @ list then open with them, instead of waiting
 * for get_group_info_ext2 (§5.5: for 2,000 members a round trip of a tenth of a second, ~300 KiB
 * to read) and for 2,000 names through the collator.
 */
export function usePrefetchMembers(conversation: ConversationRef): void {
  if (conversation.kind !== 'group' && conversation.kind !== 'discussion') return
  const contacts = useContactsStore()
  const { idle, cancel } = idleScheduler()
  let handle: number | undefined
  let gone = false
  handle = idle(() => {
    void contacts.loadMembers(conversation).then(() => {
      const state = contacts.members.get(conversationKey(conversation))
      const members = state?.state === 'loaded' ? state.details?.members : undefined
      if (!gone && members) handle = idle(() => void orderMembers(members))
    })
  })
  onBeforeUnmount(() => {
    gone = true
    if (handle !== undefined) cancel(handle)
  })
}
