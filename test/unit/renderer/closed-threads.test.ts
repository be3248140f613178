// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import type { ChatMessage, ConversationRef, FileTransferView } from '../../../electron/ipc/contract'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useFilesStore } from '../../../renderer/src/stores/files'
import { KEPT_CLOSED, PAGE_SIZE, useMessagesStore } from '../../../renderer/src/stores/messages'
import { message, summary } from './fixtures'
import { flushPromises, setup, type Harness } from './harness'

/**
 * A closed conversation's messages are let go (issue 13, memory after a day): its thread keeps
 * the newest page, only the last few closed keep anything, and reopening one shows it in order
 * and pages back through all of its history without a gap.
 */

const friend = (n: number): ConversationRef => ({ kind: 'friend', key: `f:q:${10_000 + n}` })
const A = friend(1)
const B = friend(2)

/** Stored histories per conversation, paged as the engine pages them (a keyset on the order). */
function stored(h: Harness, histories: Map<string, ChatMessage[]>): void {
  h.api.answer('history.page', ({ conversation, before, limit }) => {
    const all = histories.get(conversation.key) ?? []
    const end = before ? all.findIndex((m) => m.id === before) : all.length
    return all.slice(Math.max(0, end - (limit ?? PAGE_SIZE)), end)
  })
  h.api.answer('conversation.open', ({ conversation }) => summary(conversation.key))
}

function history(ref: ConversationRef, n: number): ChatMessage[] {
  return Array.from({ length: n }, () => message({ conversation: ref }))
}

const ids = (list: readonly ChatMessage[]) => list.map((m) => m.id)

describe('closed conversations', () => {
  it('keep only their newest page; reopened, they page back through all of it in order, with no gap and no duplicate', async () => {
    const h = setup()
    const messages = useMessagesStore()
    const conversations = useConversationsStore()
    const all = history(A, 320)
    stored(h, new Map([[A.key, all], [B.key, history(B, 10)]]))
    await conversations.open(A)
    await messages.loadOlder(A)
    await messages.loadOlder(A)
    expect(messages.thread(A).messages).toHaveLength(3 * PAGE_SIZE)

    await conversations.open(B)
    expect(ids(messages.thread(A).messages)).toEqual(ids(all.slice(-PAGE_SIZE)))
    expect(messages.thread(A).atStart).toBe(false)

    // Back to it: the page it kept shows at once, older pages come by scrolling up.
    const asked = h.api.argsOf('history.page').length
    await conversations.open(A)
    expect(h.api.argsOf('history.page')).toHaveLength(asked)
    while (!messages.thread(A).atStart) await messages.loadOlder(A)
    expect(ids(messages.thread(A).messages)).toEqual(ids(all))
  })

  it(`keep anything only for the last ${KEPT_CLOSED} closed; an earlier one loads its newest page again when it opens`, async () => {
    const h = setup()
    const messages = useMessagesStore()
    const conversations = useConversationsStore()
    const refs = Array.from({ length: KEPT_CLOSED + 3 }, (_, i) => friend(i + 1))
    const histories = new Map(refs.map((r) => [r.key, history(r, 60)]))
    stored(h, histories)
    for (const r of refs) await conversations.open(r)
    const kept = refs.filter((r) => messages.threads.has(`${r.kind}:${r.key}`) || messages.thread(r).messages.length > 0)
    // The open one and the last KEPT_CLOSED closed.
    expect(kept).toEqual(refs.slice(-(KEPT_CLOSED + 1)))
    expect(messages.thread(refs[0]!).messages).toEqual([])

    await conversations.open(refs[0]!)
    expect(h.api.argsOf('history.page').at(-1)).toMatchObject({ conversation: refs[0] })
    expect(ids(messages.thread(refs[0]!).messages)).toEqual(ids(histories.get(refs[0]!.key)!.slice(-PAGE_SIZE)))
  })

  it('stay one page while messages keep arriving for them, and the newest is there when they open', async () => {
    const h = setup()
    const messages = useMessagesStore()
    const conversations = useConversationsStore()
    stored(h, new Map([[A.key, history(A, PAGE_SIZE)]]))
    await conversations.open(A)
    await conversations.open(B)
    const arrived = Array.from({ length: 2 * PAGE_SIZE }, () => message({ conversation: A }))
    for (const m of arrived) h.api.emit('message.new', m)
    expect(ids(messages.thread(A).messages)).toEqual(ids(arrived.slice(-PAGE_SIZE)))
    expect(messages.thread(A).atStart).toBe(false)
  })

  it('drop what a page still on its way brings after the chat closed, so the kept page has no gap', async () => {
    const h = setup()
    const messages = useMessagesStore()
    const conversations = useConversationsStore()
    const all = history(A, 200)
    stored(h, new Map([[A.key, all]]))
    await conversations.open(A)
    await messages.loadOlder(A)
    // The next older page is slow: the chat closes before it lands.
    let release: () => void = () => undefined
    h.api.answer('history.page', ({ conversation, before, limit }) => {
      if (conversation.key !== A.key) return []
      const end = all.findIndex((m) => m.id === before)
      return new Promise<ChatMessage[]>((resolve) => (release = () => resolve(all.slice(end - (limit ?? PAGE_SIZE), end))))
    })
    const older = messages.loadOlder(A)
    await flushPromises()
    await conversations.open(B)
    release()
    await older
    expect(ids(messages.thread(A).messages)).toEqual(ids(all.slice(-PAGE_SIZE)))
    expect(messages.thread(A).loading).toBeNull()
  })

  it('let a jump into older history go: reopened, the chat shows its newest messages', async () => {
    const h = setup()
    const messages = useMessagesStore()
    const conversations = useConversationsStore()
    const all = history(A, 300)
    stored(h, new Map([[A.key, all]]))
    h.api.answer('history.around', ({ id }) => {
      const i = all.findIndex((m) => m.id === id)
      return all.slice(i - 25, i + 25)
    })
    await conversations.open(A, all[100]!.id)
    expect(messages.thread(A).atEnd).toBe(false)
    await conversations.open(B)
    expect(messages.thread(A).messages).toEqual([])
    await conversations.open(A)
    expect(ids(messages.thread(A).messages)).toEqual(ids(all.slice(-PAGE_SIZE)))
    expect(messages.thread(A).atEnd).toBe(true)
  })

  it('forget their file transfers, and a reconnect lists only the open chat again', async () => {
    const h = setup()
    const files = useFilesStore()
    const conversations = useConversationsStore()
    stored(h, new Map())
    const offer = (ref: ConversationRef, id: string): FileTransferView => ({ id, conversation: ref, name: 'report.pdf', size: 1024, state: 'offered', received: 0, time: Date.UTC(2024, 0, 2) })
    h.api.answer('file.list', ({ conversation }) => [offer(conversation, `t-${conversation.key}`)])
    await conversations.open(A)
    await flushPromises()
    expect(files.get(`t-${A.key}`)).toBeDefined()
    await conversations.open(B)
    await flushPromises()
    expect(files.get(`t-${A.key}`)).toBeUndefined()
    expect(files.get(`t-${B.key}`)).toBeDefined()

    const before = h.api.argsOf('file.list').length
    await files.reload()
    expect(h.api.argsOf('file.list').slice(before)).toEqual([{ conversation: B }])
    // Opened again, its offer is listed again.
    await conversations.open(A)
    await flushPromises()
    expect(files.get(`t-${A.key}`)?.state).toBe('offered')
  })
})
