import { defineStore } from 'pinia'
import { computed, markRaw, reactive, shallowRef } from 'vue'
import {
  conversationKey,
  toErrorView,
  type ContactPart,
  type ContactsSnapshot,
  type ConversationRef,
  type DiscussionDetails,
  type ErrorView,
  type GroupDetails,
  type SelfProfile,
  type StatusName,
} from '@contract'
import { useApi } from '../bridge'
import { filterIndexed, friendRows, indexContacts, type ContactIndex } from '../lib/contact-index'
import { withPresence, type PresenceDelta } from '../lib/presence-update'
import { useUiStore } from './ui'

export type MembersState =
  | { state: 'loading' }
  | { state: 'loaded'; details: GroupDetails | DiscussionDetails }
  | { state: 'failed'; error: ErrorView }

const COLLAPSED_KEY = 'qq.collapsedCategories'

function readCollapsed(): Set<number> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]')
    return new Set(Array.isArray(raw) ? raw.filter((n): n is number => typeof n === 'number') : [])
  } catch {
    return new Set()
  }
}

const EMPTY: ContactIndex = indexContacts({ self: undefined, categories: [], friends: [], groups: [], discussions: [], recent: [], failures: [], loading: [] })

export const useContactsStore = defineStore('contacts', () => {
  const api = useApi()
  const ui = useUiStore()
  const snapshot = shallowRef<ContactsSnapshot>()
  /** `contacts.get` itself failed (not one part of it). */
  const loadError = shallowRef<ErrorView>()
  const collapsed = shallowRef(readCollapsed())
  const members = reactive(new Map<string, MembersState>())
  /** Shown until the next snapshot confirms it (or the command fails). */
  const selfOverride = shallowRef<Partial<Pick<SelfProfile, 'status' | 'lnick'>>>({})

  // Raw: thousands of plain rows must not each become a reactive proxy when a view reads them.
  const index = shallowRef<ContactIndex>(markRaw(EMPTY))

  api.on('contacts.changed', setSnapshot)
  api.on('buddy.status', setPresence)

  function setSnapshot(s: ContactsSnapshot): void {
    snapshot.value = s
    index.value = markRaw(indexContacts(s, index.value))
    selfOverride.value = {}
    loadError.value = undefined
  }

  /** One friend's presence (`buddy.status`): only that friend's row moves, nothing is indexed again. */
  function setPresence(delta: PresenceDelta): void {
    const s = snapshot.value
    const next = s && withPresence(index.value, delta)
    if (!next) return
    const friend = next.friendByKey.get(delta.key)!
    index.value = markRaw(next)
    snapshot.value = { ...s, friends: s.friends.map((f) => (f.key === delta.key ? friend : f)) }
  }

  const self = computed(() => {
    const s = snapshot.value?.self
    return s && { ...s, ...selfOverride.value }
  })
  const failures = computed(() => new Map((snapshot.value?.failures ?? []).map((f) => [f.part, f.error])))
  const loading = computed(() => new Set<ContactPart>(snapshot.value ? snapshot.value.loading : ['friends', 'groups', 'discussions', 'recent', 'self']))

  const friendView = computed(() => friendRows(index.value.categories, ui.needle, collapsed.value))
  const friendList = computed(() => markRaw(friendView.value.rows))
  const friendMatches = computed(() => friendView.value.matches)
  const groups = computed(() => markRaw(filterIndexed(index.value.groups, ui.needle)))
  const discussions = computed(() => markRaw(filterIndexed(index.value.discussions, ui.needle)))

  /** The contact list and the friend requests still pending (asked for whenever the session comes online). */
  async function load(): Promise<void> {
    const requests = api.invoke('friendRequest.list', {}).then(ui.setFriendRequests, ui.reportError)
    try {
      setSnapshot(await api.invoke('contacts.get', {}))
    } catch (e) {
      loadError.value = toErrorView(e)
    }
    await requests
  }

  async function retry(part: ContactPart): Promise<void> {
    await api.invoke('contacts.retry', { part })
  }

  function toggleCategory(index: number): void {
    const next = new Set(collapsed.value)
    if (!next.delete(index)) next.add(index)
    collapsed.value = next
    try {
      localStorage.setItem(COLLAPSED_KEY, JSON.stringify([...next]))
    } catch {
      // Storage may be unavailable (private mode); collapse still works for this session.
    }
  }

  /** Members are loaded when a panel asks for them, not with the contact list (§5.5 is one call per group). */
  async function loadMembers(ref: ConversationRef, refresh = false): Promise<void> {
    const k = conversationKey(ref)
    const current = members.get(k)
    if (current?.state === 'loading' || (current?.state === 'loaded' && !refresh)) return
    members.set(k, { state: 'loading' })
    try {
      const details =
        ref.kind === 'group'
          ? await api.invoke('group.members', { key: ref.key, refresh })
          : await api.invoke('discussion.members', { key: ref.key, refresh })
      members.set(k, { state: 'loaded', details })
    } catch (e) {
      members.set(k, { state: 'failed', error: toErrorView(e) })
    }
  }

  async function setStatus(status: StatusName): Promise<void> {
    const before = selfOverride.value
    selfOverride.value = { ...before, status }
    try {
      await api.invoke('self.setStatus', { status })
    } catch (e) {
      selfOverride.value = before
      throw e
    }
  }

  async function setLongNick(text: string): Promise<void> {
    const before = selfOverride.value
    selfOverride.value = { ...before, lnick: text }
    try {
      await api.invoke('self.setLongNick', { text })
    } catch (e) {
      selfOverride.value = before
      throw e
    }
  }

  /** What to call a conversation's peer when no summary names it yet. */
  function titleOf(ref: ConversationRef): string | undefined {
    const i = index.value
    if (ref.kind === 'friend') return i.friendByKey.get(ref.key)?.displayName
    if (ref.kind === 'group') return i.groupByKey.get(ref.key)?.displayName
    if (ref.kind === 'discussion') return i.discussionByKey.get(ref.key)?.displayName
    return undefined
  }

  return {
    snapshot,
    loadError,
    collapsed,
    members,
    index,
    self,
    failures,
    loading,
    friendList,
    friendMatches,
    groups,
    discussions,
    setSnapshot,
    load,
    retry,
    toggleCategory,
    loadMembers,
    setStatus,
    setLongNick,
    titleOf,
  }
})
