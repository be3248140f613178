import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { HistoryStore, PREVIEW_MAX } from '../../electron/engine/history/history-store'
import type { ChatMessage, ConversationRef } from '../../electron/model'
import { useEmulator } from '../support/use-emulator'
import { MemoryVault, eventually, loginClient, newClient, sessionReaches, tempDir } from '../support/client'
import { useClients } from '../support/use-clients'

/**
 * One total order per conversation, against the real emulator: what the user sent comes before
 * the answer, received messages keep the order the service delivered them in, pages follow that
 * order to the start, and it is the same after a restart. And the times the service stamps are
 * checked where they come in.
 */

const { emu, phone } = await useEmulator({ seed: 3, pollHoldMs: 300, chatter: false })
const world = await phone.contacts()
const { clients, online } = useClients(emu, phone)
const SELF = '2851234567'

/** The same account's client again, from its saved session and data folder: an app restart. */
async function restart(c: QQClient, dataDir: string, vault: MemoryVault): Promise<QQClient> {
  await c.shutdown()
  clients.splice(clients.indexOf(c), 1)
  const again = newClient(emu.profile, { dataDir, vault })
  clients.push(again)
  expect(await again.login.restore()).toBe(true)
  await sessionReaches(again, 'online')
  return again
}

const textOf = (m: ChatMessage) => m.segments.map((s) => (s.type === 'text' ? s.text : `[${s.type}]`)).join('')
const friendRef = (c: QQClient, nick: string): ConversationRef => ({ kind: 'friend', key: c.online().contacts.snapshot.friends.find((f) => f.nick === nick)!.key })

/** Every page of a conversation from the newest back to the start, as the chat loads them scrolling up. */
function scrollToStart(c: QQClient, ref: ConversationRef, limit: number): ChatMessage[] {
  const all: ChatMessage[] = []
  let before: string | undefined
  for (;;) {
    const page = c.online().conversations.page(ref, before, limit)
    all.unshift(...page)
    if (page.length < limit) return all
    before = page[0]!.id
  }
}

