import { decodeDisplayedQr, startApp } from '../e2e/support/app'
import { sleep, type Report, type Scenario } from './bench'

/**
 * Presence at scale: 5,000 friends in the real app (web mode, Chromium), 100 presence changes a
 * second (buddies_status_change, §6.2) for some seconds: the CPU the backend process and the
 * renderer's main thread spend, as % of one core, against the same stretch with no changes.
 */

const FRIENDS = 5_000
const RATE = 100
const SECONDS = 5
const STATUSES = ['online', 'away', 'busy', 'offline'] as const
const $ = (id: string) => `[data-testid="${id}"]`

interface Cpu {
  /** Backend process (engine, web server, embedded emulator, this script's control calls), % of one core. */
  backend: number
  /** Renderer main thread: CDP TaskDuration, % of one core. */
  renderer: number
  sent: number
}

const scenario: Scenario = {
  name: 'presence-scale',
  title: `${FRIENDS.toLocaleString('en-US')} friends, ${RATE} presence changes a second: CPU of the backend and the renderer`,
  async run(report: Report) {
    const app = await startApp({ emulator: { graph: { friends: FRIENDS, groups: 10, membersPerGroup: 5, discussions: 2, scripted: false } } })
    try {
      const { page, phone } = app
      const text = await decodeDisplayedQr(page)
      await phone.scan(text)
      await phone.confirm(text)
      await page.locator($('self-nick')).waitFor({ timeout: 60_000 })
      await page.click($('tab-friends'))
      await page.locator($('friend-row')).first().waitFor()
      const world = (await phone.contacts()) as { friends: Array<{ qq: string }> }
      const qqs = world.friends.map((f) => f.qq)
      const cdp = await page.context().newCDPSession(page)
      await cdp.send('Performance.enable')
      const taskSeconds = async () => {
        const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }
        return metrics.find((m) => m.name === 'TaskDuration')!.value
      }

      /** Runs `changes` presence changes a second for SECONDS and measures both sides. */
      const measure = async (changes: number): Promise<Cpu> => {
        await sleep(500)
        const cpu0 = process.cpuUsage()
        const task0 = await taskSeconds()
        const t0 = performance.now()
        let sent = 0
        const pending: Array<Promise<unknown>> = []
        for (let tick = 0; tick < SECONDS * 10; tick++) {
          for (let i = 0; i < changes / 10; i++, sent++) {
            const qq = qqs[(sent * 7919) % qqs.length]!
            pending.push(phone.post('/control/contacts/presence', { qq, status: STATUSES[sent % STATUSES.length] }))
          }
          await sleep(Math.max(0, t0 + (tick + 1) * 100 - performance.now()))
        }
        await Promise.all(pending)
        // Let the last poll answers reach the page before the stretch ends.
        await sleep(1_500)
        const wall = performance.now() - t0
        const cpu = process.cpuUsage(cpu0)
        const task = (await taskSeconds()) - task0
        return { backend: ((cpu.user + cpu.system) / 1000 / wall) * 100, renderer: ((task * 1000) / wall) * 100, sent }
      }

      const idle = await measure(0)
      const busy = await measure(RATE)
      report.note(`${SECONDS} s of changes plus 1.5 s for the last ones to arrive; the same stretch with no changes as the baseline`)
      report.line(busy.sent, 'chg', `presence changes sent through the emulator's control API (${RATE}/s)`)
      report.line(busy.backend, '%', `backend process CPU with the changes, % of one core (idle: ${idle.backend.toFixed(1)} %)`)
      report.line(busy.backend - idle.backend, '%', 'backend, the changes\' share (includes the embedded emulator and the control calls that make them)')
      report.line(busy.renderer, '%', `renderer main thread with the changes, % of one core (idle: ${idle.renderer.toFixed(1)} %)`)
      report.line(busy.renderer - idle.renderer, '%', 'renderer, the changes\' share')
      const total = busy.backend - idle.backend + (busy.renderer - idle.renderer)
      report.line(total, '%', 'backend + renderer, the changes\' share (goal < 5 %)')
      report.summary(`${RATE} presence changes/s on ${FRIENDS} friends: backend +${(busy.backend - idle.backend).toFixed(1)} %, renderer +${(busy.renderer - idle.renderer).toFixed(1)} % of one core`)
    } finally {
      await app.close()
    }
  },
}

export default scenario
