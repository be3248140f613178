import { cpus, loadavg } from 'node:os'
import type { Page } from 'playwright-core'
import type { NewMessage } from '../../electron/engine/history/history-store'
import type { ConversationRef } from '../../electron/model'
import { startApp, type RunningApp } from '../e2e/support/app'
import { median, percentile, since, sleep, type Report, type Scenario } from './bench'

/**
 * The chat pane in a real Chromium (web mode, real engine, embedded emulator) on a conversation
 * holding 100,000 stored messages: opening it (click → the newest messages painted), how many
 * message nodes the DOM then holds, the renderer's JS heap after opening, and messages injected
 * from the phone at 100 a second → each one in the DOM.
 */

const STORED = 100_000
const BATCH = 2_000
const OPENS = 5
const INJECTED = 500
const RATE = 100
/** A bot friend: a small chat to have open before. */
const OTHER = '小助手'
const BOUNDS = { paint: 100, nodes: 200, heapMiB: 100, p50: 10, p99: 50 }
const MiB = 1024 ** 2
const $ = (id: string) => `[data-testid="${id}"]`

/**
 * Page side (source text: this file is type-checked for Node, not the DOM). Each message.new
 * frame is timestamped as it reaches the page's WebSocket, before the app sees it; a
 * MutationObserver stamps each injected message's element as it enters the DOM.
 */
const HOOK = `
  window.__chat = { arrived: {}, shown: {} };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string' || !e.data.startsWith('{"t":"event","name":"message.new"')) return;
        const at = performance.timeOrigin + performance.now();
        const m = /注入 #(\\d+)号/.exec(e.data);
        if (m) window.__chat.arrived[m[1]] = at;
      });
    }
  };
  new MutationObserver((records) => {
    const at = performance.timeOrigin + performance.now();
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      const el = n.matches('[data-testid="message"]') ? n : n.querySelector('[data-testid="message"]');
      const m = el && /注入 #(\\d+)号/.exec(el.textContent);
      if (m && !(m[1] in window.__chat.shown)) window.__chat.shown[m[1]] = at;
    }
  }).observe(document, { childList: true, subtree: true });
`

