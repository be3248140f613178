import { randomUUID } from 'node:crypto'
import { runInNewContext } from 'node:vm'
import { setFlagsFromString } from 'node:v8'
import type { CDPSession, Page } from 'playwright-core'
import type { NewMessage } from '../../electron/engine/history/history-store'
import type { OnlineSession } from '../../electron/engine/online/online-session'
import type { ConversationRef, Picture, Segment } from '../../electron/model'
import { startApp } from '../e2e/support/app'
import { noisePng } from '../support/pictures'
import { since, sleep, type Report, type Scenario } from './bench'

/**
 * Memory after a day of use, in the real app (web mode, Chromium, the engine and the embedded
 * emulator): 5,000 friends, 1,000 groups, 100,000 stored messages over 400-odd conversations (three
 * of them holding thousands), 1,000 pictures in the media cache. Then rounds of 20 conversations
 * opened and closed (each scrolled back a few pages, the picture-heavy ones' lightbox opened and
 * stepped through). The backend's RSS and the renderer's JS heap (after a GC) at each step; the
 * heap must stay ≤ 100 MB and come back to within 10 % of its value before the first chat once
 * they are all closed. When either is missed, what the heap holds, by constructor.
 */

const FRIENDS = 5_000
const GROUPS = 1_000
const STORED = 100_000
const PICTURES = 1_000
/** The few conversations that hold thousands (paging matters there). */
const BIG = [30_000, 15_000, 8_000]
/** Conversations where a message in five is a picture: PICTURES spread over them. */
const PICTURE_CHATS = 5
const PICTURE_CHAT_MESSAGES = 1_000
/** What is left of STORED goes to conversations of this many each. */
const ORDINARY_MESSAGES = 100
const ROUNDS = 3
const PER_ROUND = 20
/** Pages scrolled back in each conversation opened. */
const PAGES_BACK = 3
const GOALS = { heapMiB: 100, returnShare: 0.1 }
/** The idle stretch after closing them all, before the last measure. */
const IDLE_MS = 30_000
const MiB = 1024 ** 2
/** The list's first row once the whole history is loaded (zh-CN chat.historyStart). */
const HISTORY_START = '没有更早的消息了'
const $ = (id: string) => `[data-testid="${id}"]`

interface Seeded {
  big: ConversationRef[]
  pictures: ConversationRef[]
  ordinary: ConversationRef[]
  /** A friend with no history, pinned to the top of the recent list: the chat open when nothing else is. */
  idle: ConversationRef
  ms: number
}

const TEXTS = ['好的', '今天天气不错，我们去公园走走吧。', '明天上午十点开会，记得带上材料', '哈哈哈哈', '收到', '周末有空一起吃饭吗？新开了一家川菜馆，听说味道很正宗', '这个问题我再想想']

/**
 * The history a day of use leaves, written the way the engine writes it: messages through the
 * history store (addReceived / addOutgoing, one transaction per conversation), each conversation's
 * row touched as a message touches it, pictures put into the media cache (identified, stored,
 * indexed) and carried by their messages' image segments as after the engine fetched them.
 */
