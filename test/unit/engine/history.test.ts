import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HistoryStore, type StoredMessage } from '../../../electron/engine/history/history-store'
import { tempDir } from '../../support/client'

const stores: HistoryStore[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})
function open(file = ':memory:'): HistoryStore {
  const s = HistoryStore.open(file)
  stores.push(s)
  return s
}

let n = 0
function msg(text: string, extra: Partial<StoredMessage> = {}): StoredMessage {
  n++
  return {
    id: `m${n}`,
    conversation: { kind: 'friend', key: 'f:n:小明/3' },
    direction: 'in',
    time: 1_700_000_000_000 + n,
    segments: [{ type: 'text', text }],
    status: 'received',
    attempts: 0,
    text,
    dedupe: `d${n}`,
    ...extra,
  }
}

describe('history store', () => {
  it('migrates a new database to the latest version, and reopens it without migrating again', () => {
    const file = join(tempDir(), 'h.sqlite')
    const a = open(file)
    expect(a.version).toBe(1)
    a.addReceived([msg('hello')])
    a.close()
    stores.pop()
    const b = open(file)
    expect(b.version).toBe(1)
    expect(b.count()).toBe(1)
  })

  it('drops a received message whose dedupe key it has already stored', () => {
    const h = open()
    const m = msg('once')
    expect(h.addReceived([m])).toHaveLength(1)
    expect(h.addReceived([{ ...m, id: 'other-id' }])).toHaveLength(0)
    expect(h.count()).toBe(1)
  })

  it('pages a conversation backwards, oldest first within a page', () => {
    const h = open()
    const all = Array.from({ length: 25 }, (_, i) => msg(`t${i}`))
    h.addReceived(all)
    const last = h.page(all[0]!.conversation, { limit: 10 })
    expect(last.map((m) => m.text)).toEqual(all.slice(15).map((m) => m.text))
    const before = h.page(all[0]!.conversation, { before: last[0]!.id, limit: 10 })
    expect(before.map((m) => m.text)).toEqual(all.slice(5, 15).map((m) => m.text))
    expect(h.around(all[12]!.id, 5).map((m) => m.text)).toEqual(['t10', 't11', 't12', 't13', 't14'])
  })

  it('finds Chinese substrings: trigram FTS for 3+ characters, a scan for 1–2', () => {
    const h = open()
    h.addReceived([msg('今天天气很好，出去玩吧'), msg('明天下雨'), msg('Hello World 100%')])
    expect(h.search('天气很', { limit: 10 }).map((r) => r.message.text)).toEqual(['今天天气很好，出去玩吧'])
    expect(h.search('下雨', { limit: 10 }).map((r) => r.message.text)).toEqual(['明天下雨'])
    expect(h.search('天', { limit: 10 })).toHaveLength(2)
    expect(h.search('100%', { limit: 10 })).toHaveLength(1)
    expect(h.search('%', { limit: 10 })).toHaveLength(1)
    expect(h.search('"天气', { limit: 10 })).toHaveLength(0)
    expect(h.search('天气很', { limit: 10 })[0]!.snippet).toContain('\u0001天气很\u0002')
  })

  it('keeps the outbox across a restart and marks interrupted sends unknown', () => {
    const file = join(tempDir(), 'h.sqlite')
    const a = open(file)
    a.addOutgoing(msg('queued one', { direction: 'out', status: 'queued', dedupe: undefined }))
    a.addOutgoing(msg('in flight', { direction: 'out', status: 'sending', dedupe: undefined }))
    a.close()
    stores.pop()
    const b = open(file)
    expect(b.markInterrupted()).toBe(1)
    expect(b.outbox().map((m) => m.text)).toEqual(['queued one'])
    expect(b.search('in flight', { limit: 1 })[0]!.message.status).toBe('unknown')
  })

  it('tracks conversations: unread, drafts, pins', () => {
    const h = open()
    const ref = { kind: 'group' as const, key: 'g:n:吃瓜群' }
    h.touch(ref, { title: '吃瓜群', lastTime: 5, unreadDelta: 1 })
    h.touch(ref, { lastTime: 3, unreadDelta: 1 })
    h.touch({ kind: 'friend', key: 'f:x' }, { title: 'x', lastTime: 9 })
    expect(h.conversation(ref)).toMatchObject({ title: '吃瓜群', unread: 2, lastTime: 5 })
    h.setDraft(ref, '草稿')
    h.setFlag(ref, 'pinned', true)
    h.markRead(ref)
    expect(h.conversations()[0]).toMatchObject({ ref, draft: '草稿', pinned: true, unread: 0 })
  })
})
