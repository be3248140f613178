import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SENDER_OPTIONS } from '../../electron/engine/messages/sender'
import { startApp, type RunningApp } from './support/app'

/**
 * Issue 12, send pacing as a user sees it: the spacing is a setting (whole seconds, 3–60; other
 * input puts the stored value back), and while messages wait their turn the chat says how many
 * and why; when they are out the note goes.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`
const spacing = async () => (await app.core.handlers['settings.get']({})).sendSpacingSeconds

beforeAll(async () => {
  // The app's own pacing (the tests' fast timings send at once).
  app = await startApp({ emulator: { chatter: false, rateLimit: { enabled: false } }, client: { sender: DEFAULT_SENDER_OPTIONS } })
  await app.logIn()
})
afterAll(() => app.close())

describe('send pacing (web mode)', () => {
  it('takes the spacing from Settings within 3–60 whole seconds, and keeps the stored value for anything else', async () => {
    const { page } = app
    await page.click($('settings-button'))
    const field = page.locator($('send-spacing'))
    expect(await field.inputValue()).toBe('3')
    for (const bad of ['2', '61', '4.5', '', '-3']) {
      await field.fill(bad)
      await field.dispatchEvent('change')
      await expect.poll(() => field.inputValue()).toBe('3')
    }
    expect(await spacing()).toBe(3)
    await field.fill('5')
    await field.dispatchEvent('change')
    await expect.poll(spacing).toBe(5)
    await field.fill('3')
    await field.dispatchEvent('change')
    await expect.poll(spacing).toBe(3)
    await page.keyboard.press('Escape')
    await page.locator($('settings-dialog')).waitFor({ state: 'detached' })
  })

  it('says how many messages wait their turn while the outbox paces them, and stops saying it when they are out', async () => {
    const { page, phone } = app
    await page.click($('tab-friends'))
    await page.locator($('friend-row'), { hasText: '回声' }).first().click()
    const composer = page.locator($('composer'))
    for (const text of ['第一条', '第二条', '第三条', '第四条']) {
      await composer.fill(text)
      await composer.press('Enter')
    }
    // The first goes at once and one more a second later (§8.5's allowance); the rest wait 3 s apart: up to three wait.
    const note = page.locator($('send-queue'))
    await note.waitFor({ timeout: 5000 })
    expect(await note.textContent()).toMatch(/[1-3] 条消息排队发送中，每 3 秒发出一条/)
    await app.shot('send-queue')
    await expect.poll(() => note.count(), { timeout: 15_000 }).toBe(0)
    const sent = (await phone.get('/control/messages?limit=10')) as Array<{ text: string }>
    expect(sent.map((m) => m.text).filter((t) => t.startsWith('第'))).toEqual(['第一条', '第二条', '第三条', '第四条'])
  })
})
