import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * The simulated phone as a user reaches it: 打开模拟手机 on the login page opens the phone page
 * (with the emulator's secret in its URL) in a new tab, where its own script, sending that
 * secret on every control call, shows the app's QR code and logs the app in.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app.close())

describe('the simulated phone page in Chromium', () => {
  it('opens from the login page, shows the pending QR code, and scans and confirms it', async () => {
    const { page } = app
    await expect.poll(() => page.locator($('login-state')).textContent()).toContain('扫描')
    const opened = page.context().waitForEvent('page')
    await page.click($('open-phone'))
    const phone = await opened
    await phone.waitForLoadState()
    expect(phone.url()).toMatch(/\/phone\?secret=[\w-]{32}$/)
    const qr = phone.locator('.qr')
    await qr.first().waitFor()
    expect(await qr.count()).toBe(1)
    // The QR image comes through the control API too (a blob: URL, fetched with the secret).
    await expect.poll(() => qr.locator('img').evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBeGreaterThan(0)
    await phone.screenshot({ path: 'test-results/screenshots/phone-page-pending.png' })
    await qr.getByRole('button', { name: '扫描' }).click()
    await expect.poll(() => page.locator($('login-state')).textContent()).toContain('确认')
    await qr.getByRole('button', { name: '确认登录' }).click()
    await page.locator($('self-nick')).waitFor()
    expect(await page.locator($('self-nick')).textContent()).toContain('小企鹅')
    await phone.close()
  })
})
