import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * The order of a chat as a user sees it, in web mode: 小助手's answer is below the question;
 * a burst of 120 from a friend reads #1 … #120 from the top after a reload, with the unread
 * divider above #1, and scrolling up pages back to the start row's 没有更早的消息了.
 */

let app: RunningApp
let world: any
const $ = (id: string) => `[data-testid="${id}"]`
const BURST = 120

beforeAll(async () => {
  app = await startApp()
  world = await app.phone.contacts()
})
afterAll(() => app.close())

async function openFriend(page: Page, nick: string): Promise<void> {
  await page.click($('tab-friends'))
  await page.fill($('search-input'), nick)
  await page.locator($('friend-row'), { hasText: nick }).first().click()
  await page.fill($('search-input'), '')
  await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(nick)
}

/** The few DOM members the page functions below use (the e2e tests compile without the DOM library). */
interface RowElement {
  dataset: Record<string, string | undefined>
  textContent: string | null
  querySelector(selector: string): { textContent: string | null } | null
}
interface Scroller {
  scrollTop: number
  clientHeight: number
}

/** What each rendered row of the open chat says: `start:<text>`, `day`, `divider`, or the message text. */
function visibleRows(page: Page): Promise<Array<[number, string]>> {
  return page.locator('.scroller .row[data-index]').evaluateAll((rows: RowElement[]) =>
    rows.map((r): [number, string] => {
      const bubble = r.querySelector('[data-testid="message"] .bubble')
      const what = bubble ? bubble.textContent!.trim() : r.querySelector('[data-testid="new-messages-divider"]') ? 'divider' : r.querySelector('.start') ? `start:${r.textContent!.trim()}` : 'day'
      return [Number(r.dataset.index), what]
    }),
  )
}

/** Scrolls the chat to its top, or half a view down; says whether it moved. */
const scrollTo = (page: Page, where: 'top' | 'down') =>
  page.locator('.scroller').evaluate((el: Scroller, w) => {
    const before = el.scrollTop
    el.scrollTop = w === 'top' ? 0 : el.scrollTop + el.clientHeight / 2
    return el.scrollTop !== before
  }, where)

/** Scrolls up until the start row says there is nothing older (paging older history in on the way). */
async function scrollToStart(page: Page): Promise<void> {
  await expect
    .poll(
      async () => {
        await scrollTo(page, 'top')
        return (await page.locator('.scroller .start').textContent())?.trim()
      },
      { timeout: 15_000, interval: 150 },
    )
    .toBe('没有更早的消息了')
}

/** Every row of the chat from the top, read while scrolling down (the list only renders what is in view). */
async function allRows(page: Page): Promise<string[]> {
  const seen = new Map<number, string>()
  for (let moved = true; moved; ) {
    for (const [i, what] of await visibleRows(page)) seen.set(i, what)
    moved = await scrollTo(page, 'down')
    await page.waitForTimeout(60)
  }
  for (const [i, what] of await visibleRows(page)) seen.set(i, what)
  return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, what]) => what)
}

const bubble = (page: Page, text: string) => page.locator(`${$('message')} .bubble`).filter({ hasText: new RegExp(`^${text}$`) })

const unreadOf = async (key: string) => ((await app.core.handlers['conversations.list']({})) as Array<{ ref: { key: string }; unread: number }>).find((s) => s.ref.key === key)?.unread

describe('message order on screen', () => {
  it('logs in, and shows 小助手’s answer below 时间', async () => {
    const { page } = app
    await app.logIn()
    await openFriend(page, '小助手')
    await page.fill($('composer'), '时间')
    await page.keyboard.press('Enter')
    const question = page.locator($('message'), { hasText: '时间' }).and(page.locator('[data-direction="out"]'))
    const answer = page.locator($('message'), { hasText: '现在是' })
    await answer.waitFor({ timeout: 10_000 })
    const [q, a] = [(await question.boundingBox())!, (await answer.boundingBox())!]
    expect(a.y).toBeGreaterThan(q.y + q.height - 1)
    await app.shot('order-01-reply-below-question')
  })

  it('reads a burst of 120 from #1 to #120 after a reload, the divider above #1, the start row at the top', async () => {
    const { page, phone } = app
    const friend = world.friends.find((f: any) => !f.bot && !f.markname)
    for (let i = 1; i <= BURST; i++) expect((await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [`#${i}`] })).status).toBe(200)
    const contacts = (await app.core.handlers['contacts.get']({})) as { friends: Array<{ nick: string; key: string }> }
    const key = contacts.friends.find((f) => f.nick === friend.nick)!.key
    await expect.poll(() => unreadOf(key), { timeout: 10_000 }).toBe(BURST)

    await page.reload()
    await page.locator($('self-nick')).waitFor()
    await openFriend(page, friend.nick)
    // Opened at the first unread message.
    const divider = page.locator($('new-messages-divider'))
    await divider.waitFor()
    const first = bubble(page, '#1')
    await expect.poll(async () => (await first.boundingBox())?.y ?? -1).toBeGreaterThan((await divider.boundingBox())!.y)
    await app.shot('order-02-burst-opened-at-divider')

    await scrollToStart(page)
    await app.shot('order-03-burst-start')
    const rows = await allRows(page)
    const messages = rows.filter((r) => r.startsWith('#'))
    expect(messages).toEqual(Array.from({ length: BURST }, (_, i) => `#${i + 1}`))
    expect(rows[0]).toBe('start:没有更早的消息了')
    expect(rows[rows.indexOf('divider') + 1]).toBe('#1')
    expect(rows.filter((r) => r === 'divider')).toHaveLength(1)
    await app.shot('order-04-burst-end')
  })

  it('pages the read chat back to #1 after another reload: older pages go on top, in order, down to 没有更早的消息了', async () => {
    const { page } = app
    const friend = world.friends.find((f: any) => !f.bot && !f.markname)
    await page.reload()
    await page.locator($('self-nick')).waitFor()
    await openFriend(page, friend.nick)
    await bubble(page, '#120').waitFor()
    // Only the newest page is in: the start row is not the end yet.
    expect(await page.locator($('message')).count()).toBeLessThan(BURST)
    expect(await page.locator($('new-messages-divider')).count()).toBe(0)
    await scrollToStart(page)
    await app.shot('order-05-paged-to-start')
    const rows = await allRows(page)
    expect(rows.filter((r) => r.startsWith('#'))).toEqual(Array.from({ length: BURST }, (_, i) => `#${i + 1}`))
    expect(rows[0]).toBe('start:没有更早的消息了')
  })
})
