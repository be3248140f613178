import { defineStore } from 'pinia'
import { computed, reactive, shallowRef } from 'vue'
import { conversationKey, sameConversation, unreadTotal as unreadOf, type ConversationRef, type ConversationSummary } from '@contract'
import { useApi, useBridge } from '../bridge'
import { chatHash } from '../composables/hash-route'
import { KeyedDebounce } from '../lib/keyed-debounce'
import { useContactsStore } from './contacts'
import { useFilesStore } from './files'
import { useMessagesStore } from './messages'
import { useUiStore } from './ui'

export const DRAFT_SAVE_MS = 400

/** Pinned first, then the most recent activity first. */
export function compareSummaries(a: ConversationSummary, b: ConversationSummary): number {
  if (a.pinned !== b.pinned) return a.pinned ? -1 : 1
  return (b.lastMessage?.time ?? 0) - (a.lastMessage?.time ?? 0)
}

/** Two summaries say the same (field by field, and inside `ref` and `lastMessage`). */
function sameSummary(a: ConversationSummary, b: ConversationSummary): boolean {
  const keys = Object.keys(b) as Array<keyof ConversationSummary>
  if (Object.keys(a).length !== keys.length) return false
  return keys.every((k) => {
    const x = a[k]
    const y = b[k]
    if (x === y) return true
    if (typeof x !== 'object' || typeof y !== 'object' || !x || !y) return false
    const inner = Object.keys(y)
    return Object.keys(x).length === inner.length && inner.every((i) => (x as Record<string, unknown>)[i] === (y as Record<string, unknown>)[i])
  })
}

/**
 * `next` with the summaries that did not change replaced by the objects already shown. The
 * engine sends the whole list on every change (a busy group: every 150 ms), each summary a new
 * object: the recent list drew every row in view again for the one that changed, since Vue
 * compares a row's props by identity.
 */
export function keepUnchanged(shown: ReadonlyMap<string, ConversationSummary>, next: ConversationSummary[]): ConversationSummary[] {
  if (shown.size === 0) return next
  return next.map((s) => {
    const old = shown.get(conversationKey(s.ref))
    return old && sameSummary(old, s) ? old : s
  })
}

function pageVisible(): boolean {
  return typeof document === 'undefined' || document.visibilityState === 'visible'
}