async function seed(online: OnlineSession): Promise<Seeded> {
  const t0 = performance.now()
  const { history, media, contacts, conversations } = online
  const friends = contacts.snapshot.friends
  const groups = contacts.snapshot.groups
  const pictureQueue: Picture[] = []
  for (let i = 0; i < PICTURES; i++) pictureQueue.push(await media.put(noisePng(64 + (i % 5) * 16, 48 + (i % 7) * 8)))
  // Group members as the dispatcher names them; friends stand in for them (no member list is fetched for 1,000 groups).
  const senders = friends.slice(0, 200).map((f) => ({ uin: f.uin, name: f.displayName, key: f.key }))
  let written = 0
  const start = Date.now() - STORED * 1000
  const write = (ref: ConversationRef, count: number, pictureEvery = 0) => {
    history.tx(() => {
      for (let i = 0; i < count; i++) {
        const n = written++
        const out = n % 8 === 0
        const picture = pictureEvery > 0 && i % pictureEvery === 0 ? pictureQueue.pop() : undefined
        const text = `${TEXTS[n % TEXTS.length]!} #${i}`
        const segments: Segment[] = picture ? [{ type: 'image', ref: `{${randomUUID()}}.png`, picture }] : n % 40 === 0 ? [{ type: 'text', text }, { type: 'face', id: 14 }] : [{ type: 'text', text }]
        const m: NewMessage = {
          id: randomUUID(),
          conversation: ref,
          direction: out ? 'out' : 'in',
          ...(ref.kind === 'group' && !out ? { sender: senders[n % senders.length]! } : {}),
          time: start + n * 1000,
          segments,
          status: out ? 'sent' : 'received',
          attempts: 0,
          text: picture ? '[图片]' : text,
          ...(out ? {} : { dedupe: `bench:${n}` }),
        }
        if (out) history.addOutgoing(m)
        else history.addReceived([m])
      }
      history.touch(ref, { title: conversations.titleOf(ref), lastTime: start + (written - 1) * 1000 })
    })
  }
  const friend = (i: number): ConversationRef => ({ kind: 'friend', key: friends[i]!.key })
  const group = (i: number): ConversationRef => ({ kind: 'group', key: groups[i]!.key })
  const big = [group(0), friend(0), group(1)]
  const pictures = [friend(1), friend(2), group(2), group(3), friend(3)]
  const ordinaryCount = (STORED - BIG.reduce((a, b) => a + b, 0) - PICTURE_CHATS * PICTURE_CHAT_MESSAGES) / ORDINARY_MESSAGES
  const ordinary: ConversationRef[] = []
  for (let i = 0; i < ordinaryCount; i++) ordinary.push(i % 4 === 3 ? group(4 + (i >> 2)) : friend(4 + i - (i >> 2)))
  // Written oldest first: the conversations the rounds open last, so they top the recent list.
  const rest = ordinary.slice(ROUNDS * (PER_ROUND - BIG.length - PICTURE_CHATS))
  const opened = ordinary.slice(0, ROUNDS * (PER_ROUND - BIG.length - PICTURE_CHATS))
  for (const ref of rest) write(ref, ORDINARY_MESSAGES)
  for (let i = 0; i < big.length; i++) write(big[i]!, BIG[i]!)
  for (const ref of pictures) write(ref, PICTURE_CHAT_MESSAGES, PICTURE_CHAT_MESSAGES / (PICTURES / PICTURE_CHATS))
  for (const ref of opened) write(ref, ORDINARY_MESSAGES)
  if (written !== STORED || pictureQueue.length) throw new Error(`seeded ${written} messages, ${PICTURES - pictureQueue.length} pictures`)
  const idle = friend(FRIENDS - 1)
  conversations.setFlag(idle, 'pinned', true)
  return { big, pictures, ordinary: opened, idle, ms: since(t0) }
}

/** The backend's memory after a full GC (this process: engine, web server, embedded emulator, this script). */
const gc = (() => {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
})()

function backend(): { rss: number; heap: number; external: number } {
  gc()
  const m = process.memoryUsage()
  return { rss: m.rss / MiB, heap: m.heapUsed / MiB, external: (m.external + m.arrayBuffers) / MiB }
}

interface RendererMemory {
  /** Runtime.getHeapUsage after HeapProfiler.collectGarbage. */
  heap: number
  /** Performance.getMetrics JSHeapUsedSize (the same heap, as the metrics panel reports it). */
  metric: number
  nodes: number
  listeners: number
}

async function renderer(cdp: CDPSession): Promise<RendererMemory> {
  // Twice: what the first collection frees may hold more that only the second can.
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
  const counters = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number }
  return { heap: usedSize / MiB, metric: (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / MiB, nodes: counters.nodes, listeners: counters.jsEventListeners }
}

interface HeapContents {
  /** Self size and count per constructor (objects, closures) or kind (strings, arrays, code…). */
  by: Map<string, { count: number; bytes: number }>
  /** Chat messages as the stores hold them. */
  messages: number
  /** Strings by what they look like (an id, a key, a number, Chinese text…): which kind of data is held. */
  strings: Map<string, { count: number; bytes: number }>
  /** The strings of no recognised shape, by value (their head): what "other" holds. */
  others: Map<string, number>
}

