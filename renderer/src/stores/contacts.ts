import { defineStore } from 'pinia'
import { computed, customRef, markRaw, reactive, shallowRef } from 'vue'
import {
  conversationKey,
  toErrorView,
  type ContactPart,
  type ContactsSnapshot,
  type ConversationRef,
  type DiscussionDetails,
  type ErrorView,
  type Events,
  type GroupDetails,
  type SelfProfile,
  type StatusName,
} from '@contract'
import { useApi } from '../bridge'
import { filterIndexed, friendMatches as countFriendMatches, friendRows, indexContacts, matching, type CategoryIndex, type ContactIndex, type FriendRow } from '../lib/contact-index'
import { withPresence, type PresenceDelta } from '../lib/presence-update'
import { useUiStore } from './ui'

export type MembersState =
  | { state: 'loading' }
  | { state: 'loaded'; details: GroupDetails | DiscussionDetails }
  | { state: 'failed'; error: ErrorView }

const COLLAPSED_KEY = 'qq.collapsedCategories'

/**
 * The collapsed categories, read from storage when the friends list first asks: the page's first
 * read of localStorage is a synchronous trip to the browser, and the login view (the QR code)
 * needs none (issue 13, startup).
 */
function collapsedCategories() {
  let value: Set<number> | undefined
  return customRef<Set<number>>((track, trigger) => ({
    get: () => {
      track()
      return (value ??= readCollapsed())
    },
    set: (next) => {
      value = next
      trigger()
    },
  }))
}

function readCollapsed(): Set<number> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(COLLAPSED_KEY) ?? '[]')
    return new Set(Array.isArray(raw) ? raw.filter((n): n is number => typeof n === 'number') : [])
  } catch {
    return new Set()
  }
}

/**
 * When queued presence changes are applied: at the next frame, and no sooner than PRESENCE_EVERY_MS
 * after the last time, so that any number of `buddy.status` batches cost at most 10 updates of the
 * lists a second (issue 13: 100 changes a second on 5,000 friends; the backend already pushes at
 * most 10 batches a second, this keeps a frame's work to one update whatever arrives). A lone
 * change still shows at the next frame. A window that is not shown draws no frames, and applies
 * them when it is shown again.
 */
const PRESENCE_EVERY_MS = 100
const nextFrame: (apply: () => void) => void = typeof requestAnimationFrame === 'function' ? (apply) => requestAnimationFrame(apply) : (apply) => setTimeout(apply, 16)

const EMPTY: ContactIndex = indexContacts({ self: undefined, categories: [], friends: [], groups: [], discussions: [], recent: [], failures: [], loading: [] })

/** Member lists the page keeps, the most recently used (the engine keeps as many: DETAILS_KEPT). */
export const MEMBER_LISTS_KEPT = 40

