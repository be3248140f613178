import { afterAll, beforeAll, expect, it } from 'vitest'
import { DEFAULT_ACCOUNT } from '../../electron/emulator/state/accounts'
import { startApp, type RunningApp } from './support/app'

/**
 * A busy group's chat followed at its end in Chromium (real layout, real scroll events): 400
 * messages from many members arriving at speed (drawn a few rows a frame, measured, followed)
 * leave every drawn row right under the one before it, the newest message in view at the bottom,
 * and no "jump to new messages" button — the list never came unstuck from its end.
 */

let app: RunningApp
const MESSAGES = 400
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  app = await startApp({ emulator: { graph: { friends: 20, groups: 2, membersPerGroup: 200, discussions: 0, scripted: false } } })
  await app.logIn()
})
afterAll(() => app.close())

/** The DOM members the page function below uses (the e2e tests compile without the DOM library). */
interface Row {
  dataset: Record<string, string | undefined>
  getBoundingClientRect(): { top: number; bottom: number }
}
interface List extends Row {
  querySelectorAll(selector: string): ArrayLike<Row> & Iterable<Row>
}

interface Placement {
  gaps: Array<{ index: string | undefined; top: number; previousBottom: number }>
  rows: number
  lastId: string | undefined
  lastBottom: number
  listBottom: number
}

it('follows 400 messages arriving at speed: rows placed end to end, the newest in view, no jump button', async () => {
  const { page, phone } = app
  const world = (await phone.contacts()) as { groups: Array<{ number: string; name: string; members: Array<{ qq: string }> }> }
  const group = world.groups[0]!
  const senders = group.members.filter((m) => m.qq !== DEFAULT_ACCOUNT.qq)
  await page.click($('tab-groups'))
  await page.locator($('group-row'), { hasText: group.name }).first().click()
  await page.locator($('message-list')).waitFor()

  // Side by side, as a busy group's messages come: the emulator delivers them as fast as the poll takes them.
  const sent: Array<Promise<unknown>> = []
  for (let i = 0; i < MESSAGES; i++) {
    const words = '今天的会议改到下午三点，大家记得带上电脑和资料，有问题在群里说。'.slice(0, 4 + ((i * 13) % 28))
    sent.push(phone.post('/control/messages/send', { kind: 'group', target: group.number, from: senders[(i * 7) % senders.length]!.qq, content: [`第${i}条 ${words}${i % 9 === 0 ? '\n第二行' : ''}`] }))
    if (i % 20 === 19) await Promise.all(sent.splice(0))
  }
  await Promise.all(sent)
  // Every message through the poll and stored: the newest stored is what the list must end with.
  const key = app.core.client!.online().contacts.snapshot.groups.find((g) => g.name === group.name)!.key
  const stored = async () => {
    const newer = await app.core.handlers['history.page']({ conversation: { kind: 'group', key }, limit: 200 })
    const older = newer.length ? await app.core.handlers['history.page']({ conversation: { kind: 'group', key }, before: newer[0]!.id, limit: 200 }) : []
    return [...older, ...newer]
  }
  await expect.poll(async () => (await stored()).length, { timeout: 30_000 }).toBe(MESSAGES)
  const newest = (await stored()).reduce((a, b) => (b.order > a.order ? b : a))
  await page.locator(`${$('message')}[data-id="${newest.id}"]`).waitFor()
  // Settled: nothing more to take, measure or follow.
  await page.waitForTimeout(500)
  await app.shot('busy-group-follow')

  const placement = (await page.locator($('message-list')).evaluate((list: List) => {
    const rows = [...list.querySelectorAll('.inner > .row')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
    const gaps: Placement['gaps'] = []
    for (let i = 1; i < rows.length; i++) {
      const previous = rows[i - 1]!.getBoundingClientRect()
      const top = rows[i]!.getBoundingClientRect().top
      if (Number(rows[i]!.dataset.index) !== Number(rows[i - 1]!.dataset.index) + 1 || Math.abs(top - previous.bottom) > 0.5) gaps.push({ index: rows[i]!.dataset.index, top, previousBottom: previous.bottom })
    }
    const messages = list.querySelectorAll('[data-testid="message"]')
    const last = messages[messages.length - 1]
    return { gaps, rows: rows.length, lastId: last?.dataset.id, lastBottom: last?.getBoundingClientRect().bottom ?? NaN, listBottom: list.getBoundingClientRect().bottom }
  })) as Placement

  expect(placement.rows).toBeGreaterThan(5)
  expect(placement.gaps).toEqual([])
  expect(placement.lastId).toBe(newest.id)
  // The newest bubble is in view, at the bottom (the end space under it, not a screen away).
  expect(placement.lastBottom).toBeLessThanOrEqual(placement.listBottom)
  expect(placement.listBottom - placement.lastBottom).toBeLessThan(80)
  expect(await page.locator($('jump-latest')).count()).toBe(0)
})
