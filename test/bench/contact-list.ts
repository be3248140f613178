import type { Page } from 'playwright-core'
import { decodeDisplayedQr, startApp } from '../e2e/support/app'
import { median, percentile, type Report, type Scenario } from './bench'

/**
 * The contact list in a real Chromium (web mode, real engine, embedded emulator) with 5,000
 * friends and 1,000 groups: how long until the list is painted after its data arrives, and how
 * long one keystroke in the search box takes until the filtered list is painted.
 */

const FRIENDS = 5_000
const GROUPS = 1_000
const ROUNDS = 5
const $ = (id: string) => `[data-testid="${id}"]`

/**
 * Timestamps each contacts.changed frame as it arrives, before the app sees it: the listener
 * added in the constructor runs before any the app adds later.
 */
const HOOK = `
  window.__bench = { arrivals: [] };
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        if (typeof e.data === 'string' && e.data.startsWith('{"t":"event","name":"contacts.changed"')) window.__bench.arrivals.push(performance.now());
      });
    }
  };
`

// Page-side code is passed as source text: this file is type-checked for Node, not the DOM.

/** Resolves at the first painted frame where `test` holds (checked each animation frame). */
export function paintedWhen(page: Page, test: string): Promise<number> {
  return page.evaluate(`new Promise((resolve) => {
    const frame = () => ((${test}) ? requestAnimationFrame(() => setTimeout(() => resolve(performance.now()))) : requestAnimationFrame(frame));
    frame();
  })`) as Promise<number>
}

/** Types each query into the search box; the time from the input event to the next painted frame. */
const KEYSTROKES = (rounds: number) => `(async () => {
  const input = document.querySelector('${$('search-input')}');
  const queries = ['L', 'Lu', 'Luc', 'Luck', 'Lucky', '', '小', '小猫', '', '阿', '阿霞', '', 'name1', ''];
  const out = [];
  for (let r = 0; r < ${rounds}; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((res) => requestAnimationFrame(() => setTimeout(res)));
      out.push(performance.now() - t0);
    }
  }
  return out;
})()`

/** Total friends shown in the category headers ("online/total"). */
const TOTAL = `[...document.querySelectorAll('${$('category-header')}')].reduce((n, h) => n + Number((/(\\d+)\\s*$/.exec(h.textContent.trim()) || [0, 0])[1]), 0)`

const scenario: Scenario = {
  name: 'contact-list',
  title: `5,000 friends / 1,000 groups in Chromium: data → painted list, and per-keystroke filtering`,
  async run(report: Report) {
    const app = await startApp({ emulator: { graph: { friends: FRIENDS, groups: GROUPS, membersPerGroup: 5, discussions: 20, scripted: false } } })
    try {
      const { page, phone } = app
      await page.addInitScript(HOOK)
      await page.reload()
      const text = await decodeDisplayedQr(page)
      await phone.scan(text)
      await phone.confirm(text)
      await page.locator($('self-nick')).waitFor({ timeout: 60_000 })

      // Opening the friends tab: click → 5,000 friends painted (virtualised rows).
      const opens: number[] = []
      for (let i = 0; i < ROUNDS; i++) {
        await page.click($('tab-groups'))
        await page.locator($('group-row')).first().waitFor()
        const t0 = await page.evaluate(() => performance.now())
        await page.click($('tab-friends'))
        const t1 = await paintedWhen(page, `document.querySelector('${$('friend-row')}') !== null`)
        opens.push(t1 - t0)
      }
      report.line(median(opens), 'ms', `open the friends tab → ${FRIENDS.toLocaleString('en-US')} friends painted (median of ${ROUNDS}; includes Playwright's click)`)

      // Data arrives → painted: a new friend makes the engine reload the whole list, which
      // reaches the page as one contacts.changed frame carrying all 5,000+ friends.
      const arrivals: number[] = []
      for (let i = 0; i < ROUNDS; i++) {
        const before = (await page.evaluate(TOTAL)) as number
        const seen = (await page.evaluate('window.__bench.arrivals.length')) as number
        await phone.post('/control/contacts/friend/add', { nick: `bench-${i}` })
        const painted = await paintedWhen(page, `${TOTAL} === ${before + 1}`)
        const arrived = (await page.evaluate(`window.__bench.arrivals.slice(${seen})`)) as number[]
        // The frame that carried the bigger list is the last one before the paint.
        const last = arrived.filter((t) => t <= painted).at(-1)
        if (last !== undefined) arrivals.push(painted - last)
      }
      report.line(median(arrivals), 'ms', `contacts.changed with ${FRIENDS.toLocaleString('en-US')}+ friends arrives → list painted (median of ${arrivals.length})`)
      report.line(Math.max(...arrivals), 'ms', 'the same, worst run')

      // Per keystroke: input event → the filtered list painted.
      const samples = (await page.evaluate(KEYSTROKES(ROUNDS))) as number[]
      report.line(median(samples), 'ms', `per keystroke: input → filtered lists painted, p50 (${samples.length} keystrokes)`)
      report.line(percentile(samples, 99), 'ms', 'per keystroke, p99')
      report.note('Chromium headless with --disable-gpu; the engine and the emulator share one Node process with the web server')
      report.summary(
        `open friends ${median(opens).toFixed(0)} ms, data→paint ${median(arrivals).toFixed(0)} ms, keystroke p50 ${median(samples).toFixed(1)} ms / p99 ${percentile(samples, 99).toFixed(1)} ms`,
      )
    } finally {
      await app.close()
    }
  },
}

export default scenario
