import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * Chat windows in web mode (issue 11): a conversation's own route, `#/chat/<kind>/<key>` with the
 * page's `?token=`, is a browser tab showing that conversation alone under its peer's name; a
 * double-click (or Enter) on a conversation in the main page opens such a tab (the store's
 * openWindow).
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`
type Friend = { qq: string; nick: string; markname?: string; bot?: boolean }
let friend: Friend
let key: string

/** The route of a conversation's tab, as the main page would open it. */
const chatUrl = (k: string) => {
  const url = new URL(app.web.url)
  url.hash = `/chat/friend/${encodeURIComponent(k)}`
  return url.href
}
const rows = (page: Page) => page.locator($('conversation-row'))

beforeAll(async () => {
  app = await startApp()
  await app.logIn()
  friend = ((await app.phone.contacts()).friends as Friend[]).find((f) => !f.bot && !['回声', '小助手'].includes(f.nick))!
  // A message makes the friend a recent conversation (the main page's list), with its key.
  await app.phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['窗口里见'] })
  await rows(app.page).first().waitFor()
  key = (await rows(app.page).first().getAttribute('data-key'))!
}, 60_000)
afterAll(() => app.close())

describe('chat windows in web mode', () => {
  it('#/chat/friend/<key>?token= shows that conversation alone, titled with its peer', async () => {
    const tab = await app.browser.newPage({ locale: 'zh-CN' })
    await tab.goto(chatUrl(key))
    const pane = tab.locator($('chat-pane'))
    await pane.waitFor()
    expect(await tab.locator($('chat-pane')).count()).toBe(1)
    expect(await pane.getAttribute('data-key')).toBe(key)
    // No sidebar and no lists: the conversation alone.
    expect(await rows(tab).count()).toBe(0)
    await tab.locator('[data-testid="message"]', { hasText: '窗口里见' }).first().waitFor()
    const peer = friend.markname || friend.nick
    await expect.poll(() => tab.title()).toBe(peer)
    await tab.screenshot({ path: 'test-results/screenshots/chat-window-tab.png' })
    await tab.close()
  })

  it('a double-click on a conversation in the main page opens a new page at its route, keeping the token', async () => {
    const { page } = app
    const opened = page.context().waitForEvent('page')
    await rows(page).first().dblclick()
    const tab = await opened
    await tab.waitForLoadState()
    const url = new URL(tab.url())
    expect(url.hash).toBe(`#/chat/friend/${encodeURIComponent(key)}`)
    expect(url.searchParams.get('token')).toBe(new URL(app.web.url).searchParams.get('token'))
    await tab.locator(`${$('chat-pane')}[data-key="${key}"]`).waitFor()

    await tab.close()
  })
})
