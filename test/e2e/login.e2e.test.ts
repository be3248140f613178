import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeDisplayedQr, startApp, type RunningApp } from './support/app'

/**
 * A refused password login, as a new user meets it in web mode (issue 8): the password tab says
 * in words what happened and what to do; the QR tab keeps showing a live QR, also after reloads.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`
const QQ = '2851234567'

beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app.close())

async function passwordLogin(password: string): Promise<void> {
  const { page } = app
  await page.fill($('password-qq'), QQ)
  await page.fill($('password-input'), password)
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

const qrTab = () => app.page.getByRole('tab', { name: '扫码登录' })
const passwordTab = () => app.page.getByRole('tab', { name: '密码登录' })

async function expectLiveQr(): Promise<void> {
  const { page } = app
  await expect.poll(() => page.locator($('login-state')).textContent()).toBe('请使用手机 QQ 扫描二维码登录')
  expect(await decodeDisplayedQr(page)).toMatch(/^https:\/\/txz\.qq\.com\/p\?k=/)
  expect(await page.locator($('retry-button')).count()).toBe(0)
  expect(await page.locator('.overlay.bad').count()).toBe(0)
  expect(await page.locator('[role="alert"]').count()).toBe(0)
}

describe('a refused password login', () => {
  it('on a server of a later era: says this server takes no password logins and to use the QR code', async () => {
    const { page } = app
    await page.locator($('login-qr')).waitFor()
    await passwordTab().click()
    await passwordLogin('password')
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toBe('网页版 QQ 已于 2015 年 9 月 30 日取消密码登录，这个服务器不再接受密码。请改用扫码登录：用手机 QQ 扫描二维码。')
    await app.shot('login-password-removed-era')
  })

  it('with a wrong password (era 2013): the password tab says so; the QR tab shows a live QR, also after a reload', async () => {
    const { page, phone } = app
    expect((await phone.settings({ era: '2013', captcha: 'never' })).status).toBe(200)
    await passwordLogin('not the password')
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toBe('QQ 号码或密码不正确。请检查后重新输入。')
    expect(await page.locator('[role="alert"]').textContent()).not.toContain('错误码')
    await app.shot('login-password-refused')

    // A reload right after the refusal comes back where the user was, with the words.
    await page.reload()
    await expect.poll(() => page.locator('[role="alert"]').textContent()).toBe('QQ 号码或密码不正确。请检查后重新输入。')
    expect(await passwordTab().getAttribute('aria-selected')).toBe('true')

    expect((await phone.settings({ era: '2018' })).status).toBe(200)
    await qrTab().click()
    await expectLiveQr()
    await app.shot('login-qr-after-refused-password')

    await page.reload()
    await expect.poll(() => qrTab().getAttribute('aria-selected')).toBe('true')
    await expectLiveQr()

    // And it is a real one: the phone scans it and the app logs in.
    await app.logIn()
  })
})