describe('one order per conversation', () => {
  it('shows 小助手’s answer and 回声’s echo below what was sent, in history and after a restart', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const c = await online({ dataDir, vault })
    const helper = friendRef(c, '小助手')
    const echo = friendRef(c, '回声')
    c.online().sender.send(helper, [{ type: 'text', text: '时间' }])
    c.online().sender.send(echo, [{ type: 'text', text: '第一行\n第二行\n第三行' }])
    const answered = (ref: ConversationRef) => eventually(() => (c.online().conversations.page(ref, undefined, 10).some((m) => m.direction === 'in') ? c.online().conversations.page(ref, undefined, 10) : undefined), 8000, 'the answer')
    const helperChat = await answered(helper)
    const echoChat = await answered(echo)
    expect(helperChat.map((m) => [m.direction, textOf(m).startsWith('现在是') ? '现在是 …' : textOf(m)])).toEqual([
      ['out', '时间'],
      ['in', '现在是 …'],
    ])
    expect(echoChat.map((m) => [m.direction, textOf(m)])).toEqual([
      ['out', '第一行\n第二行\n第三行'],
      ['in', '第一行\n第二行\n第三行'],
    ])
    // The answer is stamped with whole server seconds; the order does not depend on it.
    expect(helperChat[1]!.time % 1000).toBe(0)
    expect(helperChat[0]!.order).toBeLessThan(helperChat[1]!.order)

    const again = await restart(c, dataDir, vault)
    expect(again.online().conversations.page(helper, undefined, 10).map((m) => [m.id, m.order])).toEqual(helperChat.map((m) => [m.id, m.order]))
    expect(again.online().conversations.page(echo, undefined, 10).map((m) => m.id)).toEqual(echoChat.map((m) => m.id))
    expect(again.online().conversations.search('二行\n第', echo, 10).map((h) => h.messageId).sort()).toEqual(echoChat.map((m) => m.id).sort())
    expect(again.online().conversations.search('\u0000时间"*NEAR(', undefined, 10)).toEqual([])
  })

  it('pages a burst of 120 from the phone back to #1 in delivery order, also after a restart', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const c = await online({ dataDir, vault })
    const friend = world.friends.find((f: any) => !f.bot)
    const ref = friendRef(c, friend.nick)
    for (let i = 1; i <= 120; i++) expect((await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [`#${i}`] })).status).toBe(200)
    await eventually(() => c.online().conversations.page(ref, undefined, 200).length === 120 || undefined, 10_000, '120 stored')
    const expected = Array.from({ length: 120 }, (_, i) => `#${i + 1}`)
    for (const limit of [50, 7, 120, 200]) expect(scrollToStart(c, ref, limit).map(textOf)).toEqual(expected)
    expect(c.online().conversations.page(ref, scrollToStart(c, ref, 50)[0]!.id, 50)).toEqual([])
    // Many share a second: the order is not the time's.
    const all = scrollToStart(c, ref, 50)
    expect(new Set(all.map((m) => m.time)).size).toBeLessThan(120)
    // A search hit's neighbourhood follows the same order.
    const hit = c.online().conversations.search('#60', ref, 5).find((h) => h.snippet.includes('\u0001#60\u0002'))!
    expect(c.online().conversations.around(hit.messageId, 11).map(textOf)).toEqual(expected.slice(54, 65))
    expect(c.online().conversations.list().find((s) => s.ref.key === ref.key)).toMatchObject({ unread: 120, lastMessage: { preview: '#120' } })

    const again = await restart(c, dataDir, vault)
    expect(scrollToStart(again, ref, 50).map((m) => m.id)).toEqual(all.map((m) => m.id))
  })

  it('keeps a group’s order with several members in bursts and own messages between them (their echoes claim them)', async () => {
    const c = await online()
    const g = world.groups.find((x: any) => x.name === '吃瓜群')
    const members = g.members.filter((m: any) => m.qq !== SELF).slice(0, 3)
    const ref: ConversationRef = { kind: 'group', key: c.online().contacts.snapshot.groups.find((x) => x.name === '吃瓜群')!.key }
    const expected: string[] = []
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 30; i++) {
        const text = `r${round}-m${i}`
        await phone.post('/control/messages/send', { kind: 'group', from: members[i % 3].qq, target: g.number, content: [text] })
        expected.push(text)
      }
      await eventually(() => c.online().conversations.page(ref, undefined, 200).length === expected.length || undefined, 8000, `round ${round} stored`)
      for (const text of [`r${round}-own-a`, `r${round}-own-b`]) {
        c.online().sender.send(ref, [{ type: 'text', text }])
        expected.push(text)
      }
    }
    await eventually(() => {
      const page = c.online().conversations.page(ref, undefined, 200)
      return page.filter((m) => m.direction === 'out').every((m) => m.status === 'sent') && page.length === expected.length ? page : undefined
    }, 8000, 'own messages sent')
    // Echoes (§6.6) had time to come back and be matched.
    await new Promise((r) => setTimeout(r, 700))
    const all = scrollToStart(c, ref, 25)
    expect(all.map(textOf)).toEqual(expected)
    expect(new Set(all.map((m) => m.sender?.uin).filter(Boolean)).size).toBe(3)
  })

  it('moves a message the user resends to the end: the recipient gets it after what came in meanwhile', async () => {
    const c = await online()
    const friend = world.friends.find((f: any) => !f.bot)
    const ref = friendRef(c, friend.nick)
    await phone.post('/control/faults', { endpoint: 'send_buddy_msg2', fault: { kind: 'retcode', retcode: 1202 }, count: 1 })
    const [m] = c.online().sender.send(ref, [{ type: 'text', text: '重发我' }])
    await eventually(() => c.online().conversations.page(ref, undefined, 10).find((x) => x.id === m!.id && x.status === 'unknown'), 5000, 'unknown')
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['在吗？'] })
    await eventually(() => c.online().conversations.page(ref, undefined, 10).some((x) => textOf(x) === '在吗？') || undefined, 5000, 'the question')
    expect(c.online().conversations.page(ref, undefined, 10).map(textOf)).toEqual(['重发我', '在吗？'])
    const resent = c.online().sender.retry(m!.id)
    await eventually(() => c.online().conversations.page(ref, undefined, 10).find((x) => x.id === m!.id && x.status === 'sent'), 5000, 'resent')
    expect(c.online().conversations.page(ref, undefined, 10).map(textOf)).toEqual(['在吗？', '重发我'])
    expect(resent.order).toBeGreaterThan(c.online().conversations.page(ref, undefined, 10)[0]!.order)
  })
})

