import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MESSAGE_TEXT_MAX } from '../../electron/ipc/contract'
import { decodeDisplayedQr, startApp, type RunningApp } from './support/app'

/**
 * Issue 8: pasting 1.2 MB into the composer once sent a draft frame over the socket's limit, and
 * the backend died. Now the paste is cut at the limit with a notice, the socket stays up and the
 * backend goes on answering.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  // The test's sender has no 3 s spacing (FAST), so the emulator's limiter would answer 1202 to the 13 parts.
  app = await startApp({ emulator: { rateLimit: { enabled: false } } })
})
afterAll(() => app.close())

describe('the composer limit in Chromium', () => {
  it('cuts a 1.2 MB paste at the limit with a notice and a counter; the socket stays open and the backend answers', async () => {
    const { page, phone } = app
    const closedSockets: string[] = []
    page.on('websocket', (ws) => ws.on('close', () => closedSockets.push(ws.url())))
    const text = await decodeDisplayedQr(page)
    await phone.scan(text)
    await phone.confirm(text)
    await page.locator($('self-nick')).waitFor()
    await page.click($('tab-friends'))
    await page.locator($('friend-row'), { hasText: '回声' }).click()
    const composer = page.locator($('composer'))
    await composer.waitFor()

    // A real paste: the clipboard holds 1.2 MB, Ctrl+V puts it in.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.evaluate(`navigator.clipboard.writeText('贴'.repeat(400000))`)
    await composer.focus()
    await page.keyboard.press('Control+V')
    await expect.poll(async () => (await composer.inputValue()).length).toBe(MESSAGE_TEXT_MAX)
    await expect.poll(() => page.locator($('composer-cut')).textContent()).toContain(`${MESSAGE_TEXT_MAX} 字的上限`)
    expect(await page.locator($('composer-counter')).textContent()).toContain(`${MESSAGE_TEXT_MAX} / ${MESSAGE_TEXT_MAX}`)
    // Past the draft autosave's debounce: the draft reached the backend, whole.
    await expect
      .poll(async () => (await app.core.handlers['conversations.list']({})).find((c) => c.title.includes('回声'))?.draft?.length, { timeout: 5000 })
      .toBe(MESSAGE_TEXT_MAX)
    await app.shot('composer-limit')

    // The backend still answers through the same socket: the long message goes out, split.
    await page.keyboard.press('Enter')
    const mine = page.locator(`${$('message')}[data-direction="out"]`).last()
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 20_000 }).toBe('sent')
    expect(closedSockets).toEqual([])
    await expect.poll(() => composer.inputValue()).toBe('')
    expect(await page.locator($('composer-cut')).count()).toBe(0)
  })
})
