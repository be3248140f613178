import { DatabaseSync } from 'node:sqlite'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HistoryStore, PREVIEW_MAX, TEXT_MAX, type NewMessage, type StoredMessage } from '../../../electron/engine/history/history-store'
import { MIGRATIONS } from '../../../electron/engine/history/migrations'
import { Logger } from '../../../electron/engine/log'
import type { ConversationRef } from '../../../electron/model'
import { tempDir } from '../../support/client'

const stores: HistoryStore[] = []
afterEach(() => {
  for (const s of stores.splice(0)) s.close()
})
function open(file = ':memory:', logger?: Logger): HistoryStore {
  const s = HistoryStore.open(file, logger)
  stores.push(s)
  return s
}
function reopen(h: HistoryStore, file: string, logger?: Logger): HistoryStore {
  h.close()
  stores.splice(stores.indexOf(h), 1)
  return open(file, logger)
}

const FRIEND: ConversationRef = { kind: 'friend', key: 'f:n:小明/3' }
const GROUP: ConversationRef = { kind: 'group', key: 'g:n:吃瓜群' }
/** One second of server time, as received items carry it (whole seconds × 1000). */
const SECOND = 1_700_000_000_000

let n = 0
function msg(text: string, extra: Partial<NewMessage> = {}): NewMessage {
  n++
  return {
    id: `m${n}`,
    conversation: FRIEND,
    direction: 'in',
    time: SECOND + n,
    segments: [{ type: 'text', text }],
    status: 'received',
    attempts: 0,
    text,
    dedupe: `d${n}`,
    ...extra,
  }
}
function own(text: string, extra: Partial<NewMessage> = {}): NewMessage {
  return msg(text, { direction: 'out', status: 'sent', dedupe: undefined, ...extra })
}
const texts = (ms: readonly StoredMessage[]) => ms.map((m) => m.text)

/** Every page from the newest back to the start, as a chat scrolled to its top loads them. */
function allPages(h: HistoryStore, conv: ConversationRef, limit: number): { pages: StoredMessage[][]; all: StoredMessage[] } {
  const pages: StoredMessage[][] = []
  let before: string | undefined
  for (;;) {
    const page = h.page(conv, { before, limit })
    pages.unshift(page)
    if (page.length < limit) break
    before = page[0]!.id
  }
  return { pages, all: pages.flat() }
}

