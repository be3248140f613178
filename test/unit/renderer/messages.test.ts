// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../../electron/ipc/contract'
import MessageList from '../../../renderer/src/components/chat/MessageList.vue'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { messageRows } from '../../../renderer/src/lib/message-rows'
import { mergeMessages, PAGE_SIZE, useMessagesStore } from '../../../renderer/src/stores/messages'
import { message, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const A = { kind: 'friend' as const, key: 'f:q:10001' }
const G = { kind: 'group' as const, key: 'g:n:Chess' }

function page(n: number, over: Partial<ChatMessage> = {}): ChatMessage[] {
  return Array.from({ length: n }, () => message({ conversation: A, ...over }))
}

/** One second of server time, as received items carry it (whole seconds × 1000). */
const SECOND = Date.UTC(2024, 0, 2, 8, 0, 0)

/** `n` messages in one second: incoming from a friend with every fifth one an own message, in stored order. */
function burst(n: number): ChatMessage[] {
  return Array.from({ length: n }, (_, i) =>
    message({ conversation: A, time: SECOND, order: 10_000 + i, direction: i % 5 === 4 ? 'out' : 'in', status: i % 5 === 4 ? 'sent' : 'received', segments: [{ type: 'text', text: `#${i + 1}` }] }),
  )
}

/** `history.page` over a stored history the way the engine pages it: a keyset on the order. */
function storedHistory(h: ReturnType<typeof setup>, all: readonly ChatMessage[]): void {
  h.api.answer('history.page', ({ before, limit }) => {
    const end = before ? all.findIndex((m) => m.id === before) : all.length
    return all.slice(Math.max(0, end - (limit ?? 50)), end)
  })
}

describe('messages store', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('merges by id in the stored order, so an echoed or resent message shows once', () => {
    const [a, b, c] = page(3)
    const merged = mergeMessages([a!, c!], [b!, { ...c!, status: 'sent' }])
    expect(merged.map((m) => m.id)).toEqual([a!.id, b!.id, c!.id])
    expect(merged[2]?.status).toBe('sent')
    expect(mergeMessages(merged, [a!])).toHaveLength(3)
    // A resend comes back with a place at the end.
    expect(mergeMessages(merged, [{ ...a!, order: c!.order + 1 }]).map((m) => m.id)).toEqual([b!.id, c!.id, a!.id])
  })

  it('keeps a reply below the question although its whole-second time is earlier, live and after a reload', async () => {
    const h = setup()
    const m = useMessagesStore()
    const question = message({ conversation: A, direction: 'out', status: 'sent', time: SECOND + 700, order: 41 })
    const reply = message({ conversation: A, time: SECOND, order: 42 })
    await m.loadLatest(A)
    h.api.emit('message.new', question)
    h.api.emit('message.new', reply)
    expect(m.thread(A).messages.map((x) => x.id)).toEqual([question.id, reply.id])
    expect(mergeMessages([], [reply, question]).map((x) => x.id)).toEqual([question.id, reply.id])
    h.api.answer('history.page', [question, reply])
    await m.loadLatest(A)
    expect(m.thread(A).messages.map((x) => x.id)).toEqual([question.id, reply.id])
  })

  it('pages 120 messages of one second back to the start: older pages go on top, no gap, no duplicate', async () => {
    const h = setup()
    const m = useMessagesStore()
    const all = burst(120)
    storedHistory(h, all)
    await m.loadLatest(A)
    expect(m.thread(A).messages.map((x) => x.id)).toEqual(all.slice(70).map((x) => x.id))
    await m.loadOlder(A)
    expect(m.thread(A).messages.map((x) => x.id)).toEqual(all.slice(20).map((x) => x.id))
    expect(m.thread(A).atStart).toBe(false)
    await m.loadOlder(A)
    expect(m.thread(A).messages.map((x) => x.id)).toEqual(all.map((x) => x.id))
    expect(m.thread(A).atStart).toBe(true)
    await m.loadOlder(A)
    expect(h.api.argsOf('history.page').map((a) => a.before)).toEqual([undefined, all[70]!.id, all[20]!.id])
  })

  it('puts the divider above the first unread message, loading it with the newest page or finding it further up', async () => {
    const h = setup()
    const m = useMessagesStore()
    const all = burst(120)
    storedHistory(h, all)
    // All 120 unread: the first page holds them all, and the divider is above #1.
    await m.loadLatest(A, 120)
    expect(m.thread(A)).toMatchObject({ atStart: true, dividerBefore: all[0]!.id })
    expect(m.thread(A).messages).toHaveLength(120)
    // 30 unread among own messages: the divider is above the 30th incoming one from the end.
    await m.loadLatest(A, 30)
    const incoming = all.filter((x) => x.direction === 'in')
    expect(m.thread(A).dividerBefore).toBe(incoming.at(-30)!.id)
    // Messages that arrive while the chat is open do not move it.
    h.api.emit('message.new', message({ conversation: A, order: 1_000 }))
    await m.loadOlder(A)
    expect(m.thread(A).dividerBefore).toBe(incoming.at(-30)!.id)

    // More unread than a page can hold: no divider until the page with the first unread one is in.
    const many = burst(400)
    storedHistory(h, many)
    const manyIn = many.filter((x) => x.direction === 'in')
    await m.loadLatest(A, 300)
    expect(m.thread(A).dividerBefore).toBeUndefined()
    while (!m.thread(A).dividerBefore && !m.thread(A).atStart) await m.loadOlder(A)
    expect(m.thread(A).dividerBefore).toBe(manyIn.at(-300)!.id)
  })

  it('appends new messages to a loaded chat and applies status updates', async () => {
    const h = setup()
    const m = useMessagesStore()
    await m.loadLatest(A)
    const out = message({ conversation: A, direction: 'out', status: 'sending' })
    h.api.emit('message.new', out)
    h.api.emit('message.new', out)
    expect(m.thread(A).messages.map((x) => x.id)).toEqual([out.id])
    h.api.emit('message.status', { id: out.id, conversation: A, status: 'unknown', error: { kind: 'protocol', message: '', retcode: 1202 } })
    expect(m.thread(A).messages[0]).toMatchObject({ status: 'unknown', error: { retcode: 1202 } })
    // Not loaded: nothing kept, history brings it on open.
    h.api.emit('message.new', message({ conversation: G }))
    expect(m.thread(G).messages).toHaveLength(0)
  })

  it('pages older history with `before` the oldest id, and stops at the start', async () => {
    const h = setup()
    const m = useMessagesStore()
    const newest = page(PAGE_SIZE)
    const older = page(10).map((x, i) => ({ ...x, order: -100 + i }))
    h.api.answer('history.page', (args) => (args.before ? older : newest))
    await m.loadLatest(A)
    expect(m.thread(A).atStart).toBe(false)
    await m.loadOlder(A)
    expect(h.api.argsOf('history.page')[1]).toEqual({ conversation: A, before: newest[0]!.id, limit: PAGE_SIZE })
    expect(m.thread(A).messages).toHaveLength(PAGE_SIZE + 10)
    expect(m.thread(A).messages[0]?.id).toBe(older[0]!.id)
    expect(m.thread(A).atStart).toBe(true)
    await m.loadOlder(A)
    expect(h.api.argsOf('history.page')).toHaveLength(2)
  })

  it('sends `[微笑]` names as face segments and retries a failed message', async () => {
    const h = setup()
    const m = useMessagesStore()
    await m.loadLatest(A)
    h.api.answer('message.send', (args) => message({ id: 'sent-1', conversation: args.conversation, direction: 'out', status: 'failed' }))
    await m.send(A, 'hi [微笑][not a face]!')
    expect(h.api.argsOf('message.send')).toEqual([
      { conversation: A, segments: [{ type: 'text', text: 'hi ' }, { type: 'face', id: 14 }, { type: 'text', text: '[not a face]!' }] },
    ])
    h.api.answer('message.retry', () => message({ id: 'sent-1', conversation: A, direction: 'out', status: 'sending' }))
    await m.retry(m.thread(A).messages[0]!)
    expect(h.api.argsOf('message.retry')).toEqual([{ id: 'sent-1' }])
    expect(m.thread(A).messages.map((x) => [x.id, x.status])).toEqual([['sent-1', 'sending']])
  })

  it('jumps into history around a message, then back to the latest', async () => {
    const h = setup()
    const m = useMessagesStore()
    const around = page(5)
    h.api.answer('history.around', around)
    await m.loadAround(A, around[2]!.id)
    expect(m.thread(A)).toMatchObject({ atEnd: false, focus: around[2]!.id })
    // A gap now separates this window from the newest messages: new ones are not appended.
    h.api.emit('message.new', message({ conversation: A }))
    expect(m.thread(A).messages).toHaveLength(5)
    await m.loadLatest(A)
    expect(m.thread(A).atEnd).toBe(true)
  })
})

