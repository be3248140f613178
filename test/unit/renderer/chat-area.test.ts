// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { conversationKey, type Notice } from '../../../electron/ipc/contract'
import ChatSearch from '../../../renderer/src/components/chat/ChatSearch.vue'
import MessageItem from '../../../renderer/src/components/chat/MessageItem.vue'
import MessageSearchPanel from '../../../renderer/src/components/dialogs/MessageSearchPanel.vue'
import { SEARCH_DEBOUNCE_MS } from '../../../renderer/src/composables/message-search'
import { copyText } from '../../../renderer/src/lib/message-copy'
import { highlightParts, snippetParts } from '../../../renderer/src/lib/snippet'
import { useMessagesStore } from '../../../renderer/src/stores/messages'
import { message } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const A = { kind: 'group' as const, key: 'g:n:吃瓜群' }
const WORDS = { image: '[图片]', file: (n: string) => `[文件] ${n}`, callInvite: '[视频]', notice: () => '[通知]', other: '[消息]' }

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('highlight and snippet parts', () => {
  it('marks every occurrence of the words, whatever their case, as separate parts', () => {
    expect(highlightParts('Hello hello HELLO!', 'hello')).toEqual([
      { text: 'Hello', hit: true },
      { text: ' ', hit: false },
      { text: 'hello', hit: true },
      { text: ' ', hit: false },
      { text: 'HELLO', hit: true },
      { text: '!', hit: false },
    ])
    expect(highlightParts('天气很好', '  ')).toEqual([{ text: '天气很好', hit: false }])
  })

  it('marks only the first matches when limited (a list row), the rest of the text in one part', () => {
    const huge = 'w'.repeat(100_000)
    expect(highlightParts(huge, 'wwwwwwww', 1)).toEqual([
      { text: 'wwwwwwww', hit: true },
      { text: 'w'.repeat(99_992), hit: false },
    ])
    expect(highlightParts('ab ab ab', 'ab', 2).map((p) => p.hit)).toEqual([true, false, true, false])
  })

  it('keeps the snippet markers inside a message inert: text, never a mark', () => {
    // The message itself holds \u0001 … \u0002; the engine's pair is around the query.
    const text = 'x\u0001fake\u0002 real'
    expect(highlightParts(text, 'real')).toEqual([
      { text: 'x\u0001fake\u0002 ', hit: false },
      { text: 'real', hit: true },
    ])
    expect(snippetParts('x\u0001fake\u0002 \u0001real\u0002', 'real')).toEqual([
      { text: 'x\u0001fake\u0002 ', hit: false },
      { text: 'real', hit: true },
    ])
    // A query with control characters matches as the engine does: without them.
    expect(snippetParts('a \u0001hit\u0002', '\u0001hit')).toEqual([
      { text: 'a ', hit: false },
      { text: 'hit', hit: true },
    ])
  })
})

describe('copy', () => {
  it('copies the text, faces as their [names] and pictures as [图片]', () => {
    const m = message({ segments: [{ type: 'text', text: '你好' }, { type: 'face', id: 14 }, { type: 'image', ref: 'offpic', name: 'a.jpg' } as never, { type: 'text', text: '！' }] })
    expect(copyText(m, WORDS)).toBe('你好[微笑][图片]！')
    expect(copyText(message({ damaged: true }), WORDS)).toBe('')
  })
})

describe('message bubble highlight', () => {
  it('shows the searched words in <mark> text nodes inside the bubble, markers in the text inert, nothing as HTML', () => {
    const h = setup()
    const m = message({ conversation: A, segments: [{ type: 'text', text: '<b>开会</b>\u0001 明天开会 http://a.b/开会' }] })
    const w = mountWith(h, MessageItem, { props: { message: m, showSenders: true, continued: false, focused: true, highlight: '开会' } })
    const marks = w.findAll('[data-testid="search-mark"]')
    expect(marks.map((x) => x.text())).toEqual(['开会', '开会', '开会'])
    expect(w.find('b').exists()).toBe(false)
    expect(w.get('.bubble').text()).toBe('<b>开会</b>\u0001 明天开会 http://a.b/开会')
    expect(w.get('a').find('mark').exists()).toBe(true)
  })

  it('shows a system line centred with no bubble and no avatar', () => {
    const h = setup()
    const m = message({ conversation: A, segments: [{ type: 'notice', notice: { kind: 'member-joined', member: '新人' } }] })
    const w = mountWith(h, MessageItem, { props: { message: m, showSenders: true, continued: false, focused: false } })
    expect(w.get('[data-testid="system-line"]').text()).toContain('新人 加入了群')
    expect(w.find('.bubble').exists()).toBe(false)
    expect(w.attributes('data-system')).toBe('true')
  })

  it('says who let a member in or removed one, and whether an admin was set or unset', () => {
    const h = setup()
    const said = (notice: Notice) =>
      mountWith(h, MessageItem, { props: { message: message({ conversation: A, segments: [{ type: 'notice', notice }] }), showSenders: true, continued: false, focused: false } })
        .get('[data-testid="system-line"]')
        .text()
    expect(said({ kind: 'member-joined', member: '新人', by: '群主' })).toContain('群主 邀请 新人 加入了群')
    expect(said({ kind: 'member-removed', member: '新人', by: '管理员' })).toContain('新人 被 管理员 移出了群')
    expect(said({ kind: 'member-removed', member: '新人' })).toContain('新人 被移出了群')
    expect(said({ kind: 'admin-changed', member: '小明', admin: true })).toContain('小明 成为管理员')
    expect(said({ kind: 'admin-changed', member: '小明', admin: false })).toContain('小明 不再是管理员')
  })
})