/** What a string in the page's heap looks like, to say whose data it is. */
function stringShape(value: string): string {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)) return 'a UUID (message id)'
  if (/^m:[0-9a-f-]{36}$/i.test(value)) return 'a row key m:<id>'
  if (/^[fgd]:[a-z]:/.test(value)) return 'a contact key (f:/g:/d:…)'
  if (/^(friend|group|discussion|member):/.test(value)) return 'an avatar subject key'
  if (/^\d+$/.test(value)) return 'digits (uin, number)'
  if (/^https?:|^qq-media:|^\/media\//.test(value)) return 'a URL'
  if (/\p{Script=Han}/u.test(value)) return value.length > 40 ? 'Chinese text, long' : 'Chinese text'
  if (value.length > 200) return 'other, > 200 chars (source, JSON, style)'
  return 'other'
}

/** A heap snapshot of the page, summed by constructor, and how many chat messages it holds. */
async function heapContents(cdp: CDPSession): Promise<HeapContents> {
  const chunks: string[] = []
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk)
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk)
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk)
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] } }
    nodes: number[]
    edges: number[]
    strings: string[]
  }
  const { meta } = snap.snapshot
  const fields = meta.node_fields
  const [typeAt, nameAt, sizeAt, edgeCountAt] = ['type', 'name', 'self_size', 'edge_count'].map((f) => fields.indexOf(f)) as [number, number, number, number]
  const [edgeTypeAt, edgeNameAt] = ['type', 'name_or_index'].map((f) => meta.edge_fields.indexOf(f)) as [number, number]
  const property = meta.edge_types[0].indexOf('property')
  const types = meta.node_types[0]
  const by = new Map<string, { count: number; bytes: number }>()
  const strings = new Map<string, { count: number; bytes: number }>()
  const others = new Map<string, number>()
  let messages = 0
  for (let i = 0, edge = 0; i < snap.nodes.length; i += fields.length) {
    const type = types[snap.nodes[i + typeAt]!]!
    // A chat message as the stores hold it: an object with these properties.
    const names = new Set<string>()
    const edges = snap.nodes[i + edgeCountAt]!
    for (let e = 0; e < edges; e++, edge += meta.edge_fields.length) if (snap.edges[edge + edgeTypeAt] === property) names.add(snap.strings[snap.edges[edge + edgeNameAt]!]!)
    if (names.has('segments') && names.has('order') && names.has('conversation') && names.has('direction')) messages++
    // Objects, closures and the browser's own objects by their constructor or function name; the rest by kind (string, array, code…).
    const named = type === 'object' || type === 'closure' || type === 'native'
    // Blink's template names run to hundreds of characters: their head says what they are.
    const name = named ? `${snap.strings[snap.nodes[i + nameAt]!]!.slice(0, 60)}${type === 'closure' ? '()' : type === 'native' ? ' (native)' : ''}` : `(${type})`
    const e = by.get(name) ?? { count: 0, bytes: 0 }
    e.count++
    e.bytes += snap.nodes[i + sizeAt]!
    by.set(name, e)
    if (type === 'string' || type === 'concatenated string' || type === 'sliced string') {
      const value = snap.strings[snap.nodes[i + nameAt]!]!
      const shape = stringShape(value)
      if (shape === 'other') others.set(value.slice(0, 40), (others.get(value.slice(0, 40)) ?? 0) + 1)
      const st = strings.get(shape) ?? { count: 0, bytes: 0 }
      st.count++
      st.bytes += snap.nodes[i + sizeAt]!
      strings.set(shape, st)
    }
  }
  return { by, messages, strings, others }
}

/** What grew between two snapshots, by constructor, the largest growth first. */
function grown(before: HeapContents, after: HeapContents, top = 12, of: 'by' | 'strings' = 'by'): Array<{ name: string; count: number; mib: number; total: number }> {
  return [...after[of].entries()]
    .map(([name, e]) => {
      const was = before[of].get(name) ?? { count: 0, bytes: 0 }
      return { name, count: e.count - was.count, mib: (e.bytes - was.bytes) / MiB, total: e.bytes / MiB }
    })
    .sort((a, b) => b.mib - a.mib)
    .slice(0, top)
}