describe('history store', () => {
  it('migrates a new database to the latest version, and reopens it without migrating again', () => {
    const file = join(tempDir(), 'h.sqlite')
    const a = open(file)
    expect(a.version).toBe(MIGRATIONS.length)
    a.addReceived([msg('hello')])
    const b = reopen(a, file)
    expect(b.version).toBe(MIGRATIONS.length)
    expect(b.count()).toBe(1)
  })

  it('upgrades a version-1 database: its rows keep the order they were written in, whatever their times', () => {
    const file = join(tempDir(), 'v1.sqlite')
    const db = new DatabaseSync(file)
    MIGRATIONS[0]!(db)
    db.exec('PRAGMA user_version = 1')
    const insert = db.prepare(
      `INSERT INTO messages (id, conv_kind, conv_key, direction, time, segments, text, status) VALUES (?, 'friend', ?, ?, ?, ?, ?, ?)`,
    )
    // The bug this fixes: a question sent at .700 s, the answer stamped with the whole second.
    insert.run('q', FRIEND.key, 'out', SECOND + 700, JSON.stringify([{ type: 'text', text: '时间' }]), '时间', 'sent')
    insert.run('a', FRIEND.key, 'in', SECOND, JSON.stringify([{ type: 'text', text: '现在是 …' }]), '现在是 …', 'received')
    db.close()
    const h = open(file)
    expect(h.version).toBe(MIGRATIONS.length)
    expect(texts(h.page(FRIEND, { limit: 10 }))).toEqual(['时间', '现在是 …'])
    h.addReceived([msg('later', { time: SECOND - 5_000 })])
    expect(texts(h.page(FRIEND, { limit: 10 }))).toEqual(['时间', '现在是 …', 'later'])
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
    const last = h.page(FRIEND, { limit: 10 })
    expect(texts(last)).toEqual(all.slice(15).map((m) => m.text))
    const before = h.page(FRIEND, { before: last[0]!.id, limit: 10 })
    expect(texts(before)).toEqual(all.slice(5, 15).map((m) => m.text))
    expect(texts(h.around(all[12]!.id, 5))).toEqual(['t10', 't11', 't12', 't13', 't14'])
  })

  it('puts an own message before the answer to it although the answer carries an earlier time, also after a reopen', () => {
    const file = join(tempDir(), 'h.sqlite')
    const h = open(file)
    const q = h.addOutgoing(own('时间', { time: SECOND + 700, status: 'queued' }))
    h.addReceived([msg('现在是 12:00:00', { time: SECOND })])
    const multi = h.addOutgoing(own('第一行\n第二行', { time: SECOND + 900 }))
    h.addReceived([msg('第一行\n第二行', { time: SECOND })])
    const order = ['时间', '现在是 12:00:00', '第一行\n第二行', '第一行\n第二行']
    expect(texts(h.page(FRIEND, { limit: 10 }))).toEqual(order)
    expect(h.page(FRIEND, { limit: 10 }).map((m) => m.direction)).toEqual(['out', 'in', 'out', 'in'])
    expect(q.order).toBeLessThan(multi.order)
    // An echo claims the own row: it keeps its place.
    h.claimEcho(q.id, 'echo-key')
    expect(texts(reopen(h, file).page(FRIEND, { limit: 10 }))).toEqual(order)
  })

  it('moves a resent message to the end of the order', () => {
    const h = open()
    const failed = h.addOutgoing(own('没发出去', { status: 'failed' }))
    h.addReceived([msg('在吗')])
    h.moveToEnd(failed.id)
    expect(texts(h.page(FRIEND, { limit: 10 }))).toEqual(['在吗', '没发出去'])
    expect(h.get(failed.id)!.order).toBeGreaterThan(h.page(FRIEND, { limit: 10 })[0]!.order)
  })

  it('pages 3,000 messages that share one second, from several senders and own ones, without a gap or a duplicate', () => {
    const h = open()
    const written: string[] = []
    const ids: string[] = []
    let k = 0
    // Three members and the user talk in a group in one second; a friend chat is interleaved.
    for (let batch = 0; batch < 60; batch++) {
      const received = Array.from({ length: 40 }, () => {
        const i = k++
        return msg(`g${i}`, { conversation: GROUP, time: SECOND, sender: { uin: String(100 + (i % 3)), name: `成员${i % 3}` } })
      })
      h.addReceived([...received, msg(`f${batch}`, { time: SECOND })])
      written.push(...received.map((m) => m.text))
      ids.push(...received.map((m) => m.id))
      for (let j = 0; j < 10; j++) {
        const text = `g${k++}`
        ids.push(h.addOutgoing(own(text, { conversation: GROUP, time: SECOND + 999 })).id)
        written.push(text)
      }
    }
    expect(written).toHaveLength(3_000)
    for (const limit of [50, 7, 1_000]) {
      const { pages, all } = allPages(h, GROUP, limit)
      expect(texts(all)).toEqual(written)
      expect(new Set(all.map((m) => m.id)).size).toBe(written.length)
      // Each page ends right where the next newer one starts.
      const full = pages.filter((p) => p.length)
      for (let i = 1; i < full.length; i++) expect(full[i - 1]!.at(-1)!.order).toBeLessThan(full[i]![0]!.order)
      // The start is reached: the page before the oldest message is empty.
      expect(h.page(GROUP, { before: all[0]!.id, limit })).toEqual([])
    }
    // Jumping to a search hit shows its neighbours in the same order.
    for (const at of [0, 1, 1_234, 2_999]) {
      const around = h.around(ids[at]!, 11)
      const from = Math.max(0, at - 5)
      expect(texts(around)).toEqual(written.slice(from, from + 11))
    }
    expect(texts(allPages(h, FRIEND, 50).all)).toEqual(Array.from({ length: 60 }, (_, i) => `f${i}`))
  })

  it('refuses a page before a message that is not in that conversation', () => {
    const h = open()
    const [m] = h.addReceived([msg('x')])
    expect(() => h.page(GROUP, { before: m!.id, limit: 10 })).toThrow(expect.objectContaining({ kind: 'bad-input' }))
    expect(() => h.page(FRIEND, { before: 'nope', limit: 10 })).toThrow(expect.objectContaining({ kind: 'bad-input' }))
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

  it('takes hostile search text as plain words: NUL and control characters, quotes, FTS5 operators, lone surrogates, 200 characters', () => {
    const h = open()
    h.addReceived([msg('abc def'), msg('x * y'), msg('NEAR(a b)'), msg('-x 减号'), msg('他说"好"'), msg('今天天气很好'), msg("it's ok")])
    const found = (q: string) => h.search(q, { limit: 10 }).map((r) => r.message.text)
    expect(found('ab\u0000c')).toEqual(['abc def'])
    expect(found('\u0000')).toEqual([])
    expect(found('a\u0007b\u001fc\u007f')).toEqual(['abc def'])
    expect(found('c\u0000\u0085 d')).toEqual(['abc def'])
    expect(found('c\nd')).toEqual([])
    expect(found('*')).toEqual(['x * y'])
    expect(found('x * y')).toEqual(['x * y'])
    expect(found('NEAR(')).toEqual(['NEAR(a b)'])
    expect(found('NEAR(a b)')).toEqual(['NEAR(a b)'])
    expect(found('-x')).toEqual(['-x 减号'])
    expect(found('-x 减')).toEqual(['-x 减号'])
    expect(found('"')).toEqual(['他说"好"'])
    expect(found('说"好"')).toEqual(['他说"好"'])
    expect(found('"""')).toEqual([])
    expect(found("'")).toEqual(["it's ok"])
    expect(found("t's")).toEqual(["it's ok"])
    expect(found('abc OR x')).toEqual([])
    expect(found('\ud800')).toEqual([])
    expect(found('天气\udc00很')).toEqual(['今天天气很好'])
    expect(found('a'.repeat(200))).toEqual([])
    expect(found('"*-NEAR(^'.repeat(20))).toEqual([])
  })

  it('keeps the outbox across a restart and marks interrupted sends unknown', () => {
    const file = join(tempDir(), 'h.sqlite')
    const a = open(file)
    a.addOutgoing(own('queued one', { status: 'queued' }))
    a.addOutgoing(own('in flight', { status: 'sending' }))
    const b = reopen(a, file)
    expect(b.markInterrupted()).toBe(1)
    expect(b.outbox().map((m) => m.text)).toEqual(['queued one'])
    expect(b.search('in flight', { limit: 1 })[0]!.message.status).toBe('unknown')
  })

  it('tracks conversations: unread, drafts, pins', () => {
    const h = open()
    const ref = GROUP
    h.touch(ref, { title: '吃瓜群', lastTime: 5, unreadDelta: 1 })
    h.touch(ref, { lastTime: 3, unreadDelta: 1 })
    h.touch({ kind: 'friend', key: 'f:x' }, { title: 'x', lastTime: 9 })
    expect(h.conversation(ref)).toMatchObject({ title: '吃瓜群', unread: 2, lastTime: 5 })
    h.setDraft(ref, '草稿')
    h.setFlag(ref, 'pinned', true)
    h.markRead(ref)
    expect(h.conversations()[0]).toMatchObject({ ref, draft: '草稿', pinned: true, unread: 0 })
  })

  it('cuts the summary preview of a 10 MB message to a few hundred whole characters; the message keeps all of it', () => {
    const h = open()
    // 👍🏽 is one character of four UTF-16 units (two surrogate pairs); e + U+0301 is one of two.
    const huge = 'ab👍🏽e\u0301'.repeat(800_000)
    expect(Buffer.byteLength(huge)).toBeGreaterThan(10_000_000)
    const [m] = h.addReceived([msg(huge)])
    const last = h.last(FRIEND)!
    const graphemes = (t: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(t)].map((x) => x.segment)
    const chars = graphemes(last.text)
    expect(chars.length).toBeLessThanOrEqual(PREVIEW_MAX)
    expect(chars.length).toBeGreaterThan(PREVIEW_MAX / 2)
    // Whole characters: exactly the first ones of the message.
    expect(last.text).not.toMatch(/\p{Cs}/u)
    expect(graphemes(huge.slice(0, 4_000)).slice(0, chars.length).join('')).toBe(last.text)
    // Search and previews use a capped plain text; the content itself is whole.
    const stored = h.get(m!.id)!
    expect(stored.segments).toEqual([{ type: 'text', text: huge }])
    expect(graphemes(stored.text)).toHaveLength(TEXT_MAX)
    // A long run of one cluster's combining marks is never cut inside it.
    h.addReceived([msg('x' + '\u0301'.repeat(5_000))])
    expect(h.last(FRIEND)!.text).toBe('')
    h.addReceived([msg('短消息')])
    expect(h.last(FRIEND)!.text).toBe('短消息')
  })
})

describe('history store with damaged rows', () => {
  /** A database that already holds rows no current code writes, put there with raw SQL. */
  function damagedDatabase(): string {
    const file = join(tempDir(), 'damaged.sqlite')
    const h = HistoryStore.open(file)
    h.addReceived([msg('before', { time: SECOND })])
    h.addOutgoing(own('queued good', { status: 'queued' }))
    h.touch(FRIEND, { title: '小明', lastTime: SECOND })
    h.touch(GROUP, { title: '吃瓜群', lastTime: SECOND })
    h.close()
    const db = new DatabaseSync(file)
    const row = (id: string, over: Record<string, string>) => {
      const v = {
        conv_kind: `'friend'`,
        conv_key: `'${FRIEND.key}'`,
        direction: `'in'`,
        time: String(SECOND),
        segments: `'[{"type":"text","text":"ok"}]'`,
        text: `'ok'`,
        status: `'received'`,
        error: 'NULL',
        ...over,
      }
      db.exec(
        `INSERT INTO messages (id, conv_kind, conv_key, direction, time, segments, text, status, error, ord)
         VALUES ('${id}', ${v.conv_kind}, ${v.conv_key}, ${v.direction}, ${v.time}, ${v.segments}, ${v.text}, ${v.status}, ${v.error}, (SELECT MAX(ord) + 1 FROM messages))`,
      )
    }
    row('bad-json', { segments: `'[{"type":"text",'` })
    // What an older version stored from a poll2 item with time 2^53 + 1.
    row('too-big', { time: '9007199254740993000' })
    row('beyond-date', { time: '8640000000001000' })
    row('unknown-segment', { segments: `'[{"type":"hologram","data":1}]'` })
    row('unknown-status', { status: `'teleported'` })
    row('bad-error', { direction: `'out'`, status: `'failed'`, error: `'{oops'` })
    row('queued-bad', { direction: `'out'`, status: `'queued'`, segments: `'nope'` })
    row('unknown-kind', { conv_kind: `'channel'`, text: `'channel text'` })
    row('after', { text: `'after'`, segments: `'[{"type":"text","text":"after"}]'` })
    db.exec(`UPDATE conversations SET last_time = 9007199254740993000 WHERE kind = 'group'`)
    db.exec(`INSERT INTO conversations (kind, key, title, last_time, unread) VALUES ('channel', 'c:1', 'x', 1, 1), ('friend', 'f:big', 'big', 8640000000001000, 12345678901234567890)`)
    db.close()
    return file
  }

  it('reads each damaged row as an inert placeholder in its place, and logs it once', () => {
    const logged: string[] = []
    const h = open(damagedDatabase(), new Logger((level, m) => level === 'warn' && logged.push(m)))
    const page = h.page(FRIEND, { limit: 50 })
    expect(page.map((m) => [m.id, m.damaged ?? false])).toEqual([
      ['m' + (n - 1), false],
      ['m' + n, false],
      ['bad-json', true],
      ['too-big', true],
      ['beyond-date', true],
      ['unknown-segment', true],
      ['unknown-status', true],
      ['bad-error', true],
      ['queued-bad', true],
      ['after', false],
    ])
    for (const p of page.filter((m) => m.damaged)) {
      expect(p.segments).toEqual([])
      expect(Number.isFinite(new Date(p.time).getTime())).toBe(true)
    }
    expect(page.find((m) => m.id === 'bad-error')).toMatchObject({ direction: 'out', status: 'failed' })
    // Paging around and across them works; the same rows read again are not logged again.
    expect(h.page(FRIEND, { before: 'after', limit: 3 }).map((m) => m.id)).toEqual(['unknown-status', 'bad-error', 'queued-bad'])
    expect(h.around('too-big', 3).map((m) => m.id)).toEqual(['bad-json', 'too-big', 'beyond-date'])
    expect(h.get('too-big')).toMatchObject({ damaged: true })
    expect(logged).toHaveLength(7)
    expect(logged.join('\n')).not.toContain('ok')
  })

  it('keeps damaged rows out of the outbox and search, and reads the conversation list around them', () => {
    const h = open(damagedDatabase())
    expect(h.outbox().map((m) => m.text)).toEqual(['queued good'])
    expect(h.search('channel', { limit: 10 })).toEqual([])
    expect(h.search('ok', { limit: 10 }).every((r) => !r.message.damaged)).toBe(true)
    const list = h.conversations()
    expect(list.map((c) => c.ref.key).sort()).toEqual([FRIEND.key, GROUP.key, 'f:big'].sort())
    expect(list.find((c) => c.ref.key === GROUP.key)).toMatchObject({ title: '吃瓜群', lastTime: 0 })
    expect(list.find((c) => c.ref.key === 'f:big')).toMatchObject({ title: 'big', lastTime: 0, unread: 0 })
    expect(h.last(FRIEND)).toMatchObject({ text: 'after', direction: 'in' })
    // New messages still go in after them.
    h.addReceived([msg('new one')])
    expect(h.page(FRIEND, { limit: 2 }).map((m) => m.text)).toEqual(['after', 'new one'])
  })
})
