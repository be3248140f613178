// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import ChatPane from '../../../renderer/src/components/chat/ChatPane.vue'
import ConversationRow from '../../../renderer/src/components/sidebar/ConversationRow.vue'
import { DRAFT_SAVE_MS, useConversationsStore } from '../../../renderer/src/stores/conversations'
import { message, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const A = { kind: 'friend' as const, key: 'f:q:10001' }
const B = { kind: 'friend' as const, key: 'f:q:10002' }
const G = { kind: 'group' as const, key: 'g:n:Chess' }

describe('conversation list', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('puts pinned conversations first, then the most recent', () => {
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [
      summary('old', { lastMessage: { preview: 'a', time: 100, direction: 'in', status: 'received' } }),
      summary('pinned-old', { pinned: true, lastMessage: { preview: 'b', time: 50, direction: 'in', status: 'received' } }),
      summary('new', { lastMessage: { preview: 'c', time: 300, direction: 'in', status: 'received' } }),
      summary('never'),
      summary('pinned-new', { pinned: true, lastMessage: { preview: 'd', time: 200, direction: 'in', status: 'received' } }),
    ])
    expect(c.ordered.map((s) => s.ref.key)).toEqual(['pinned-new', 'pinned-old', 'new', 'old', 'never'])
  })

  it('counts unread (muted chats left out) and reads the chat the user opens', async () => {
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [summary(A.key, { unread: 3 }), summary(B.key, { unread: 2, muted: true })])
    expect(c.unreadTotal).toBe(3)
    h.api.answer('conversation.open', summary(A.key, { unread: 3 }))
    await c.open(A)
    expect(h.api.argsOf('conversation.read')).toEqual([{ conversation: A }])
    expect(c.summaryOf(A)?.unread).toBe(0)
    // A new unread message in the open, visible chat is read at once.
    h.api.emit('conversations.changed', [summary(A.key, { unread: 1 }), summary(B.key, { unread: 2, muted: true })])
    expect(h.api.argsOf('conversation.read')).toHaveLength(2)
    // …but not the other chats.
    expect(h.api.argsOf('conversation.read').every((a) => a.conversation.key === A.key)).toBe(true)
  })

  it('shows the sender in groups, the unread pill, the mute icon, and "[草稿]" for a draft', () => {
    const h = setup()
    const c = useConversationsStore()
    const s = summary(G.key, {
      ref: G,
      title: 'Chess',
      unread: 4,
      muted: true,
      lastMessage: { preview: 'check!', senderName: 'Ann', time: Date.now(), direction: 'in', status: 'received' },
    })
    h.api.emit('conversations.changed', [s])
    const w = mountWith(h, ConversationRow, { props: { summary: s, active: false } })
    expect(w.text()).toContain('Ann：check!')
    expect(w.get('.pill').text()).toBe('4')
    expect(w.text()).toContain('消息免打扰')
    c.setDraft(G, 'half a thought')
    return flushPromises().then(() => {
      expect(w.text()).toContain('[草稿] half a thought')
    })
  })

  it('toggles pinned and muted through the commands', async () => {
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [summary(A.key)])
    await c.setPinned(A, true)
    await c.setMuted(A, true)
    expect(h.api.argsOf('conversation.setPinned')).toEqual([{ conversation: A, pinned: true }])
    expect(h.api.argsOf('conversation.setMuted')).toEqual([{ conversation: A, muted: true }])
    expect(c.summaryOf(A)).toMatchObject({ pinned: true, muted: true })
  })

  it('undoes an optimistic toggle the main process refused', async () => {
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [summary(A.key)])
    h.api.fail('conversation.setPinned', { kind: 'bad-input', message: 'no' })
    await expect(c.setPinned(A, true)).rejects.toBeTruthy()
    expect(c.summaryOf(A)?.pinned).toBe(false)
  })

  it('steps between chats in list order, wrapping around', () => {
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [
      summary('x', { lastMessage: { preview: '', time: 3, direction: 'in', status: '' } }),
      summary('y', { lastMessage: { preview: '', time: 2, direction: 'in', status: '' } }),
      summary('z', { lastMessage: { preview: '', time: 1, direction: 'in', status: '' } }),
    ])
    expect(c.step(1)?.key).toBe('x')
    c.active = { kind: 'friend', key: 'z' }
    expect(c.step(1)?.key).toBe('x')
    expect(c.step(-1)?.key).toBe('y')
  })
})

