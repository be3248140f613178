import { afterAll, describe, expect, it } from 'vitest'
import type { ChatMessage, ConversationSummary, FriendRequestView } from '../../electron/ipc/contract'
import { dispatch } from '../../electron/ipc/dispatch'
import { logInBackend, testBackend } from '../support/backend'
import { eventually } from '../support/client'
import { Phone } from '../support/emulator'

/**
 * Issue 11's commands through the backend's validating boundary (dispatch), against the real
 * emulator: message.delete (this computer's history only, with the message.deleted event),
 * conversation.remove (off the recent list, history kept, back with the next message) and
 * friendRequest.list with the requester's nick (get_stranger_info2, §5.10). Hostile arguments
 * end in `bad-input`, never a crash.
 */

const ME = '2851234567'
const { core, emulator } = testBackend()
const messages: ChatMessage[] = []
const deleted: Array<Pick<ChatMessage, 'id' | 'conversation'>> = []
const lists: ConversationSummary[][] = []
const requests: FriendRequestView[] = []
core.on('message.new', (m) => messages.push(m))
core.on('message.deleted', (m) => deleted.push(m))
core.on('conversations.changed', (l) => lists.push(l))
core.on('friend.request', (r) => requests.push(r))
await logInBackend(core, emulator)
afterAll(() => core.stop())
const phone = Phone.for(emulator())
const world = await phone.contacts()
const friends = world.friends.filter((f: any) => !f.bot && f.qq !== ME)
const call = (name: string, args?: unknown) => dispatch(core.handlers, name, args)
const text = (m: ChatMessage) => m.segments.map((s) => (s.type === 'text' ? s.text : '')).join('')

/** A friend writes `words`; resolves with the stored message. */
async function received(from: string, words: string): Promise<ChatMessage> {
  await phone.post('/control/messages/send', { kind: 'friend', from, content: [words] })
  return eventually(() => messages.find((m) => text(m) === words), 8000, words)
}
async function page(conversation: ChatMessage['conversation']): Promise<ChatMessage[]> {
  const out = await call('history.page', { conversation, limit: 50 })
  expect(out.ok).toBe(true)
  return (out as { value: ChatMessage[] }).value
}
async function listed(): Promise<ConversationSummary[]> {
  return ((await call('conversations.list')) as { value: ConversationSummary[] }).value
}

describe('message.delete', () => {
  it('deletes from this computer’s history only: gone from the page and search, the renderer told, the preview the one before', async () => {
    const a = await received(friends[0].qq, '第一条留着')
    const b = await received(friends[0].qq, '第二条删掉')
    expect(await call('message.delete', { id: b.id })).toEqual({ ok: true, value: null })
    expect(deleted).toContainEqual({ id: b.id, conversation: b.conversation })
    expect((await page(b.conversation)).map((m) => m.id)).toEqual([a.id])
    expect(((await call('history.search', { query: '第二条删掉', limit: 10 })) as { value: unknown[] }).value).toEqual([])
    await eventually(() => lists.at(-1)?.find((s) => s.ref.key === a.conversation.key)?.lastMessage?.preview === '第一条留着' || undefined, 3000, 'the preview')
  })

  it('answers bad-input for an unknown id, a deleted one again, and arguments that are not an id', async () => {
    const m = await received(friends[0].qq, '删两次')
    expect((await call('message.delete', { id: m.id })).ok).toBe(true)
    for (const args of [{ id: m.id }, { id: 'no-such-id' }, { id: '' }, { id: 'x'.repeat(65) }, { id: 42 }, {}, { id: m.id, extra: 1 }, null, 'id']) {
      const out = await call('message.delete', args)
      expect(out, JSON.stringify(args)).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
    expect((await call('session.get')) as { value: { session: { kind: string } } }).toMatchObject({ value: { session: { kind: 'online' } } })
  })

  it('deletes an outgoing message still queued, which is then never sent', async () => {
    const conversation = messages.find((m) => m.conversation.kind === 'friend')!.conversation
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'delay', ms: 1500 }, count: 1 })
    const first = (await call('message.send', { conversation, segments: [{ type: 'text', text: '慢慢发' }] })) as { value: ChatMessage }
    const second = (await call('message.send', { conversation, segments: [{ type: 'text', text: '别发了' }] })) as { value: ChatMessage }
    expect(second.value.status).toBe('queued')
    expect((await call('message.delete', { id: second.value.id })).ok).toBe(true)
    await eventually(async () => (await page(conversation)).find((m) => m.id === first.value.id && m.status === 'sent'), 8000, 'the first sent')
    await new Promise((r) => setTimeout(r, 300))
    const log = await phone.get('/control/messages?limit=10')
    expect(log.map((s: any) => s.text)).toContain('慢慢发')
    expect(log.map((s: any) => s.text)).not.toContain('别发了')
  })
})

