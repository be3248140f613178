import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { HistoryStore, type NewMessage } from '../../electron/engine/history/history-store'
import { MIGRATIONS } from '../../electron/engine/history/migrations'
import type { ConversationRef } from '../../electron/model'
import { tempDir } from '../support/client'
import { median, percentile, since, type Report, type Scenario } from './bench'

/**
 * History paging on the stored order (keyset on conversation + ord) when a whole conversation
 * shares one second: the newest page, a page from the middle, the page at the start, a jump to a
 * search hit, and the one-time migration of a version-1 file of that size.
 */

const ROWS = 100_000
const PAGE = 50
const RUNS = 200
const SECOND = 1_700_000_000_000
const CONV: ConversationRef = { kind: 'group', key: 'g:n:吃瓜群' }
const OTHER: ConversationRef = { kind: 'friend', key: 'f:n:小明/3' }

function message(i: number, conversation: ConversationRef): NewMessage {
  const out = i % 7 === 0
  const text = `消息 ${i}`
  return {
    id: `m${i}`,
    conversation,
    direction: out ? 'out' : 'in',
    ...(out ? {} : { sender: { uin: String(100 + (i % 5)), name: `成员${i % 5}` } }),
    time: SECOND,
    segments: [{ type: 'text', text }],
    status: out ? 'sent' : 'received',
    ...(out ? {} : { dedupe: `bench:${i}` }),
    attempts: 0,
    text,
  }
}

/** Median and p95 of `fn` over RUNS calls, in ms. */
function time(fn: (i: number) => unknown): { median: number; p95: number } {
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now()
    fn(i)
    samples.push(since(t0))
  }
  return { median: median(samples), p95: percentile(samples, 95) }
}

const scenario: Scenario = {
  name: 'history-order',
  title: `history pages over ${ROWS.toLocaleString('en-US')} messages that share one timestamp`,
  async run(report: Report) {
    const dir = tempDir()
    const h = HistoryStore.open(join(dir, 'history.sqlite'))
    const t0 = performance.now()
    for (let start = 0; start < ROWS; start += 1_000) {
      h.tx(() => {
        for (let i = start; i < start + 1_000; i++) {
          const m = message(i, i % 10 === 9 ? OTHER : CONV)
          if (m.direction === 'out') h.addOutgoing(m)
          else h.addReceived([m])
        }
      })
    }
    report.line(since(t0), 'ms', `write ${ROWS.toLocaleString('en-US')} messages (90% in one group, 1 in 7 own), 1,000 per transaction`)
    report.note(`every message has time ${SECOND}; pages of ${PAGE}; each number is the median (p95) of ${RUNS} calls`)

    const ids = h.page(CONV, { limit: ROWS }).map((m) => m.id)
    const show = (r: { median: number; p95: number }, what: string) => {
      report.line(r.median, 'ms', `${what} (p95 ${r.p95.toFixed(3)} ms)`)
      return r.median
    }
    const newest = show(time(() => h.page(CONV, { limit: PAGE })), 'newest page')
    const middle = show(time((i) => h.page(CONV, { before: ids[ids.length / 2 + i]!, limit: PAGE })), 'a page from the middle (before message #45,000 + i)')
    show(time(() => h.page(CONV, { before: ids[PAGE]!, limit: PAGE })), 'the page at the start')
    show(time((i) => h.around(ids[1_000 + i * 300]!, PAGE)), 'around a message (jump to a search hit)')
    show(time(() => h.last(CONV)), 'the summary line (newest message, preview)')
    let paged = 0
    const t1 = performance.now()
    for (let before: string | undefined; ; ) {
      const page = h.page(CONV, { before, limit: PAGE })
      paged += page.length
      if (page.length < PAGE) break
      before = page[0]!.id
    }
    report.line(since(t1), 'ms', `scroll the whole group back to its start: ${paged.toLocaleString('en-US')} messages in ${Math.ceil(paged / PAGE)} pages`)
    if (paged !== ids.length) throw new Error(`paging saw ${paged} of ${ids.length} messages`)
    h.close()

    // The same number of rows in a version-1 file: the 1 → 2 migration adds the order and its indexes.
    const v1 = join(dir, 'v1.sqlite')
    const db = new DatabaseSync(v1)
    MIGRATIONS[0]!(db)
    db.exec('PRAGMA user_version = 1')
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ROWS - 1})
      INSERT INTO messages (id, conv_kind, conv_key, direction, time, segments, text, status)
      SELECT 'v' || i, 'group', 'g', 'in', ${SECOND}, '[{"type":"text","text":"x"}]', 'x', 'received' FROM n`)
    db.close()
    const t2 = performance.now()
    HistoryStore.open(v1).close()
    report.line(since(t2), 'ms', `open a version-1 file of ${ROWS.toLocaleString('en-US')} messages (migration 1 → 2)`)
    rmSync(dir, { recursive: true, force: true })
    report.summary(`over ${ROWS.toLocaleString('en-US')} same-second messages a page takes ${newest.toFixed(3)} ms (newest) / ${middle.toFixed(3)} ms (middle), median`)
  },
}

export default scenario