/** Clicks the friend's row in the page and resolves with the ms until the newest stored message is painted. */
function openAndPaint(page: Page, nick: string, newest: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const row = [...document.querySelectorAll('${$('friend-row')}')].find((r) => r.textContent.includes(${JSON.stringify(nick)}));
    const t0 = performance.now();
    row.click();
    const frame = () => {
      const shown = [...document.querySelectorAll('${$('message')}')].some((m) => m.textContent.includes(${JSON.stringify(newest)}));
      if (shown) requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
      else requestAnimationFrame(frame);
    };
    frame();
  })`) as Promise<number>
}

/** 100,000 messages written straight into the engine's own history file (90% from the friend, 1 in 10 own, 1 in 50 with a face). */
function seed(app: RunningApp, ref: ConversationRef): number {
  const history = app.core.client!.online().history
  const start = Date.now() - STORED * 1000
  const t0 = performance.now()
  for (let from = 0; from < STORED; from += BATCH) {
    history.tx(() => {
      for (let i = from; i < from + BATCH; i++) {
        const out = i % 10 === 0
        const text = `历史消息 ${i}：${'今天天气不错，我们去公园走走吧。'.slice(0, 4 + (i % 12))}`
        const m: NewMessage = {
          id: `bench-${i}`,
          conversation: ref,
          direction: out ? 'out' : 'in',
          time: start + i * 1000,
          segments: i % 50 === 0 ? [{ type: 'text', text }, { type: 'face', id: 14 }] : [{ type: 'text', text }],
          status: out ? 'sent' : 'received',
          attempts: 0,
          text,
          ...(out ? {} : { dedupe: `bench:${i}` }),
        }
        if (out) history.addOutgoing(m)
        else history.addReceived([m])
      }
    })
  }
  return since(t0)
}

async function heapMiB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  await cdp.detach()
  return usedSize / MiB
}

const verdict = (value: number, bound: number) => (value <= bound ? `≤ ${bound}: ok` : `> ${bound}: MISSED`)

const scenario: Scenario = {
  name: 'chat',
  title: `a chat holding ${STORED.toLocaleString('en-US')} stored messages in Chromium: open → painted, DOM nodes, heap, and 100 msg/s injected → in the DOM`,
  async run(report: Report) {
    const app = await startApp()
    try {
      const { page, phone } = app
      await page.addInitScript(HOOK)
      await page.reload()
      await app.logIn()
      const world = await phone.contacts()
      const friend = world.friends.find((f: { nick: string; bot?: boolean }) => !f.bot && !['回声', '小助手'].includes(f.nick))
      const known = app.core.client!.online().contacts.snapshot.friends.find((f) => f.nick === friend.nick)!
      const ref: ConversationRef = { kind: 'friend', key: known.key }
      report.line(seed(app, ref), 'ms', `write ${STORED.toLocaleString('en-US')} messages into the history file, ${BATCH.toLocaleString('en-US')} per transaction`)
      const newest = `历史消息 ${STORED - 1}：`
      // The backend's share of an open: the newest page as the renderer asks for it, in Node.
      const pages: number[] = []
      for (let i = 0; i < 20; i++) {
        const t = performance.now()
        await app.core.handlers['history.page']({ conversation: ref, limit: 50 })
        pages.push(since(t))
      }
      report.line(median(pages), 'ms', `the backend's history.page of the newest 50, in Node (median of ${pages.length})`)

      // A fresh page each time (no thread in memory), the friend list shown. (a) This chat is the
      // first opened since the page loaded; (b) another chat was open first, as when the app is in use.
      const first: number[] = []
      const opens: number[] = []
      for (let i = 0; i < OPENS * 2; i++) {
        await page.reload()
        await page.locator($('self-nick')).waitFor()
        await page.click($('tab-friends'))
        await page.locator($('friend-row'), { hasText: friend.nick }).first().waitFor()
        if (i % 2 === 1) {
          await page.locator($('friend-row'), { hasText: OTHER }).first().click()
          await page.locator(`${$('message')}, ${$('empty-chat')}`).first().waitFor()
        }
        ;(i % 2 === 0 ? first : opens).push(await openAndPaint(page, friend.nick, newest))
      }
      report.line(median(first), 'ms', `click → the newest messages painted, the first chat opened in a fresh page (median of ${OPENS}, worst ${Math.max(...first).toFixed(0)} ms; ${verdict(median(first), BOUNDS.paint)})`)
      report.line(median(opens), 'ms', `the same with another chat open before: this chat's first open in an app in use (median of ${OPENS}, worst ${Math.max(...opens).toFixed(0)} ms; ${verdict(median(opens), BOUNDS.paint)})`)
      await sleep(500)
      const nodes = (await page.evaluate(`document.querySelectorAll('${$('message')}').length`)) as number
      report.line(nodes, 'nodes', `message elements in the DOM after opening (${verdict(nodes, BOUNDS.nodes)})`)
      const heap = await heapMiB(page)
      report.line(heap, 'MiB', `renderer JS heap after opening, after a GC (${verdict(heap, BOUNDS.heapMiB)})`)

      // 100 msg/s from the phone into the open chat, the reader at the bottom.
      const sentAt: number[] = []
      const t0 = performance.now()
      for (let i = 0; i < INJECTED; i++) {
        const due = t0 + (i * 1000) / RATE
        const wait = due - performance.now()
        if (wait > 0) await sleep(wait)
        sentAt.push(Date.now())
        void phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [`注入 #${i}号`] })
      }
      const done = () => page.evaluate(`Object.keys(window.__chat.shown).length`) as Promise<number>
      for (let waited = 0; (await done()) < INJECTED && waited < 30_000; waited += 200) await sleep(200)
      const { arrived, shown } = (await page.evaluate('window.__chat')) as { arrived: Record<string, number>; shown: Record<string, number> }
      const renderer: number[] = []
      const total: number[] = []
      for (let i = 0; i < INJECTED; i++) {
        const s = shown[i]
        if (s === undefined) continue
        if (arrived[i] !== undefined) renderer.push(s - arrived[i]!)
        total.push(s - sentAt[i]!)
      }
      report.line(`${Object.keys(shown).length}/${INJECTED}`, 'msgs', `injected at ${RATE}/s and seen in the DOM`)
      report.line(median(renderer), 'ms', `frame at the page → the message in the DOM, p50 (${verdict(median(renderer), BOUNDS.p50)})`)
      report.line(percentile(renderer, 99), 'ms', `the same, p99 (${verdict(percentile(renderer, 99), BOUNDS.p99)})`)
      report.line(median(total), 'ms', `phone's send → in the DOM (emulator, long poll, engine, WebSocket, renderer), p50; p99 ${percentile(total, 99).toFixed(1)} ms`)
      const after = (await page.evaluate(`document.querySelectorAll('${$('message')}').length`)) as number
      report.line(after, 'nodes', `message elements in the DOM after the injection (${verdict(after, BOUNDS.nodes)})`)
      report.note('Chromium headless with --disable-gpu; the engine, the emulator and the web server share one Node process')
      report.note(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs at the end (other work on the machine stretches every number)`)
      report.summary(
        `open ${median(first).toFixed(0)} ms fresh / ${median(opens).toFixed(0)} ms in use, ${nodes} nodes, heap ${heap.toFixed(1)} MiB, inject→DOM p50 ${median(renderer).toFixed(1)} ms / p99 ${percentile(renderer, 99).toFixed(1)} ms`,
      )
    } finally {
      await app.close()
    }
  },
}

export default scenario
