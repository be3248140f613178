import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * A list of 800 friends is virtual (only the rows in view exist): the row holding the Tab stop
 * must survive being scrolled out of view, or the keyboard focus would fall to the page.
 */

let app: RunningApp
const list = () => app.page.locator('[data-testid="friend-list"]')
const focused = () => app.page.evaluate<number>('document.activeElement?.getAttribute("role") === "option" ? Number(document.activeElement.getAttribute("data-index")) : -1')

beforeAll(async () => {
  app = await startApp({ emulator: { graph: { friends: 800, categories: 2 } } })
  await app.logIn()
})
afterAll(() => app.close())

describe('the friend list as a virtual listbox (800 friends)', () => {
  it('keeps the focused row when the list is scrolled away from it; the arrows bring it back; End reaches the last row', async () => {
    const { page } = app
    await page.click('[data-testid="tab-friends"]')
    await list().locator('[data-testid="friend-row"]').first().waitFor()
    const rows = await list().locator('[role="option"]').count()
    expect(rows).toBeLessThan(60)
    await list().locator('[role="option"][tabindex="0"]').focus()
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe(1)

    const total = Number(await list().locator('[role="option"]').first().getAttribute('aria-setsize'))
    expect(total).toBeGreaterThanOrEqual(802)
    await list().evaluate((el) => (el.scrollTop = el.scrollHeight))
    // The rows at the end are drawn, those between are not; the focused one stays, focused.
    await list().locator(`[role="option"][data-index="${total - 1}"]`).waitFor()
    expect(await list().locator('[role="option"][data-index="30"]').count()).toBe(0)
    expect(await list().locator('[role="option"][data-index="1"]').count()).toBe(1)
    expect(await focused()).toBe(1)

    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe(2)
    await expect.poll(() => list().evaluate((el) => el.scrollTop)).toBeLessThan(200)

    await page.keyboard.press('End')
    await expect.poll(focused).toBe(total - 1)
    await page.keyboard.press('PageUp')
    expect(await focused()).toBeLessThan(total - 1)
  })
})
