import { defineStore } from 'pinia'
import { reactive, shallowReactive } from 'vue'
import { conversationKey, sameConversation, toErrorView, type ChatMessage, type ConversationRef, type ErrorView, type Events } from '@contract'
import { useApi } from '../bridge'
import { parseOutgoing, segmentsToText } from '../lib/faces-text'

export const PAGE_SIZE = 50
/** The most a page may hold (the `history.page` command's limit). */
const MAX_PAGE = 200
/** Messages loaded above the first unread one, so the divider has something to divide. */
const UNREAD_CONTEXT = 10
const TYPING_MS = 6000
/**
 * Closed conversations whose newest page stays in memory, so reopening one of the last few shows
 * it at once; a conversation closed before them is let go and loads again when it opens.
 */
export const KEPT_CLOSED = 8

export interface Thread {
  /** In the conversation's stored order (ChatMessage.order), oldest first. */
  messages: readonly ChatMessage[]
  loading: 'latest' | 'older' | 'around' | null
  /** No older history to page in. */
  atStart: boolean
  /** The newest messages are loaded (false after jumping into history: newer ones are elsewhere). */
  atEnd: boolean
  error?: ErrorView
  /** Where the "new messages" divider goes: the first message that was unread when the chat opened. */
  dividerBefore?: string
  /** What was unread when the chat opened: that many incoming messages up to the one with order `upTo`. */
  unread?: { count: number; upTo: number }
  /** The message a search result jumped to. */
  focus?: string
  /** The words searched for when jumping to `focus`: highlighted in its bubble. */
  focusQuery?: string
}

const EMPTY_THREAD: Thread = { messages: [], loading: null, atStart: false, atEnd: true }

/** The stored order, never the time: received times are whole seconds, own ones milliseconds. */
function byOrder(a: ChatMessage, b: ChatMessage): number {
  return a.order - b.order
}

/** Adds or replaces messages by id, keeping the stored order (a resent or echoed message must not show twice). */
export function mergeMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const last = list[list.length - 1]
  const only = incoming.length === 1 ? incoming[0] : undefined
  if (only && (!last || only.order > last.order) && !list.some((m) => m.id === only.id)) return [...list, only]
  const byId = new Map(list.map((m) => [m.id, m]))
  for (const m of incoming) byId.set(m.id, m)
  return [...byId.values()].sort(byOrder)
}

/**
 * The first of the `unread.count` incoming messages up to `unread.upTo`: the divider sits above
 * it. When fewer are loaded, the first unread one is further up: no divider yet (a wrong one
 * would hide it), unless the whole history is loaded, which is then all unread.
 */
function firstUnread(messages: readonly ChatMessage[], unread: Thread['unread'], atStart: boolean): string | undefined {
  if (!unread || unread.count <= 0) return undefined
  let seen = 0
  let first: string | undefined
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!
    if (m.direction !== 'in' || m.order > unread.upTo) continue
    first = m.id
    if (++seen === unread.count) return m.id
  }
  return atStart ? first : undefined
}

/** A closed conversation's thread: its newest page, nothing of what the open chat showed; none for a window into older history. */
function closedForm(t: Thread): Thread | undefined {
  if (!t.atEnd) return undefined
  const cut = t.messages.length > PAGE_SIZE
  return { messages: cut ? t.messages.slice(-PAGE_SIZE) : t.messages, loading: t.loading, atStart: t.atStart && !cut, atEnd: true }
}

/** What is unread in a chat about to show `messages`, `count` of them. */
function unreadMark(messages: readonly ChatMessage[], count: number): Thread['unread'] {
  const newest = messages.at(-1)
  return count > 0 && newest ? { count, upTo: newest.order } : undefined
}