describe('conversation.remove', () => {
  it('takes it off the recent list, keeps its history, and a new message brings it back', async () => {
    const m = await received(friends[1].qq, '移除之前')
    const ref = m.conversation
    expect((await listed()).some((s) => s.ref.key === ref.key)).toBe(true)
    expect(await call('conversation.remove', { conversation: ref })).toEqual({ ok: true, value: null })
    expect((await listed()).some((s) => s.ref.key === ref.key)).toBe(false)
    expect((await page(ref)).map((x) => x.id)).toEqual([m.id])
    const back = await received(friends[1].qq, '又来了')
    const summary = (await listed()).find((s) => s.ref.key === ref.key)
    expect(summary).toMatchObject({ unread: 1, lastMessage: { preview: '又来了' } })
    expect((await page(ref)).map((x) => x.id)).toEqual([m.id, back.id])
  })

  it('clears its unread while off the list; opening it brings it back', async () => {
    const m = await received(friends[2].qq, '没读的')
    expect((await call('conversation.remove', { conversation: m.conversation })).ok).toBe(true)
    // Nothing of it counts toward the unread total (the tray, the title) while it is off the list.
    expect(core.client!.current!.history.conversation(m.conversation)).toMatchObject({ unread: 0 })
    expect((await call('conversation.open', { conversation: m.conversation })).ok).toBe(true)
    expect((await listed()).find((s) => s.ref.key === m.conversation.key)).toMatchObject({ unread: 0 })
  })

  it('answers bad-input for a conversation that does not exist or is not one', async () => {
    for (const args of [{ conversation: { kind: 'friend', key: 'f:nobody' } }, { conversation: { kind: 'planet', key: 'x' } }, { conversation: null }, {}]) {
      expect(await call('conversation.remove', args), JSON.stringify(args)).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
  })
})

describe('friendRequest.list', () => {
  it('lists a pending request with the requester’s nick, and drops it once answered', async () => {
    const before = requests.length
    const asked = (await phone.post('/control/contacts/friend-request', { nick: '想加你的人', msg: '我是小王' })).body
    const event = await eventually(() => requests.slice(before).find((r) => r.account === asked.from), 8000, 'the request')
    expect(event).toMatchObject({ account: asked.from, nick: '想加你的人', message: '我是小王' })
    const list = (await call('friendRequest.list')) as { value: FriendRequestView[] }
    expect(list.value.find((r) => r.account === asked.from)).toMatchObject({ nick: '想加你的人' })
    expect((await call('friendRequest.answer', { account: asked.from, answer: { kind: 'deny', reason: '' } })).ok).toBe(true)
    expect(((await call('friendRequest.list')) as { value: FriendRequestView[] }).value.some((r) => r.account === asked.from)).toBe(false)
  })

  it('has an empty nick when get_stranger_info2 fails (the UI shows the number then); the request is still listed', async () => {
    await phone.post('/control/faults', { endpoint: 'get_stranger_info2', fault: { kind: 'http', status: 500 }, count: 5 })
    const before = requests.length
    const asked = (await phone.post('/control/contacts/friend-request', { nick: '查不到', msg: '' })).body
    const event = await eventually(() => requests.slice(before).find((r) => r.account === asked.from), 15_000, 'the request')
    expect(event.nick).toBe('')
    expect(((await call('friendRequest.list')) as { value: FriendRequestView[] }).value.find((r) => r.account === asked.from)).toMatchObject({ nick: '' })
    await phone.post('/control/faults/clear', {})
  })

  it('takes a request whose from_uin is unusable (nick empty), and a malformed one costs only itself', async () => {
    const before = requests.length
    const res = await phone.post('/control/events/raw', {
      items: [
        { poll_type: 'system_message', value: { type: 'verify_required', account: 'not a number', from_uin: 1, msg: 'x' } },
        { poll_type: 'system_message', value: { type: 'verify_required', account: 123456789, from_uin: { odd: true }, msg: '你好', seq: 1 } },
        { poll_type: 'system_message', value: { type: 'verify_required', account: 987654321, from_uin: 1, msg: '陌生 uin', seq: 2 } },
      ],
    })
    expect(res.status).toBe(200)
    await eventually(() => requests.slice(before).length === 2 || undefined, 8000, 'two requests')
    const pending = ((await call('friendRequest.list')) as { value: FriendRequestView[] }).value
    expect(pending.find((r) => r.account === '123456789')).toMatchObject({ nick: '', message: '你好' })
    // A uin the service does not know (get_stranger_info2 answers an error): nick empty too.
    expect(pending.find((r) => r.account === '987654321')).toMatchObject({ nick: '', message: '陌生 uin' })
  })
})