export const useContactsStore = defineStore('contacts', () => {
  const api = useApi()
  const ui = useUiStore()
  /** As the backend last sent it; presence changes since then are in `index` (friendByKey, categories). */
  const snapshot = shallowRef<ContactsSnapshot>()
  /** `contacts.get` itself failed (not one part of it). */
  const loadError = shallowRef<ErrorView>()
  const collapsed = collapsedCategories()
  const members = reactive(new Map<string, MembersState>())
  /** Shown until the next snapshot confirms it (or the command fails). */
  const selfOverride = shallowRef<Partial<Pick<SelfProfile, 'status' | 'lnick'>>>({})

  // Raw: thousands of plain rows must not each become a reactive proxy when a view reads them.
  const index = shallowRef<ContactIndex>(markRaw(EMPTY))

  api.on('contacts.changed', setSnapshot)
  api.on('buddy.status', setPresence)

  /** `buddy.status` not applied yet, by friend key: the last change of a friend wins. */
  const pendingPresence = new Map<string, PresenceDelta>()
  let presenceScheduled = false
  let presenceAppliedAt = -Infinity

  function setSnapshot(s: ContactsSnapshot): void {
    // The snapshot was made after every change that arrived before it: those are in it already.
    pendingPresence.clear()
    snapshot.value = s
    index.value = markRaw(indexContacts(s, index.value))
    selfOverride.value = {}
    loadError.value = undefined
  }

  /** Friends' presence (a `buddy.status` batch): queued, applied with the others at the next update (PRESENCE_EVERY_MS). */
  function setPresence({ changes }: Events['buddy.status']): void {
    for (const delta of changes) pendingPresence.set(delta.key, delta)
    if (presenceScheduled || pendingPresence.size === 0) return
    presenceScheduled = true
    const wait = presenceAppliedAt + PRESENCE_EVERY_MS - performance.now()
    if (wait > 0) setTimeout(() => nextFrame(flushPresence), wait)
    else nextFrame(flushPresence)
  }

  /**
   * Applies the queued presence changes now, as one update: only the changed friends' categories
   * are laid out again, nothing is indexed again (and nothing changes for unknown friends).
   */
  function flushPresence(): void {
    presenceScheduled = false
    if (pendingPresence.size === 0) return
    presenceAppliedAt = performance.now()
    const next = snapshot.value && withPresence(index.value, pendingPresence.values())
    pendingPresence.clear()
    if (next) index.value = markRaw(next)
  }

  const self = computed(() => {
    const s = snapshot.value?.self
    return s && { ...s, ...selfOverride.value }
  })
  const failures = computed(() => new Map((snapshot.value?.failures ?? []).map((f) => [f.part, f.error])))
  const loading = computed(() => new Set<ContactPart>(snapshot.value ? snapshot.value.loading : ['friends', 'groups', 'discussions', 'recent', 'self']))

  /** Each category's rows, kept while the category is the same object (a presence batch replaces only the ones it changed). */
  const categoryRows = new WeakMap<CategoryIndex, { needle: string; collapsed: boolean; view: FriendRow[] }>()
  function rowsOf(c: CategoryIndex, needle: string, collapsedSet: ReadonlySet<number>): FriendRow[] {
    const isCollapsed = collapsedSet.has(c.index)
    const kept = categoryRows.get(c)
    if (kept && kept.needle === needle && kept.collapsed === isCollapsed) return kept.view
    const view = friendRows([c], needle, collapsedSet)
    categoryRows.set(c, { needle, collapsed: isCollapsed, view })
    return view
  }
  // Only the list on screen reads its rows; the tab counts only count (contact-index `matching`
  // remembers each list's matches, so the rows then built for the same needle filter nothing again).
  const friendList = computed(() => markRaw(([] as FriendRow[]).concat(...index.value.categories.map((c) => rowsOf(c, ui.needle, collapsed.value)))))
  /** While searching, the friends that match (the tab's count); otherwise all of them. */
  const friendMatches = computed(() => countFriendMatches(index.value.categories, ui.needle))
  // Through computeds of their own: a presence update keeps these arrays, so the lists are not filtered again.
  const groupIndex = computed(() => index.value.groups)
  const discussionIndex = computed(() => index.value.discussions)
  const groups = computed(() => markRaw(filterIndexed(groupIndex.value, ui.needle)))
  const discussions = computed(() => markRaw(filterIndexed(discussionIndex.value, ui.needle)))
  const groupMatches = computed(() => matching(groupIndex.value, ui.needle).length)
  const discussionMatches = computed(() => matching(discussionIndex.value, ui.needle).length)

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
    if (current?.state === 'loading' || (current?.state === 'loaded' && !refresh)) {
      // Used again: it goes to the end of the Map's order, the last to be let go.
      members.delete(k)
      members.set(k, current)
      return
    }
    members.set(k, { state: 'loading' })
    // Every group chat opened fetches its members (prefetch-members.ts): only the lists used most
    // recently stay, and one asked for again after it went is fetched again.
    if (members.size > MEMBER_LISTS_KEPT) members.delete(members.keys().next().value!)
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
    // A getter, not state: Pinia reads a ref of state as the store is made (in development), which would read storage at once.
    collapsed: computed(() => collapsed.value),
    members,
    index,
    self,
    failures,
    loading,
    friendList,
    friendMatches,
    groupMatches,
    discussionMatches,
    groups,
    discussions,
    setSnapshot,
    flushPresence,
    load,
    retry,
    toggleCategory,
    loadMembers,
    setStatus,
    setLongNick,
    titleOf,
  }
})