export const useMessagesStore = defineStore('messages', () => {
  const api = useApi()
  const threads = shallowReactive(new Map<string, Thread>())
  /** Conversations closed with their newest page kept, the most recently closed last. */
  const closed = new Set<string>()
  const typing = reactive(new Map<string, number>())
  /** The text last sent per conversation in this window, for Up-arrow recall. */
  const lastSent = new Map<string, string>()
  /** When each conversation last received a window shake (`performance.now()`): its chat pane shakes. */
  const shakes = reactive(new Map<string, number>())
  /** Conversations whose in-chat search bar is open (Ctrl+F), and a tick to focus its box again. */
  const searching = reactive(new Map<string, number>())
  let searchTick = 0

  api.on('message.new', (m) => {
    const k = conversationKey(m.conversation)
    const t = threads.get(k)
    // Not loaded yet: history brings it when the chat opens. Showing an older window: there is a gap.
    if (!t || !t.atEnd) return
    patch(k, { messages: mergeMessages(t.messages, [m]) })
    if (m.direction === 'in') typing.delete(k)
  })
  // A shake shakes the pane whether or not the chat's history is loaded (it may be opening).
  api.on('message.new', (m) => {
    if (m.direction === 'in' && m.segments.some((s) => s.type === 'notice' && s.notice.kind === 'shake')) shakes.set(conversationKey(m.conversation), performance.now())
  })
  api.on('message.deleted', ({ id, conversation }) => drop(conversationKey(conversation), id))
  api.on('message.status', applyStatus)
  // A picture arrived (or could not be had): the stored message again, in its place.
  api.on('message.updated', (m) => replaceMessage(m))
  api.on('typing', ({ conversation }) => {
    const k = conversationKey(conversation)
    const until = Date.now() + TYPING_MS
    typing.set(k, until)
    setTimeout(() => {
      if (typing.get(k) === until) typing.delete(k)
    }, TYPING_MS)
  })

  function thread(ref: ConversationRef): Thread {
    return threads.get(conversationKey(ref)) ?? EMPTY_THREAD
  }

  /** Changes a thread. A closed one stays in its closed form: what arrives for it (a message, a late page) is trimmed to the newest page. */
  function patch(k: string, changes: Partial<Thread>): void {
    const next = { ...(threads.get(k) ?? EMPTY_THREAD), ...changes }
    if (!closed.has(k)) return void threads.set(k, next)
    const kept = closedForm(next)
    if (kept) threads.set(k, kept)
    else forget(k)
  }

  /** Patches a thread that is still there: what a load brings is dropped when its conversation was let go meanwhile. */
  function land(k: string, changes: Partial<Thread>): void {
    if (threads.has(k)) patch(k, changes)
  }

  function forget(k: string): void {
    closed.delete(k)
    threads.delete(k)
  }

  /**
   * The conversation's chat closed: its thread shrinks to the newest page (older pages load
   * again by scrolling), a window into older history (a search jump) goes, and of the closed
   * ones only the last KEPT_CLOSED stay at all. Opening it again (ensureLoaded, loadLatest,
   * loadAround) takes it off the closed list.
   */
  function release(ref: ConversationRef): void {
    const k = conversationKey(ref)
    closed.delete(k)
    closed.add(k)
    shakes.delete(k)
    if (threads.has(k)) patch(k, {})
    for (const old of closed) {
      if (closed.size <= KEPT_CLOSED) break
      forget(old)
    }
  }

  function applyStatus(s: Events['message.status']): void {
    const k = conversationKey(s.conversation)
    const t = threads.get(k)
    if (!t) return
    const i = t.messages.findLastIndex((m) => m.id === s.id)
    const m = t.messages[i]
    if (!m) return
    const messages = [...t.messages]
    messages[i] = { ...m, status: s.status, error: s.error }
    patch(k, { messages })
  }

  /** Puts `m` where the message with its id is, if that is loaded (its order never changes). */
  function replaceMessage(m: ChatMessage): void {
    const k = conversationKey(m.conversation)
    const t = threads.get(k)
    const i = t ? t.messages.findLastIndex((x) => x.id === m.id) : -1
    if (!t || i < 0) return
    const messages = [...t.messages]
    messages[i] = m
    patch(k, { messages })
  }

  function drop(k: string, id: string): void {
    const t = threads.get(k)
    if (t?.messages.some((m) => m.id === id)) patch(k, { messages: t.messages.filter((m) => m.id !== id), focus: t.focus === id ? undefined : t.focus })
  }

  /** Deletes a message from this computer's history (`message.delete`); the list drops it at once, the event tells other windows. */
  async function deleteMessage(message: ChatMessage): Promise<void> {
    await api.invoke('message.delete', { id: message.id })
    drop(conversationKey(message.conversation), message.id)
  }

  /**
   * Asks the engine to fetch a picture again. It shows as loading at once; the engine's
   * `message.updated` brings the picture or a new failure. A refused command puts the failure back.
   */
  async function retryPicture(message: ChatMessage, index: number): Promise<void> {
    const segment = message.segments[index]
    if (segment?.type !== 'image') return
    const segments = message.segments.with(index, { ...segment, failure: undefined })
    replaceMessage({ ...message, segments })
    try {
      await api.invoke('media.retry', { messageId: message.id, index })
    } catch (e) {
      const now = thread(message.conversation).messages.find((m) => m.id === message.id)
      if (now?.segments[index] === segments[index]) replaceMessage(message)
      throw e
    }
  }

  /** The newest page, with the divider above the first of `unread` messages (loaded with it when the page can hold them). */
  async function loadLatest(ref: ConversationRef, unread = 0): Promise<void> {
    const k = conversationKey(ref)
    closed.delete(k)
    patch(k, { loading: 'latest', error: undefined, focus: undefined, focusQuery: undefined })
    const limit = Math.min(MAX_PAGE, Math.max(PAGE_SIZE, unread + UNREAD_CONTEXT))
    try {
      const page = await api.invoke('history.page', { conversation: ref, limit })
      const messages = mergeMessages([], page)
      const atStart = page.length < limit
      const mark = unreadMark(messages, unread)
      land(k, { messages, loading: null, atStart, atEnd: true, unread: mark, dividerBefore: firstUnread(messages, mark, atStart) })
    } catch (e) {
      land(k, { loading: null, error: toErrorView(e) })
    }
  }

  async function ensureLoaded(ref: ConversationRef, unread: number): Promise<void> {
    closed.delete(conversationKey(ref))
    const t = threads.get(conversationKey(ref))
    if (!t || (!t.atEnd && t.loading === null) || t.error) return loadLatest(ref, unread)
    const mark = unreadMark(t.messages, unread)
    const dividerBefore = firstUnread(t.messages, mark, t.atStart)
    // The first unread message is older than what is in memory: load enough to show it.
    if (mark && !dividerBefore && t.loading === null) return loadLatest(ref, unread)
    patch(conversationKey(ref), { unread: mark, dividerBefore, focus: undefined, focusQuery: undefined })
  }

  /** History paging on scroll-up: the page before the oldest loaded message (a keyset on the stored order). */
  async function loadOlder(ref: ConversationRef): Promise<void> {
    const k = conversationKey(ref)
    const t = thread(ref)
    const oldest = t.messages[0]
    if (t.loading || t.atStart || !oldest) return
    patch(k, { loading: 'older' })
    try {
      const page = await api.invoke('history.page', { conversation: ref, before: oldest.id, limit: PAGE_SIZE })
      const now = thread(ref)
      const messages = mergeMessages(now.messages, page)
      const atStart = page.length < PAGE_SIZE
      land(k, { messages, loading: null, atStart, dividerBefore: now.dividerBefore ?? firstUnread(messages, now.unread, atStart) })
    } catch (e) {
      land(k, { loading: null, error: toErrorView(e) })
    }
  }

  /** Jump to a message (from search, `query` highlighted in it): its neighbourhood replaces the loaded window. */
  async function loadAround(ref: ConversationRef, id: string, query?: string): Promise<void> {
    const k = conversationKey(ref)
    closed.delete(k)
    patch(k, { loading: 'around', error: undefined })
    try {
      const around = await api.invoke('history.around', { id, limit: PAGE_SIZE })
      const messages = mergeMessages([], around.filter((m) => sameConversation(m.conversation, ref)))
      land(k, { messages, loading: null, atStart: false, atEnd: false, focus: id, focusQuery: query, dividerBefore: undefined, unread: undefined })
    } catch (e) {
      land(k, { loading: null, error: toErrorView(e) })
    }
  }

  /** After a jump to `id` from elsewhere (the search panel opens the chat): highlight `query` in it. */
  function highlight(ref: ConversationRef, id: string, query: string): void {
    const k = conversationKey(ref)
    if (threads.get(k)?.focus === id) patch(k, { focusQuery: query })
  }

  /** Opens (or focuses again) the search bar of that conversation's chat (Ctrl+F). */
  function openSearch(ref: ConversationRef): void {
    searching.set(conversationKey(ref), ++searchTick)
  }

  function closeSearch(ref: ConversationRef): void {
    searching.delete(conversationKey(ref))
  }

  /** Sends the composer's text (`[微笑]` names as faces); resolves false when there was nothing to send. */
  async function send(ref: ConversationRef, text: string): Promise<boolean> {
    const segments = parseOutgoing(text)
    if (segments.length === 0 || !text.trim()) return false
    const k = conversationKey(ref)
    lastSent.set(k, text)
    const sent = await api.invoke('message.send', { conversation: ref, segments })
    const t = threads.get(k)
    if (t?.atEnd) patch(k, { messages: mergeMessages(t.messages, [sent]) })
    else await loadLatest(ref)
    return true
  }

  async function retry(message: ChatMessage): Promise<void> {
    const k = conversationKey(message.conversation)
    const resent = await api.invoke('message.retry', { id: message.id })
    const t = threads.get(k)
    if (t) patch(k, { messages: mergeMessages(t.messages, [resent]) })
  }

  function lastSentText(ref: ConversationRef): string {
    const k = conversationKey(ref)
    const remembered = lastSent.get(k)
    if (remembered) return remembered
    const mine = thread(ref).messages.findLast((m) => m.direction === 'out')
    return mine ? segmentsToText(mine.segments) : ''
  }

  return {
    threads,
    typing,
    thread,
    loadLatest,
    ensureLoaded,
    loadOlder,
    loadAround,
    release,
    highlight,
    send,
    retry,
    retryPicture,
    deleteMessage,
    shakes,
    searching,
    openSearch,
    closeSearch,
    lastSentText,
    isTyping: (ref: ConversationRef) => typing.has(conversationKey(ref)),
    search: (query: string, conversation?: ConversationRef) => api.invoke('history.search', { query, conversation, limit: 100 }),
  }
})