describe('server times at the decode boundary', () => {
  /** Puts a friend message with that `time` (JSON text, any digits) straight into the account's poll mailbox. */
  function deliverWithTime(timeJson: string, text: string): void {
    const channel = emu.core.channels.live(SELF)!
    const friend = world.friends.find((f: any) => !f.bot)
    const raw = (JSON as unknown as { rawJSON(t: string): unknown }).rawJSON(timeJson)
    channel.mailbox.push({
      poll_type: 'message',
      value: { msg_id: channel.mailbox.nextMsgId(), from_uin: Number(channel.login.ids.uin(friend.qq)), to_uin: Number(channel.login.ids.uin(SELF)), msg_type: 0, time: raw, content: [text] },
    })
  }

  it('stores an item whose time is beyond 2^53 or beyond what a Date holds with the receive time, and keeps running, also at the next login', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const c = await online({ dataDir, vault })
    const friend = world.friends.find((f: any) => !f.bot)
    const ref = friendRef(c, friend.nick)
    const from = Date.now()
    deliverWithTime('9007199254740993', 'too big')
    deliverWithTime('8640000000001', 'beyond Date')
    deliverWithTime('-1', 'negative')
    deliverWithTime('1e308', 'huge')
    deliverWithTime('18446744073709551616', '2^64')
    deliverWithTime('1450686775.5', 'fractional')
    await eventually(() => c.online().conversations.page(ref, undefined, 10).length === 6 || undefined, 8000, 'all six stored')
    const page = c.online().conversations.page(ref, undefined, 10)
    for (const m of page) {
      expect(m.time).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000)
      expect(m.time).toBeLessThanOrEqual(Date.now())
    }
    // The mailbox hands them over newest first; the loop sorts them back (§6.1).
    expect(page.map(textOf)).toEqual(['too big', 'beyond Date', 'negative', 'huge', '2^64', 'fractional'])
    const summary = c.online().conversations.list().find((s) => s.ref.key === ref.key)!
    expect(new Date(summary.lastMessage!.time).toISOString()).toMatch(/^20/)
    // Still polling: the next message arrives.
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['still here'] })
    await eventually(() => c.online().conversations.page(ref, undefined, 10).some((m) => textOf(m) === 'still here') || undefined, 8000, 'the next message')

    const again = await restart(c, dataDir, vault)
    expect(again.online().conversations.page(ref, undefined, 10).map(textOf)).toEqual([...page.map(textOf), 'still here'])
    expect(again.online().conversations.list().length).toBeGreaterThan(0)
    await again.shutdown()
    // The service's values as they came, each in a column of its own.
    const db = new DatabaseSync(join(dataDir, 'accounts', SELF, 'history.sqlite'), { readOnly: true })
    const raw = db.prepare(`SELECT text, server_time FROM messages WHERE conv_key = ? ORDER BY ord`).all(ref.key)
    db.close()
    expect(raw.slice(0, 6).map((r) => r.server_time)).toEqual(['9007199254740993', '8640000000001', '-1', '1e+308', '18446744073709551616', '1450686775.5'])
  })

  it('logs in and lists conversations over a history file an older version left a too-large time in', async () => {
    const dataDir = tempDir()
    const file = join(dataDir, 'accounts', SELF, 'history.sqlite')
    HistoryStore.open(file).close()
    const db = new DatabaseSync(file)
    // What the old decode stored for `"time":9007199254740993` (× 1000): node:sqlite cannot read it as a number.
    db.exec(`INSERT INTO messages (id, conv_kind, conv_key, direction, time, segments, text, status, ord)
             VALUES ('old-bad', 'friend', 'f:q:10001', 'in', 9007199254740993000, '[{"type":"text","text":"x"}]', 'x', 'received', 1)`)
    db.exec(`INSERT INTO conversations (kind, key, title, last_time, unread) VALUES ('friend', 'f:q:10001', '旧的', 9007199254740993000, 1)`)
    db.close()
    const lists: unknown[] = []
    const c = newClient(emu.profile, { dataDir })
    c.on('conversations', (l) => lists.push(l))
    clients.push(c)
    await loginClient(c, phone)
    await eventually(() => lists.length || undefined, 5000, 'a conversation list')
    const old = c.online().conversations.list().find((s) => s.ref.key === 'f:q:10001')!
    expect(old).toMatchObject({ title: '旧的', unread: 1, lastMessage: { preview: '', time: 0 } })
    expect(c.online().conversations.page(old.ref, undefined, 10)).toMatchObject([{ id: 'old-bad', damaged: true, segments: [] }])
    // And it goes on receiving.
    const friend = world.friends.find((f: any) => !f.bot)
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['after the old row'] })
    await eventually(() => c.online().conversations.page(friendRef(c, friend.nick), undefined, 10).some((m) => textOf(m) === 'after the old row') || undefined, 5000, 'a new message')
  })

  it('carries a preview of a few hundred characters for a huge message; the message keeps everything', async () => {
    const c = await online()
    const friend = world.friends.find((f: any) => !f.bot)
    const ref = friendRef(c, friend.nick)
    const part = '长'.repeat(3999) + '👍'
    let pushed: unknown
    c.on('conversations', (list) => (pushed = list))
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: Array.from({ length: 200 }, () => part) })
    const m = await eventually(() => c.online().conversations.page(ref, undefined, 1).find((x) => textOf(x).length > 100_000), 8000, 'the huge message')
    expect(textOf(m)).toBe(part.repeat(200))
    const preview = c.online().conversations.list().find((s) => s.ref.key === ref.key)!.lastMessage!.preview
    expect([...preview].length).toBeLessThanOrEqual(PREVIEW_MAX)
    expect(preview.startsWith('长长长')).toBe(true)
    await eventually(() => pushed, 2000, 'a conversations event')
    expect(JSON.stringify(pushed).length).toBeLessThan(100_000)
  })
})
