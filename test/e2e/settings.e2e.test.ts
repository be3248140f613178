import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * Settings as a new user changes them, one after another, in web mode: each change keeps every
 * earlier one, in the page and after a reload (issue 8: every change used to reset the others).
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app.close())

const lang = () => app.page.locator('html').getAttribute('lang')
const theme = () => app.page.locator('html').getAttribute('data-theme')
const stored = () => app.core.handlers['settings.get']({})

describe('settings keep each other', () => {
  it('language, then theme, then send key, then do-not-disturb in the settings dialog: each earlier choice survives, also after a reload', async () => {
    const { page } = app
    await app.logIn()
    // The page under its CSP from the start: every violation counted (zod parses the settings here,
    // told not to probe for eval by main.ts; the probe would be one).
    await page.addInitScript(`window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI))`)
    await page.reload()
    await page.locator($('self-nick')).waitFor()

    await page.click($('settings-button'))
    const dialog = page.locator($('settings-dialog'))
    await dialog.waitFor()
    await page.selectOption($('settings-language'), 'en')
    await expect.poll(lang).toBe('en')
    await page.selectOption($('settings-theme'), 'dark')
    await expect.poll(theme).toBe('dark')
    expect(await lang()).toBe('en')
    await dialog.getByLabel('Ctrl+Enter sends, Enter adds a line').check()
    await expect.poll(stored).toMatchObject({ sendKey: 'ctrl-enter' })
    expect([await lang(), await theme()]).toEqual(['en', 'dark'])
    await dialog.getByLabel('Do not disturb').check()
    await expect.poll(stored).toMatchObject({ notifications: { doNotDisturb: true } })

    const expectAllFour = async () => {
      expect(await lang()).toBe('en')
      expect(await theme()).toBe('dark')
      expect(await page.locator($('settings-language')).inputValue()).toBe('en')
      expect(await page.locator($('settings-theme')).inputValue()).toBe('dark')
      expect(await page.locator($('send-key-ctrl')).isChecked()).toBe(true)
      expect(await page.locator($('notify-dnd')).isChecked()).toBe(true)
      // The other notification settings were not touched.
      expect(await page.locator($('notify-enabled')).isChecked()).toBe(true)
      expect(await page.locator($('notify-preview')).isChecked()).toBe(true)
      expect(await page.locator($('notify-sound')).isChecked()).toBe(true)
    }
    await expectAllFour()
    await app.shot('settings-dialog-after-four-changes')
    expect(stored()).toMatchObject({ language: 'en', theme: 'dark', sendKey: 'ctrl-enter', notifications: { enabled: true, showPreview: true, sound: true, doNotDisturb: true } })

    await page.reload()
    await page.locator($('self-nick')).waitFor()
    await page.click($('settings-button'))
    await page.locator($('settings-dialog')).waitFor()
    await expectAllFour()
    expect(await page.evaluate('[window.__violations, globalThis.__zod_globalConfig?.jitless]')).toEqual([[], true])
    // Logging out from the settings asks first, as from the header; cancelling keeps us logged in.
    await page.click($('logout-button'))
    await page.locator($('logout-confirm')).waitFor()
    await page.click($('logout-cancel'))
    expect(await page.locator($('self-nick')).isVisible()).toBe(true)
    await page.click($('settings-button'))
    await page.click($('logout-button'))
    await page.click($('logout-confirm-button'))
    await page.locator($('login-qr')).waitFor()
  })

  it('choosing a server on the login screen keeps the language', async () => {
    const { page } = app
    await page.locator($('login-qr')).waitFor()
    await page.click($('lang-switch'))
    await expect.poll(lang).toBe('zh-CN')
    // The embedded emulator's own address, as "an emulator elsewhere": a server that answers.
    const { port } = new URL(app.emulator.url)
    await page.selectOption($('profile-select'), 'custom')
    await page.fill($('profile-host'), '127.0.0.1')
    await page.fill($('profile-port'), port)
    await page.getByRole('button', { name: '应用' }).click()
    await expect.poll(stored).toMatchObject({ profile: { kind: 'custom', port: Number(port) } })
    await page.locator($('login-qr')).waitFor()
    expect(stored()).toMatchObject({ language: 'zh-CN', theme: 'dark', sendKey: 'ctrl-enter' })
    expect(await lang()).toBe('zh-CN')

    await page.selectOption($('profile-select'), 'emulator')
    await expect.poll(stored).toMatchObject({ profile: { kind: 'emulator' } })
    await page.locator($('login-qr')).waitFor()
    expect(stored()).toMatchObject({ language: 'zh-CN', theme: 'dark', sendKey: 'ctrl-enter' })
    await page.reload()
    await page.locator($('login-qr')).waitFor()
    expect([await lang(), await theme()]).toEqual(['zh-CN', 'dark'])
  })
})