describe('message list', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders statuses, directions, faces, placeholders, separators and the unread divider', async () => {
    fakeLayout(2000)
    const h = setup()
    const day1 = Date.UTC(2024, 0, 1, 10)
    const day2 = Date.UTC(2024, 0, 2, 10)
    h.api.answer('history.page', [
      message({ id: 'a', conversation: G, time: day1, sender: { uin: '1', name: 'Ann' }, segments: [{ type: 'face', id: 14 }, { type: 'face', id: 250 }] }),
      message({ id: 'b', conversation: G, time: day1 + 1000, direction: 'out', status: 'failed', error: { kind: 'network', message: '' } }),
      message({ id: 'c', conversation: G, time: day2, direction: 'out', status: 'unknown' }),
      message({ id: 'd', conversation: G, time: day2 + 1, direction: 'out', status: 'sending' }),
      message({ id: 'e', conversation: G, time: day2 + 2, sender: { uin: '2', name: 'Bo' }, segments: [{ type: 'image', ref: 'stripped' }, { type: 'file', name: 'a.zip', size: 2048 }, { type: 'unsupported', label: 'shake' }, { type: 'text', text: '<b>not bold</b> https://example.com/x.' }] }),
    ])
    const conversations = useConversationsStore()
    h.api.emit('conversations.changed', [summary(G.key, { ref: G, unread: 1 })])
    h.api.answer('conversation.open', summary(G.key, { ref: G }))
    await conversations.open(G)
    const w = mountWith(h, MessageList, { props: { conversation: G } })
    await flushPromises()
    const msgs = w.findAll('[data-testid="message"]')
    expect(msgs.map((x) => [x.attributes('data-id'), x.attributes('data-direction'), x.attributes('data-status')])).toEqual([
      ['a', 'in', 'received'],
      ['b', 'out', 'failed'],
      ['c', 'out', 'unknown'],
      ['d', 'out', 'sending'],
      ['e', 'in', 'received'],
    ])
    const face = msgs[0]!.get('.face')
    expect(face.text()).toBe('🙂')
    expect(face.attributes('title')).toBe('微笑')
    expect(msgs[0]!.findAll('.face')[1]?.attributes('title')).toBe('表情')
    expect(msgs[0]!.text()).toContain('Ann')
    expect(msgs[1]!.text()).toContain('发送失败')
    expect(msgs[2]!.text()).toContain('可能没有送达')
    expect(msgs[3]!.find('[data-testid="retry-button"]').exists()).toBe(false)
    expect(msgs[4]!.text()).toContain('[图片]')
    expect(msgs[4]!.text()).toContain('[文件] a.zip（2 KB）')
    expect(msgs[4]!.text()).toContain('[暂不支持的消息：shake]')
    expect(msgs[4]!.find('b').exists()).toBe(false)
    expect(msgs[4]!.text()).toContain('<b>not bold</b>')
    expect(w.findAll('.day')).toHaveLength(2)
    // The divider sits right above the one unread message.
    const rows = w.findAll('.row').map((r) => {
      const m = r.find('[data-testid="message"]')
      return m.exists() ? m.attributes('data-id') : r.find('[data-testid="new-messages-divider"]').exists() ? 'divider' : 'other'
    })
    expect(rows.slice(rows.indexOf('divider'), rows.indexOf('divider') + 2)).toEqual(['divider', 'e'])
  })

  it('shows a spinner in the start row while older messages load, pages on to the start, then says there are no older ones', async () => {
    fakeLayout(2000)
    // Rows of 10 px: all 120 fit in the view, so it stays at the top (the list follows its end from the rows' sizes).
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 10 })
    const h = setup()
    // Taken now: a list of an earlier test rendering late makes its own store the active one.
    const messages = useMessagesStore()
    const all = burst(120)
    const gates: Array<() => void> = []
    h.api.answer('history.page', ({ before, limit }) => {
      const end = before ? all.findIndex((m) => m.id === before) : all.length
      const rows = all.slice(Math.max(0, end - (limit ?? 50)), end)
      return before ? new Promise((resolve) => gates.push(() => resolve(rows))) : rows
    })
    await messages.loadLatest(A)
    const w = mountWith(h, MessageList, { props: { conversation: A } })
    await flushPromises()
    const start = () => w.get('.start')
    // The list is at its top: the next page is asked for at once.
    expect(gates).toHaveLength(1)
    expect(start().find('.spinner').exists()).toBe(true)
    expect(start().text()).toContain('正在加载更早的消息')
    gates.shift()!()
    await flushPromises()
    expect(gates).toHaveLength(1)
    expect(start().find('.spinner').exists()).toBe(true)
    gates.shift()!()
    await flushPromises()
    expect(gates).toHaveLength(0)
    expect(start().find('.spinner').exists()).toBe(false)
    expect(start().text()).toBe('没有更早的消息了')
    expect(messages.thread(A).messages.map((m) => m.id)).toEqual(all.map((m) => m.id))
  })

  it('shows a damaged record as a placeholder without content, status or retry', async () => {
    fakeLayout(2000)
    const h = setup()
    h.api.answer('history.page', [message({ id: 'bad', conversation: A, direction: 'out', status: 'failed', segments: [], damaged: true, time: 0 })])
    await useMessagesStore().loadLatest(A)
    const w = mountWith(h, MessageList, { props: { conversation: A } })
    await flushPromises()
    const item = w.get('[data-testid="message"]')
    expect(item.attributes('data-damaged')).toBe('true')
    expect(item.text()).toContain('这条消息的记录已损坏')
    expect(item.find('[data-testid="retry-button"]').exists()).toBe(false)
  })

  it('separates days along the order without showing a day twice when times go back', () => {
    const day = (d: number, h: number) => new Date(2024, 0, d, h).getTime()
    const rows = messageRows([
      message({ id: 'a', time: day(1, 23), order: 1 }),
      // A server clock ahead by an hour, then one on time again.
      message({ id: 'b', time: day(2, 0), order: 2 }),
      message({ id: 'c', time: day(1, 23) + 60_000, order: 3 }),
      message({ id: 'd', time: day(2, 9), order: 4 }),
    ])
    expect(rows.map((r) => (r.type === 'message' ? r.message.id : r.type))).toEqual(['start', 'day', 'a', 'day', 'b', 'c', 'd'])
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length)
  })

  it('retries a failed message with message.retry', async () => {
    fakeLayout(2000)
    const h = setup()
    const failed = message({ id: 'f1', conversation: A, direction: 'out', status: 'failed' })
    h.api.answer('history.page', [failed])
    h.api.answer('message.retry', { ...failed, status: 'sending' })
    await useMessagesStore().loadLatest(A)
    const w = mountWith(h, MessageList, { props: { conversation: A } })
    await flushPromises()
    await w.get('[data-testid="retry-button"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('message.retry')).toEqual([{ id: 'f1' }])
    expect(w.get('[data-testid="message"]').attributes('data-status')).toBe('sending')
  })

  it('opens links through link.open only, in Electron', async () => {
    fakeLayout(2000)
    const h = setup({ host: 'electron' })
    h.api.answer('history.page', [message({ conversation: A, segments: [{ type: 'text', text: 'see https://example.com/a?b=1, ok' }] })])
    await useMessagesStore().loadLatest(A)
    const w = mountWith(h, MessageList, { props: { conversation: A } })
    await flushPromises()
    const link = w.get('a.link')
    expect(link.text()).toBe('https://example.com/a?b=1')
    await link.trigger('click')
    expect(h.api.argsOf('link.open')).toEqual([{ url: 'https://example.com/a?b=1' }])
  })
})