/** Clicks the recent list's row of that conversation, scrolling the list down to it. */
async function openFromRecent(page: Page, ref: ConversationRef): Promise<void> {
  const found = await page.evaluate(`(async () => {
    // The list element is its own scroller (VirtualList).
    const list = document.querySelector('${$('recent-list')}');
    const scroller = list;
    scroller.scrollTop = 0;
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => requestAnimationFrame(r));
      const row = list.querySelector('${$('conversation-row')}[data-key=${JSON.stringify(ref.key)}][data-kind="${ref.kind}"]');
      if (row) { row.click(); return true }
      scroller.scrollTop += scroller.clientHeight * 0.8;
    }
    return false;
  })()`)
  if (!found) throw new Error(`no recent-list row for ${ref.kind} ${ref.key}`)
  const pane = `${$('chat-pane')}[data-key="${ref.key}"]`
  await page.locator(`${pane} ${$('message')}, ${pane} ${$('empty-chat')}`).first().waitFor({ timeout: 30_000 })
}

/** Scrolls the open chat to its top `pages` times, each time until the older page is in or the start of the history shows. */
async function scrollBack(page: Page, pages: number): Promise<number> {
  return (await page.evaluate(`(async () => {
    const scroller = document.querySelector('${$('message-list')}');
    const atStart = () => scroller.querySelector('.start')?.textContent.includes(${JSON.stringify(HISTORY_START)});
    const busy = () => !!scroller.querySelector('.start .spinner');
    let grew = 0;
    for (let p = 0; p < ${pages} && !atStart(); p++) {
      const height = scroller.scrollHeight;
      scroller.scrollTop = 0;
      const t0 = performance.now();
      while (performance.now() - t0 < 10000) {
        await new Promise((r) => setTimeout(r, 20));
        if (!busy() && (scroller.scrollHeight > height || atStart())) break;
      }
      if (scroller.scrollHeight > height) grew++;
    }
    return grew;
  })()`)) as number
}

