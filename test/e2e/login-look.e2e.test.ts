import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeDisplayedQr, startApp, type RunningApp } from './support/app'

/**
 * The login card as a new user meets it (issue 11): switching between the QR and the password tab
 * does not move it, and a scanned QR is dimmed with 已扫描，请在手机上确认 over it, not just a tick.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app.close())

const card = () => app.page.locator('section.card').boundingBox()

describe('the login card', () => {
  it('stays where it is when switching between the QR and the password tab', async () => {
    const { page } = app
    await expect.poll(() => page.locator($('login-countdown')).isVisible(), { timeout: 10_000 }).toBe(true)
    const first = await card()
    await page.click($('tab-password'))
    await page.locator($('password-qq')).waitFor()
    expect(await card()).toEqual(first)
    await page.click($('tab-qr'))
    await page.locator($('login-qr')).waitFor()
    expect(await card()).toEqual(first)
  })

  it('dims a scanned QR and says 已扫描，请在手机上确认 over it', async () => {
    const { page, phone } = app
    const qr = await decodeDisplayedQr(page)
    expect((await phone.scan(qr)).status).toBe(200)
    const over = page.locator($('qr-scanned'))
    await over.waitFor()
    expect(await over.textContent()).toContain('已扫描，请在手机上确认')
    // Once its fade has run.
    await page.locator($('login-qr')).evaluate((img) => Promise.all((img as unknown as { getAnimations(): Array<{ finished: Promise<unknown> }> }).getAnimations().map((a) => a.finished)))
    const opacity = await page.locator($('login-qr')).evaluate((img) => Number((globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(img).opacity))
    expect(opacity).toBeLessThan(0.5)
    // The words stand over the picture.
    const [q, o] = [await page.locator($('login-qr')).boundingBox(), await over.boundingBox()]
    expect(o!.y).toBeGreaterThanOrEqual(q!.y - 10)
    expect(o!.y + o!.height).toBeLessThanOrEqual(q!.y + q!.height + 10)
    await app.shot('login-look-scanned')
  })
})
