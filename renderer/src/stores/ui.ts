import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { toErrorView, type ConversationRef, type ErrorView, type FriendRequestView } from '@contract'
import { normaliseQuery } from '../lib/search-text'

export type ContactTab = 'recent' | 'friends' | 'groups' | 'discussions'
/** Panels beside the chat; one at a time. */
export type SidePanel = 'none' | 'members' | 'search'

/** The picture the lightbox shows: a message's image segment. */
export interface LightboxTarget {
  conversation: ConversationRef
  messageId: string
  index: number
}

export interface Toast {
  id: number
  error: ErrorView
}

/** View state that is no one else's: the search box, tabs, panels, toasts, pending requests. */
export const useUiStore = defineStore('ui', () => {
  const query = ref('')
  const needle = computed(() => normaliseQuery(query.value))
  const tab = ref<ContactTab>('recent')
  const panel = ref<SidePanel>('none')
  const settingsOpen = ref(false)
  const lightbox = shallowRef<LightboxTarget | null>(null)
  /** Bumped to ask the search box to take focus (Ctrl+K / Ctrl+F). */
  const focusSearchTick = ref(0)
  const toasts = shallowRef<Toast[]>([])
  const friendRequests = shallowRef<FriendRequestView[]>([])
  let toastId = 0

  function reportError(e: unknown): void {
    const id = ++toastId
    toasts.value = [...toasts.value.slice(-3), { id, error: toErrorView(e) }]
    setTimeout(() => dismissToast(id), 8000)
  }

  function dismissToast(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id)
  }

  /** Runs a command for a click handler: failures become a toast instead of an unhandled rejection. */
  async function run<T>(p: Promise<T>): Promise<T | undefined> {
    try {
      return await p
    } catch (e) {
      reportError(e)
      return undefined
    }
  }

  function addFriendRequest(r: FriendRequestView): void {
    friendRequests.value = [...friendRequests.value.filter((x) => x.account !== r.account), r]
  }

  function dropFriendRequest(account: string): void {
    friendRequests.value = friendRequests.value.filter((x) => x.account !== account)
  }

  function togglePanel(p: Exclude<SidePanel, 'none'>): void {
    panel.value = panel.value === p ? 'none' : p
  }

  /** Esc: close the topmost thing that is open; report whether anything was. */
  function closeTop(): boolean {
    if (lightbox.value) lightbox.value = null
    else if (settingsOpen.value) settingsOpen.value = false
    else if (panel.value !== 'none') panel.value = 'none'
    else if (query.value) query.value = ''
    else return false
    return true
  }

  return {
    query,
    needle,
    tab,
    panel,
    settingsOpen,
    lightbox,
    focusSearchTick,
    toasts,
    friendRequests,
    reportError,
    dismissToast,
    run,
    addFriendRequest,
    dropFriendRequest,
    togglePanel,
    closeTop,
  }
})