/** Opens the lightbox on a picture in view, steps back through a few, and closes it with Esc. */
async function browsePictures(page: Page): Promise<boolean> {
  const picture = page.locator(`${$('chat-pane')} img${$('picture')}`).last()
  if (!(await picture.count())) return false
  await picture.click()
  await page.locator($('lightbox')).waitFor()
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft')
  await page.keyboard.press('Escape')
  await page.locator($('lightbox')).waitFor({ state: 'detached' })
  return true
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')

const scenario: Scenario = {
  name: 'memory',
  title: `memory after a day: ${FRIENDS.toLocaleString('en-US')} friends, ${GROUPS.toLocaleString('en-US')} groups, ${STORED.toLocaleString('en-US')} stored messages, ${PICTURES.toLocaleString('en-US')} cached pictures, ${ROUNDS} × ${PER_ROUND} conversations opened and closed`,
  async run(report: Report) {
    const app = await startApp({
      viewport: { width: 1280, height: 860 },
      emulator: { rateLimit: { enabled: false }, graph: { friends: FRIENDS, groups: GROUPS, membersPerGroup: 8, discussions: 20, scripted: false } },
    })
    try {
      const { page } = app
      await app.logIn()
      const seeded = await seed(app.core.client!.online())
      report.line(seeded.ms, 'ms', `seeded ${STORED.toLocaleString('en-US')} messages (${BIG.map((n) => n.toLocaleString('en-US')).join(', ')} in three conversations, ${PICTURE_CHATS} picture chats, the rest ${ORDINARY_MESSAGES} each) and ${PICTURES} pictures into the cache`)
      const cached = app.core.client!.online().history.statement('SELECT count(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM media').get() as { n: number; bytes: number }
      report.note(`${app.core.client!.online().history.count().toLocaleString('en-US')} messages stored, ${app.core.client!.online().conversations.list().length} conversations on the recent list, ${cached.n} pictures cached (${(cached.bytes / MiB).toFixed(1)} MiB)`)

      // The app as it starts with that history: a fresh page on the live session.
      await page.reload()
      await page.locator($('conversation-row')).first().waitFor({ timeout: 60_000 })
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const steps: Array<{ what: string; be: ReturnType<typeof backend>; re: RendererMemory }> = []
      const measure = async (what: string) => {
        await sleep(300)
        const re = await renderer(cdp)
        const be = backend()
        steps.push({ what, be, re })
        report.line(re.heap, 'MiB', `renderer JS heap ${what} (JSHeapUsedSize ${re.metric.toFixed(1)} MiB; DOM nodes ${re.nodes.toLocaleString('en-US')}, listeners ${re.listeners.toLocaleString('en-US')}) · backend RSS ${be.rss.toFixed(0)} MiB, heap ${be.heap.toFixed(1)} MiB, external ${be.external.toFixed(1)} MiB`)
        return re
      }
      await measure('after login')

      // The lists: the friends scrolled through, the groups, then back to the recent list with an empty chat open.
      for (const [tab, list] of [
        ['tab-friends', 'friend-list'],
        ['tab-groups', 'groups-list'],
      ] as const) {
        await page.click($(tab))
        await page.evaluate(`(async () => {
          const scroller = document.querySelector('${$(list)}');
          for (let y = 0; y < scroller.scrollHeight; y += scroller.clientHeight) { scroller.scrollTop = y; await new Promise((r) => setTimeout(r, 16)); }
          scroller.scrollTop = 0;
        })()`)
      }
      await page.click($('tab-recent'))
      await openFromRecent(page, seeded.idle)
      const first = await measure('after the lists (friends and groups scrolled through; an empty chat open)')
      // What it holds now, to say what grew if the goal is missed.
      const held = await heapContents(cdp)

      let pagesIn = 0
      let lightboxes = 0
      for (let round = 0; round < ROUNDS; round++) {
        const ordinary = seeded.ordinary.slice(round * (PER_ROUND - BIG.length - PICTURE_CHATS), (round + 1) * (PER_ROUND - BIG.length - PICTURE_CHATS))
        const chats = [...seeded.big, ...seeded.pictures, ...ordinary]
        const spent = { open: 0, scroll: 0, lightbox: 0 }
        const timed = async <T>(part: keyof typeof spent, p: () => Promise<T>): Promise<T> => {
          const t = performance.now()
          try {
            return await p()
          } finally {
            spent[part] += since(t) / 1000
          }
        }
        for (const ref of chats) {
          await timed('open', () => openFromRecent(page, ref))
          pagesIn += await timed('scroll', () => scrollBack(page, PAGES_BACK))
          if (seeded.pictures.includes(ref) && (await timed('lightbox', () => browsePictures(page)))) lightboxes++
          if (round === 0 && ref === seeded.big[0]) await measure(`with the ${BIG[0]!.toLocaleString('en-US')}-message chat open, scrolled back ${PAGES_BACK} pages`)
        }
        await openFromRecent(page, seeded.idle)
        report.note(
          `round ${round + 1}: ${chats.length} conversations (the three big, the ${PICTURE_CHATS} picture chats, ${ordinary.length} others) opened in ${spent.open.toFixed(1)} s, scrolled back in ${spent.scroll.toFixed(1)} s, lightbox ${spent.lightbox.toFixed(1)} s`,
        )
        await measure(`after round ${round + 1} (back on the empty chat)`)
      }
      report.note(`${pagesIn} older pages paged in by scrolling, the lightbox opened ${lightboxes} times (5 steps each)`)

      // Closing them all: the recent list with nothing but the empty chat open, and a pause for what settles late.
      await sleep(2_000)
      const closed = await measure('after closing them all')
      // Idle a while, as an app is between uses: V8 drops the bytecode of functions unused for some time.
      await sleep(IDLE_MS)
      const last = await measure(`after closing them all and ${IDLE_MS / 1000} s idle`)
      const peak = Math.max(...steps.map((s) => s.re.heap))
      const growth = (last.heap - first.heap) / first.heap
      const afterRound1 = steps.find((s) => s.what.startsWith('after round 1'))!.re.heap
      report.line(`${closed.heap >= first.heap ? '+' : ''}${(((closed.heap - first.heap) / first.heap) * 100).toFixed(1)}`, '%', 'renderer JS heap right after closing them all against after the lists (includes the code compiled for the chat the first time it was used)')
      report.line(`${closed.heap >= afterRound1 ? '+' : ''}${(((closed.heap - afterRound1) / afterRound1) * 100).toFixed(1)}`, '%', `renderer JS heap after round ${ROUNDS} against after round 1 (what each further round leaves behind)`)
      const heapOk = peak <= GOALS.heapMiB
      const backOk = growth <= GOALS.returnShare
      report.line(peak, 'MiB', `renderer JS heap, the largest of these (goal ≤ ${GOALS.heapMiB} MiB: ${verdict(heapOk)})`)
      report.line(`${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}`, '%', `renderer JS heap after closing them all and ${IDLE_MS / 1000} s idle against after the lists (goal within ${GOALS.returnShare * 100} %: ${verdict(backOk)})`)
      // What the heap holds now against after the lists; the compiled code apart (compiled once, when the chat is first used).
      const now = await heapContents(cdp)
      const codeGrowth = ((now.by.get('(code)')?.bytes ?? 0) - (held.by.get('(code)')?.bytes ?? 0)) / MiB
      const dataGrowth = (last.heap - codeGrowth - first.heap) / first.heap
      report.line(`${dataGrowth >= 0 ? '+' : ''}${(dataGrowth * 100).toFixed(1)}`, '%', `the same without the ${codeGrowth.toFixed(2)} MiB of code compiled since the lists (heap snapshots' (code)): the data left behind (${dataGrowth <= GOALS.returnShare ? 'within' : 'beyond'} ${GOALS.returnShare * 100} %); ${now.messages} chat messages held (the newest page of the last few closed: stores/messages.ts KEPT_CLOSED)`)
      const be = steps.map((s) => s.be.rss)
      report.line(Math.max(...be) - be[0]!, 'MiB', `backend RSS growth from after login to its largest (${be.map((v) => v.toFixed(0)).join(' → ')} MiB)`)
      // The backend's own leak check: its JS heap after a gc, from the lists to the end (a request left holding a signal listener grew it ~30 MiB a round).
      const beHeap = steps.map((s) => s.be.heap)
      const beFirst = steps.find((s) => s.what.startsWith('after the lists'))!.be.heap
      report.line(`${beHeap.at(-1)! >= beFirst ? '+' : ''}${(((beHeap.at(-1)! - beFirst) / beFirst) * 100).toFixed(1)}`, '%', `backend JS heap after closing them all against after the lists (${beHeap.map((v) => v.toFixed(0)).join(' → ')} MiB; engine, emulator and this script share it)`)
      report.note('the backend process also runs the embedded emulator (5,000 friends, 1,000 groups) and this script; the renderer is Chromium headless with --disable-gpu')
      if (!heapOk || !backOk) {
        report.note(`what the renderer heap holds after closing them all (heap snapshots): ${now.messages.toLocaleString('en-US')} chat messages (objects with id, conversation, segments, order; after the lists: ${held.messages}); what grew since the lists, by constructor (self size; "(native)": the browser's, NetworkResourcesData is the DevTools protocol's record of requests):`)
        for (const e of grown(held, now)) report.note(`  ${(e.mib >= 0 ? '+' : '') + e.mib.toFixed(2)} MiB  ${(e.count >= 0 ? '+' : '') + e.count} × ${e.name} (now ${e.total.toFixed(2)} MiB)`)
        report.note('the strings that grew, by what they look like:')
        for (const e of grown(held, now, 8, 'strings')) report.note(`  ${(e.mib >= 0 ? '+' : '') + e.mib.toFixed(3)} MiB  ${(e.count >= 0 ? '+' : '') + e.count} × ${e.name} (now ${e.total.toFixed(2)} MiB)`)
        const newOthers = [...now.others].map(([v, n]) => [v, n - (held.others.get(v) ?? 0)] as const).filter(([, n]) => n > 0)
        const most = [...newOthers].sort((x, y) => y[1] - x[1]).slice(0, 30)
        report.note(`  of the "other" strings, ${newOthers.length.toLocaleString('en-US')} values new or more often since the lists; the most repeated: ${most.map(([v, n]) => `${JSON.stringify(v)} ×${n}`).join(', ')}`)
      }
      report.summary(`renderer heap ${first.heap.toFixed(1)} → ${last.heap.toFixed(1)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %, peak ${peak.toFixed(1)} MiB), backend RSS ${be[0]!.toFixed(0)} → ${be.at(-1)!.toFixed(0)} MiB`)
      await cdp.detach()
    } finally {
      await app.close()
    }
  },
}

export default scenario
