import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * Web mode asks for attention with what a browser allows (issue 11): the unread count in the title
 * and on the favicon, a Notification (once the user allowed them) for a message whose conversation
 * is not the one open, whose click opens that conversation; none for a muted conversation, and no
 * content when previews are off. The page's Notification is wrapped by an init script that records
 * each one (Chromium headless shows none to click); the permission is asked only from Settings.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`
type Friend = { qq: string; nick: string; markname: string | null; bot?: boolean }
/** How the app names a friend: the remark, else the nick. */
const shown = (f: Friend) => f.markname || f.nick
let friends: Friend[] = []

/** Runs in the page before its scripts: records notifications and permission requests. */
const RECORD_NOTIFICATIONS = `(() => {
  const Real = window.Notification
  window.__notifications = []
  window.__permissionRequests = 0
  class Recorded extends Real {
    constructor(title, options = {}) {
      super(title, options)
      window.__notifications.push({ title, body: options.body, tag: options.tag, shown: this })
    }
    static get permission() { return Real.permission }
    static requestPermission() { window.__permissionRequests++; return Real.requestPermission() }
  }
  window.Notification = Recorded
})()`

type Shown = { title: string; body: string; tag: string }
const notifications = (page: Page) => page.evaluate(() => (globalThis as unknown as { __notifications: Shown[] }).__notifications.map(({ title, body, tag }) => ({ title, body, tag })))
const permissionRequests = (page: Page) => page.evaluate(() => (globalThis as unknown as { __permissionRequests: number }).__permissionRequests)

async function openFriend(page: Page, nick: string): Promise<void> {
  await page.click($('tab-friends'))
  await page.locator($('friend-row'), { hasText: nick }).first().click()
  await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(nick)
}

const send = (from: Friend, text: string) => app.phone.post('/control/messages/send', { kind: 'friend', from: from.qq, content: [text] })

beforeAll(async () => {
  app = await startApp()
  await app.page.addInitScript(RECORD_NOTIFICATIONS)
  await app.page.reload()
  await app.logIn()
  friends = ((await app.phone.contacts()).friends as Friend[]).filter((f) => !f.bot && !['回声', '小助手'].includes(f.nick))
})
afterAll(() => app.close())

describe('attention in web mode', () => {
  it('asks for the notification permission only from the button in Settings, never on load', async () => {
    const { page } = app
    expect(await permissionRequests(page)).toBe(0)
    await page.click($('settings-button'))
    await page.locator($('notify-permission')).click()
    await expect.poll(() => permissionRequests(page)).toBe(1)
    await page.keyboard.press('Escape')
    // The user allows them (the browser's prompt is not a page a test can click).
    await page.context().grantPermissions(['notifications'])
    await page.click($('settings-button'))
    await expect.poll(() => page.locator($('notify-permission-state')).textContent()).toBe('浏览器已允许通知。')
    await page.keyboard.press('Escape')
  })

  it('a message while another conversation is open: the count in the title and the favicon, a notification with sender and preview; its click opens the conversation', async () => {
    const { page } = app
    const [reading, writer] = friends
    await openFriend(page, shown(reading!))
    expect(await send(writer!, '今晚有空吗？')).toMatchObject({ status: 200 })
    await expect.poll(() => page.title(), { timeout: 10_000 }).toBe('(1) QQ')
    await expect.poll(() => page.locator('link[rel="icon"]').getAttribute('data-count')).toBe('1')
    expect((await page.locator('link[rel="icon"]').getAttribute('href'))!).toMatch(/^data:image\/png;base64,/)
    await expect.poll(() => notifications(page), { timeout: 10_000 }).toEqual([{ title: shown(writer!), body: '今晚有空吗？', tag: expect.stringMatching(/^friend\|/) }])
    await app.shot('attention-01-unread-in-title')

    await page.evaluate(() => (globalThis as unknown as { __notifications: Array<{ shown: EventTarget }> }).__notifications[0]!.shown.dispatchEvent(new Event('click')))
    await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(shown(writer!))
    await expect.poll(() => page.title()).toBe('QQ')
    await expect.poll(() => page.locator('link[rel="icon"]').getAttribute('data-count')).toBe('0')
  })

  it('a message in the conversation on screen, with the focus, notifies nothing', async () => {
    const { page } = app
    const writer = friends[1]!
    await page.bringToFront()
    expect(await page.evaluate(() => (globalThis as unknown as { document: { hasFocus(): boolean } }).document.hasFocus())).toBe(true)
    await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(shown(writer))
    const before = (await notifications(page)).length
    expect(await send(writer, '看到了吗')).toMatchObject({ status: 200 })
    await expect.poll(() => page.locator($('message'), { hasText: '看到了吗' }).count(), { timeout: 10_000 }).toBe(1)
    expect((await notifications(page)).length).toBe(before)
    expect(await page.title()).toBe('QQ')
  })

  it('a message in a conversation another tab shows with the focus notifies nothing; with two tabs open one notification, not two', async () => {
    const { page } = app
    const [reading, writer, , other] = friends
    await openFriend(page, shown(reading!))
    await page.click($('tab-recent'))
    const key = (await page.locator($('conversation-row'), { hasText: shown(writer!) }).getAttribute('data-key'))!
    const url = new URL(page.url())
    url.hash = `/chat/friend/${encodeURIComponent(key)}`
    // A chat tab opened from the page, as its double-click does (tabs of one site share channels and locks).
    await page.context().addInitScript(RECORD_NOTIFICATIONS)
    const opened = page.context().waitForEvent('page')
    await page.evaluate((href) => (globalThis as unknown as { open(u: string): unknown }).open(href), url.href)
    const tab = await opened
    await tab.locator($('chat-pane')).waitFor()
    const total = async () => (await notifications(page)).length + (await notifications(tab)).length
    const before = await total()
    expect(await send(writer!, '两边都开着')).toMatchObject({ status: 200 })
    await tab.locator($('message'), { hasText: '两边都开着' }).waitFor({ timeout: 10_000 })
    expect(await send(other!, '另一个人')).toMatchObject({ status: 200 })
    await expect.poll(total, { timeout: 10_000 }).toBe(before + 1)
    expect([...(await notifications(page)), ...(await notifications(tab))].at(-1)).toMatchObject({ title: shown(other!) })
    await tab.close()
  })

  it('a muted conversation notifies nothing and adds nothing to the title', async () => {
    const { page } = app
    const [reading, , muted] = friends
    await openFriend(page, shown(muted!))
    await page.click($('mute-button'))
    await expect.poll(() => page.locator($('mute-button')).getAttribute('aria-pressed')).toBe('true')
    await openFriend(page, shown(reading!))
    const before = (await notifications(page)).length
    const unread = async () => Number(/^\((\d+)\)/.exec(await page.title())?.[1] ?? 0)
    const unreadBefore = await unread()
    expect(await send(muted!, '群里说的那个事')).toMatchObject({ status: 200 })
    await page.click($('tab-recent'))
    // The message is there (its row says so) …
    await expect.poll(() => page.locator($('conversation-row'), { hasText: shown(muted!) }).textContent(), { timeout: 10_000 }).toContain('群里说的那个事')
    // … and a message after it does notify, so the muted one had its chance to.
    expect(await send(friends[1]!, '还在吗')).toMatchObject({ status: 200 })
    await expect.poll(async () => (await notifications(page)).length, { timeout: 10_000 }).toBe(before + 1)
    expect((await notifications(page)).at(-1)).toMatchObject({ title: shown(friends[1]!), body: '还在吗' })
    expect(await unread()).toBe(unreadBefore + 1)
  })

  it('with previews off a notification says only that a message came', async () => {
    const { page } = app
    await page.click($('settings-button'))
    await page.locator($('notify-preview')).uncheck()
    await page.keyboard.press('Escape')
    const before = (await notifications(page)).length
    expect(await send(friends[1]!, '秘密内容')).toMatchObject({ status: 200 })
    await expect.poll(async () => (await notifications(page)).length, { timeout: 10_000 }).toBe(before + 1)
    expect((await notifications(page)).at(-1)).toMatchObject({ title: 'QQ', body: '你收到一条新消息' })
  })
})