describe('drafts', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it('saves a draft debounced, to its own conversation even after switching chats', async () => {
    const h = setup()
    const c = useConversationsStore()
    c.setDraft(A, 'for A')
    c.active = A
    await c.open(B)
    // Switching flushed A's pending draft to A.
    expect(h.api.argsOf('conversation.setDraft')).toEqual([{ conversation: A, text: 'for A' }])
    c.setDraft(B, 'for')
    c.setDraft(B, 'for B')
    vi.advanceTimersByTime(DRAFT_SAVE_MS)
    expect(h.api.argsOf('conversation.setDraft')).toEqual([
      { conversation: A, text: 'for A' },
      { conversation: B, text: 'for B' },
    ])
    expect(c.draftOf(A)).toBe('for A')
    expect(c.draftOf(B)).toBe('for B')
  })

  it('takes saved drafts from the summaries, without overwriting what is being typed', () => {
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [summary(A.key, { draft: 'saved' })])
    expect(c.draftOf(A)).toBe('saved')
    c.setDraft(A, 'typing now')
    h.api.emit('conversations.changed', [summary(A.key, { draft: 'saved' })])
    expect(c.draftOf(A)).toBe('typing now')
  })

  it('never moves the composer text to another chat', async () => {
    fakeLayout()
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [summary(A.key), summary(B.key, { draft: 'B draft' })])
    const w = mountWith(h, { components: { ChatPane }, setup: () => ({ c }), template: '<ChatPane v-if="c.active" :key="c.active.key" :conversation="c.active" />' })
    await c.open(A)
    await flushPromises()
    await w.get('[data-testid="composer"]').setValue('secret for A')
    await c.open(B)
    await flushPromises()
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('B draft')
    await c.open(A)
    await flushPromises()
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('secret for A')
    vi.advanceTimersByTime(DRAFT_SAVE_MS)
    expect(h.api.argsOf('conversation.setDraft').every((a) => a.conversation.key === A.key)).toBe(true)
    expect(h.api.argsOf('conversation.setDraft').at(-1)).toEqual({ conversation: A, text: 'secret for A' })
  })

  it('clears the draft when the message is sent', async () => {
    fakeLayout()
    const h = setup()
    const c = useConversationsStore()
    h.api.emit('conversations.changed', [summary(A.key, { draft: 'hello' })])
    h.api.answer('message.send', (args) => message({ conversation: args.conversation, direction: 'out', status: 'sending', segments: [{ type: 'text', text: 'hello' }] }))
    const w = mountWith(h, ChatPane, { props: { conversation: A } })
    await flushPromises()
    await w.get('[data-testid="send-button"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('conversation.setDraft')).toEqual([{ conversation: A, text: '' }])
    expect(c.draftOf(A)).toBe('')
  })
})

describe('a list that changed in one conversation', () => {
  it('keeps the summaries that did not change as the objects already shown, so only the changed row draws again', () => {
    const h = setup()
    const c = useConversationsStore()
    const last = { preview: 'a', senderName: 'Ann', time: 100, direction: 'in' as const, status: 'received' }
    h.api.emit('conversations.changed', [summary(A.key, { lastMessage: last }), summary(G.key, { ref: G, unread: 1, lastMessage: last })])
    const [a, g] = c.summaries
    // The engine sends every summary again, each a new object; only the group's changed.
    h.api.emit('conversations.changed', [summary(A.key, { lastMessage: { ...last } }), summary(G.key, { ref: G, unread: 2, lastMessage: { ...last, preview: 'b' } })])
    expect(c.summaries[0]).toBe(a)
    expect(c.summaries[1]).not.toBe(g)
    expect(c.summaryOf(G)).toMatchObject({ unread: 2, lastMessage: { preview: 'b' } })
    // A field that appears or goes is a change too.
    h.api.emit('conversations.changed', [summary(A.key, { lastMessage: { ...last }, draft: 'hi' }), summary(G.key, { ref: G, unread: 2, lastMessage: { ...last, preview: 'b' } })])
    expect(c.summaryOf(A)?.draft).toBe('hi')
    expect(c.summaries[0]).not.toBe(a)
  })
})