export const useConversationsStore = defineStore('conversations', () => {
  const api = useApi()
  const ui = useUiStore()
  const contacts = useContactsStore()
  const messages = useMessagesStore()
  const files = useFilesStore()
  const summaries = shallowRef<ConversationSummary[]>([])
  const active = shallowRef<ConversationRef | null>(null)
  /** The composer text per conversation: local truth once seen, saved to the main process debounced. */
  const drafts = reactive(new Map<string, string>())
  /** What the main process last knew of each draft, to skip saving what it already has. */
  const savedDrafts = new Map<string, string>()
  const draftSaver = new KeyedDebounce<{ ref: ConversationRef; text: string }>(DRAFT_SAVE_MS, ({ ref, text }) => {
    savedDrafts.set(conversationKey(ref), text)
    api.invoke('conversation.setDraft', { conversation: ref, text }).catch(ui.reportError)
  })

  api.on('conversations.changed', setSummaries)

  const byKey = computed(() => new Map(summaries.value.map((s) => [conversationKey(s.ref), s])))
  const ordered = computed(() => [...summaries.value].sort(compareSummaries))
  const visible = computed(() => (ui.needle ? ordered.value.filter((s) => s.title.toLowerCase().includes(ui.needle)) : ordered.value))
  const unreadTotal = computed(() => unreadOf(summaries.value))

  function setSummaries(list: ConversationSummary[]): void {
    for (const s of list) {
      const k = conversationKey(s.ref)
      savedDrafts.set(k, s.draft ?? '')
      if (s.draft && !drafts.has(k)) drafts.set(k, s.draft)
    }
    summaries.value = keepUnchanged(byKey.value, list)
    markReadIfVisible()
  }

  function upsertSummary(s: ConversationSummary): void {
    const k = conversationKey(s.ref)
    const rest = summaries.value.filter((x) => conversationKey(x.ref) !== k)
    setSummaries([...rest, s])
  }

  function patchSummary(ref: ConversationRef, changes: Partial<ConversationSummary>): void {
    summaries.value = summaries.value.map((s) => (sameConversation(s.ref, ref) ? { ...s, ...changes } : s))
  }

  async function load(): Promise<void> {
    setSummaries(await api.invoke('conversations.list', {}))
  }

  function summaryOf(ref: ConversationRef): ConversationSummary | undefined {
    return byKey.value.get(conversationKey(ref))
  }

  function titleOf(ref: ConversationRef): string {
    return summaryOf(ref)?.title ?? contacts.titleOf(ref) ?? ref.key
  }

  /** Opens a chat; `around` jumps to that message instead of the latest page. */
  async function open(ref: ConversationRef, around?: string): Promise<void> {
    const before = active.value
    if (before && !sameConversation(before, ref)) {
      draftSaver.flush(conversationKey(before))
      // Its chat closes: what it had in memory goes (a bounded few stay for a quick return).
      messages.release(before)
      files.release(before)
    }
    const unread = summaryOf(ref)?.unread ?? 0
    active.value = ref
    if (ui.panel === 'members' && ref.kind !== 'group' && ref.kind !== 'discussion') ui.panel = 'none'
    const history = around ? messages.loadAround(ref, around) : messages.ensureLoaded(ref, unread)
    // What became of the files offered here (received, refused, expired since).
    files.load(ref).catch(ui.reportError)
    try {
      const [summary] = await Promise.all([api.invoke('conversation.open', { conversation: ref }), history])
      upsertSummary(summary)
    } catch (e) {
      ui.reportError(e)
    }
    markReadIfVisible()
  }

  /** Reads the open chat when the user can see it (called on open, on new unread, on becoming visible). */
  function markReadIfVisible(): void {
    const ref = active.value
    if (!ref || !pageVisible()) return
    const s = summaryOf(ref)
    if (!s || (s.unread === 0 && !s.mentioned)) return
    patchSummary(ref, { unread: 0, mentioned: false })
    api.invoke('conversation.read', { conversation: ref }).catch(ui.reportError)
  }

  /** The list's 标为已读: read without opening (the unread count and [有人@我] go). */
  async function markRead(ref: ConversationRef): Promise<void> {
    const before = summaryOf(ref)
    patchSummary(ref, { unread: 0, mentioned: false })
    try {
      await api.invoke('conversation.read', { conversation: ref })
    } catch (e) {
      if (before) patchSummary(ref, { unread: before.unread, mentioned: before.mentioned })
      throw e
    }
  }

  /** Off the recent list (history stays; the next message brings it back). The open chat stays open. */
  async function remove(ref: ConversationRef): Promise<void> {
    const before = summaries.value
    summaries.value = before.filter((s) => !sameConversation(s.ref, ref))
    try {
      await api.invoke('conversation.remove', { conversation: ref })
    } catch (e) {
      summaries.value = before
      throw e
    }
  }

  function draftOf(ref: ConversationRef): string {
    return drafts.get(conversationKey(ref)) ?? summaryOf(ref)?.draft ?? ''
  }

  function setDraft(ref: ConversationRef, text: string): void {
    const k = conversationKey(ref)
    drafts.set(k, text)
    if (text === (savedDrafts.get(k) ?? '')) draftSaver.cancel(k)
    else draftSaver.schedule(k, { ref, text })
  }

  function flushDraft(ref: ConversationRef): void {
    draftSaver.flush(conversationKey(ref))
  }

  /** After a send: the draft is gone, at once (a late debounced save must not bring it back). */
  function clearDraft(ref: ConversationRef): void {
    setDraft(ref, '')
    flushDraft(ref)
  }

  async function setFlag(ref: ConversationRef, flag: 'pinned' | 'muted', on: boolean): Promise<void> {
    patchSummary(ref, { [flag]: on })
    try {
      if (flag === 'pinned') await api.invoke('conversation.setPinned', { conversation: ref, pinned: on })
      else await api.invoke('conversation.setMuted', { conversation: ref, muted: on })
    } catch (e) {
      patchSummary(ref, { [flag]: !on })
      throw e
    }
  }

  /**
   * Double-click / Enter on a conversation: its own chat window (Electron: the main process opens
   * or focuses it) or, in web mode, a browser tab at `#/chat/…` keeping the page's `?token=`; the
   * tab is named for the conversation, so opening it again reuses that tab.
   */
  async function openWindow(ref: ConversationRef): Promise<void> {
    if (useBridge().host === 'electron') return api.invoke('chat.open', { conversation: ref }).catch(ui.reportError)
    window.open(`${location.pathname}${location.search}${chatHash(ref)}`, `qq-chat:${conversationKey(ref)}`)
  }

  /** Ctrl+Tab / Alt+Down and back: the next chat in list order, wrapping around. */
  function step(delta: 1 | -1): ConversationRef | undefined {
    const list = visible.value
    if (list.length === 0) return undefined
    const i = active.value ? list.findIndex((s) => sameConversation(s.ref, active.value)) : -1
    const next = i < 0 ? (delta > 0 ? 0 : list.length - 1) : (i + delta + list.length) % list.length
    return list[next]?.ref
  }

  return {
    summaries,
    active,
    drafts,
    ordered,
    visible,
    unreadTotal,
    setSummaries,
    load,
    summaryOf,
    titleOf,
    open,
    markReadIfVisible,
    markRead,
    remove,
    draftOf,
    setDraft,
    flushDraft,
    flushAllDrafts: () => draftSaver.flushAll(),
    clearDraft,
    setPinned: (ref: ConversationRef, on: boolean) => setFlag(ref, 'pinned', on),
    setMuted: (ref: ConversationRef, on: boolean) => setFlag(ref, 'muted', on),
    step,
    openWindow,
  }
})