describe('search as you type', () => {
  it('asks once the typing pauses, with the last words; the old hits go as soon as the words change', async () => {
    vi.useFakeTimers()
    fakeLayout()
    const h = setup()
    h.api.answer('history.search', ({ query }) => [{ messageId: `m-${query}`, conversation: A, title: '吃瓜群', time: Date.now(), snippet: `\u0001${query}\u0002`, sender: '小明' }])
    const w = mountWith(h, MessageSearchPanel)
    const input = w.get('[data-testid="message-search-input"]')
    for (const q of ['天', '天气', '天气好']) {
      await input.setValue(q)
      await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS / 3)
    }
    expect(h.api.argsOf('history.search')).toEqual([])
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    await flushPromises()
    expect(h.api.argsOf('history.search')).toEqual([{ query: '天气好', conversation: undefined, limit: 100 }])
    expect(w.get('[data-testid="search-hit"]').text()).toContain('小明：')
    await input.setValue('天气好吗')
    expect(w.find('[data-testid="search-hit"]').exists()).toBe(false)
    expect(w.text()).toContain('正在搜索')
  })

  it('searches this conversation only, shows who wrote each hit, and a jump highlights the words there', async () => {
    vi.useFakeTimers()
    const h = setup()
    const target = message({ id: 'm77', conversation: A, segments: [{ type: 'text', text: '明天开会' }] })
    h.api.answer('history.search', [
      { messageId: 'm77', conversation: A, title: '吃瓜群', time: Date.now(), snippet: '明天\u0001开会\u0002', sender: '小明' },
      { messageId: 'm78', conversation: A, title: '吃瓜群', time: Date.now(), snippet: '\u0001开会\u0002了', mine: true },
    ])
    h.api.answer('history.around', [target])
    const messages = useMessagesStore()
    messages.openSearch(A)
    const w = mountWith(h, ChatSearch, { props: { conversation: A } })
    await w.get('[data-testid="chat-search-input"]').setValue('开会')
    await vi.advanceTimersByTimeAsync(SEARCH_DEBOUNCE_MS)
    await flushPromises()
    expect(h.api.argsOf('history.search')).toEqual([{ query: '开会', conversation: A, limit: 100 }])
    expect(w.findAll('[data-testid="search-hit-sender"]').map((x) => x.text())).toEqual(['小明', '我'])
    await w.get('[data-testid="search-hit"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('history.around')).toEqual([{ id: 'm77', limit: 50 }])
    expect(messages.thread(A)).toMatchObject({ focus: 'm77', focusQuery: '开会' })
    expect(messages.searching.has(conversationKey(A))).toBe(true)
    await w.get('[data-testid="chat-search"]').trigger('keydown', { key: 'Escape' })
    expect(messages.searching.has(conversationKey(A))).toBe(false)
  })
})

describe('messages store', () => {
  it('drops a deleted message (its own delete or the message.deleted event) and notes a shake', async () => {
    const h = setup()
    const [a, b, c] = [message({ conversation: A }), message({ conversation: A }), message({ conversation: A })]
    h.api.answer('history.page', [a!, b!, c!])
    const messages = useMessagesStore()
    await messages.loadLatest(A)
    await messages.deleteMessage(b!)
    expect(h.api.argsOf('message.delete')).toEqual([{ id: b!.id }])
    h.api.emit('message.deleted', { id: a!.id, conversation: A })
    expect(messages.thread(A).messages.map((m) => m.id)).toEqual([c!.id])
    const friend = { kind: 'friend' as const, key: 'f:q:10001' }
    expect(messages.shakes.has(conversationKey(friend))).toBe(false)
    h.api.emit('message.new', message({ conversation: friend, segments: [{ type: 'notice', notice: { kind: 'shake' } }] }))
    expect(messages.shakes.has(conversationKey(friend))).toBe(true)
  })
})
