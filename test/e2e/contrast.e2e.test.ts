import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'
import { axeContrast, measureContrast } from './support/contrast'

/**
 * Every text meets WCAG AA in both themes (issue 11: message times were 2.56:1, list times and the
 * 今天 chip 2.36:1, white on the outgoing bubble 3.76:1, the unread pill 3.9:1, [草稿] 3.6:1): a
 * chat with incoming and outgoing messages, a draft, unread and a muted unread conversation on
 * screen, checked by axe-core's colour-contrast rule and by the computed ratio of the key elements.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`
type Friend = { qq: string; nick: string; bot?: boolean }

beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app.close())

const KEY_TEXTS = {
  'message time': `${$('message')} .meta`,
  'incoming bubble': `${$('message')}[data-direction="in"] .bubble`,
  'outgoing bubble': `${$('message')}[data-direction="out"] .bubble`,
  'day chip': '.day span',
  'list time': `${$('conversation-row')} .time`,
  'list preview': `${$('conversation-row')} .preview`,
  'unread pill': `${$('conversation-row')} .pill`,
  draft: `${$('conversation-row')} .draft`,
}
const DIALOG_TEXTS = { 'primary button': `${$('settings-dialog')} .btn.primary`, 'dialog labels': `${$('settings-dialog')} label` }

async function openFriend(page: Page, nick: string): Promise<void> {
  await page.click($('tab-friends'))
  await page.locator($('friend-row'), { hasText: nick }).first().click()
  await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(nick)
}

async function setTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.click($('settings-button'))
  await page.locator($('settings-dialog')).waitFor()
  await page.selectOption($('settings-theme'), theme)
  await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
  await settled(page)
}

/** Colours are measured once their transitions (buttons fade to the new theme) have ended. */
function settled(page: Page): Promise<unknown> {
  return page.evaluate(() => {
    const { document } = globalThis as unknown as { document: { getAnimations(): Array<{ finished: Promise<unknown> }> } }
    return Promise.all(document.getAnimations().map((a) => a.finished))
  })
}

/** The key elements found on screen (a check of nothing passes nothing), those below AA, and what axe-core finds. */
async function unreadable(page: Page, targets: Record<string, string>) {
  const measured = await measureContrast(page, targets)
  return { missing: Object.keys(targets).filter((name) => !measured.some((m) => m.name === name)), low: measured.filter((m) => m.ratio < m.needed), axe: await axeContrast(page) }
}
const READABLE = { missing: [], low: [], axe: [] }

describe('contrast in both themes', () => {
  it('the login card, QR and password tab, meets WCAG AA in both themes (the theme follows the system before login)', async () => {
    const { page } = app
    const LOGIN_TEXTS = { tabs: '[role="tab"]', 'login state': $('login-state'), countdown: $('login-countdown') }
    await page.locator($('login-countdown')).waitFor({ timeout: 10_000 })
    const found: Record<string, unknown> = {}
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(scheme)
      await settled(page)
      found[`${scheme} qr`] = await unreadable(page, LOGIN_TEXTS)
      await page.click($('tab-password'))
      await page.locator($('password-qq')).waitFor()
      await settled(page)
      found[`${scheme} password`] = await unreadable(page, { tabs: '[role="tab"]' })
      await page.click($('tab-qr'))
      await page.locator($('login-countdown')).waitFor()
    }
    await page.emulateMedia({ colorScheme: 'light' })
    expect(found).toEqual({ 'light qr': READABLE, 'light password': READABLE, 'dark qr': READABLE, 'dark password': READABLE })
  })

  it('sets up a chat with both directions, a draft, unread and a muted unread conversation', async () => {
    const { page, phone } = app
    await app.logIn()
    const friends = ((await phone.contacts()).friends as Friend[]).filter((f) => !f.bot && !['回声', '小助手'].includes(f.nick))
    const [drafted, unread, muted] = friends
    const send = (from: Friend, text: string) => phone.post('/control/messages/send', { kind: 'friend', from: from.qq, content: [text] })

    await openFriend(page, muted!.nick)
    await page.click($('mute-button'))
    await openFriend(page, drafted!.nick)
    await page.fill($('composer'), '晚上一起吃饭吗')
    await openFriend(page, '回声')
    await page.fill($('composer'), '你好，回声')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator(`${$('message')}[data-direction="in"]`).count(), { timeout: 10_000 }).toBeGreaterThan(0)
    expect((await send(unread!, '在吗？')).status).toBe(200)
    expect((await send(muted!, '群里说的那个事')).status).toBe(200)
    await page.click($('tab-recent'))
    await expect.poll(() => page.locator(`${$('conversation-row')} .pill`).count(), { timeout: 10_000 }).toBe(2)
    await page.locator(`${$('conversation-row')} .draft`).waitFor()
    await page.locator('.day span').first().waitFor()
  })

  for (const theme of ['light', 'dark'] as const) {
    it(`every text meets WCAG AA in the ${theme} theme (axe-core and the key elements' computed ratios)`, async () => {
      const { page } = app
      await setTheme(page, theme)
      await app.shot(`contrast-${theme}-settings`)
      const dialog = await unreadable(page, DIALOG_TEXTS)
      await page.keyboard.press('Escape')
      await page.locator($('settings-dialog')).waitFor({ state: 'detached' })
      await settled(page)
      await app.shot(`contrast-${theme}-chat`)
      expect({ dialog, chat: await unreadable(page, KEY_TEXTS) }).toEqual({ dialog: READABLE, chat: READABLE })
    })
  }
})
