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
  /** Pending friend requests, oldest first: the friend tab's 好友请求 cards. */
  const friendRequests = shallowRef<FriendRequestView[]>([])
  /** The friend tab's requests section is open. */
  const requestsOpen = ref(false)
  /** The arrival notice was waved away; a new request brings it back. */
  const requestNoticeHidden = ref(false)
  /** 退出登录 was asked for: the confirmation is showing. */
  const logoutAsked = ref(false)
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
    requestNoticeHidden.value = false
  }

  function dropFriendRequest(account: string): void {
    friendRequests.value = friendRequests.value.filter((x) => x.account !== account)
    if (friendRequests.value.length === 0) requestsOpen.value = false
  }

  /** `friendRequest.list` at start: those pending, in time order; an event may already have brought one. */
  function setFriendRequests(list: readonly FriendRequestView[]): void {
    const known = new Set(list.map((r) => r.account))
    friendRequests.value = [...list, ...friendRequests.value.filter((r) => !known.has(r.account))].sort((a, b) => a.time - b.time)
  }

  /** Shows the pending requests where they live: the friend tab, its requests section open. */
  function showFriendRequests(): void {
    tab.value = 'friends'
    requestsOpen.value = true
    requestNoticeHidden.value = true
  }

  /** Logging out asks first (the settings dialog gives way to the question). */
  function askLogout(): void {
    settingsOpen.value = false
    logoutAsked.value = true
  }

  function togglePanel(p: Exclude<SidePanel, 'none'>): void {
    panel.value = panel.value === p ? 'none' : p
  }

  /** Esc: close the topmost thing that is open; report whether anything was. */
  function closeTop(): boolean {
    if (lightbox.value) lightbox.value = null
    else if (logoutAsked.value) logoutAsked.value = false
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
    requestsOpen,
    requestNoticeHidden,
    logoutAsked,
    reportError,
    dismissToast,
    run,
    addFriendRequest,
    dropFriendRequest,
    setFriendRequests,
    showFriendRequests,
    askLogout,
    togglePanel,
    closeTop,
  }
})
