import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeDisplayedQr, startApp, type RunningApp } from './support/app'

/**
 * The whole app in a real Chromium: web mode with the real engine and the embedded emulator,
 * driven like a user would, with the simulated phone for the scan.
 */

let app: RunningApp
let world: any
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  app = await startApp()
  world = await app.phone.contacts()
})
afterAll(() => app.close())

describe('the desktop app in Chromium', () => {
  it('shows the QR at startup; the phone scans the displayed code and confirms it; the contact lists appear', async () => {
    const { page, phone } = app
    await expect.poll(() => page.locator($('login-state')).textContent()).toContain('扫描')
    await expect.poll(() => page.locator($('login-countdown')).textContent()).toMatch(/\d:\d\d/)
    await app.shot('01-login-qr')
    const text = await decodeDisplayedQr(page)
    expect(text).toMatch(/^https:\/\/txz\.qq\.com\/p\?k=/)
    expect((await phone.scan(text)).status).toBe(200)
    await expect.poll(() => page.locator($('login-state')).textContent()).toContain('确认')
    await app.shot('02-login-scanned')
    expect((await phone.confirm(text)).status).toBe(200)
    await page.locator($('self-nick')).waitFor()
    expect(await page.locator($('self-nick')).textContent()).toContain('小企鹅')

    await page.click($('tab-friends'))
    await page.locator($('friend-row')).first().waitFor()
    // Every category header shows online/total, and the totals add up to the friend list.
    const headers = await page.locator($('category-header')).allTextContents()
    const totals = headers.map((h) => Number(/(\d+)\s*\/\s*(\d+)/.exec(h)![2]))
    expect(totals.reduce((a, b) => a + b, 0)).toBe(world.friends.length)
    const online = world.friends.filter((f: any) => f.status !== 'offline' && f.status !== 'hidden').length
    expect(headers.map((h) => Number(/(\d+)\s*\//.exec(h)![1])).reduce((a, b) => a + b, 0)).toBe(online)
    await app.shot('03-friends')

    await page.click($('tab-groups'))
    await expect.poll(() => page.locator($('group-row')).count()).toBe(world.groups.length)
    await page.click($('tab-discussions'))
    await expect.poll(() => page.locator($('discussion-row')).count()).toBe(world.discussions.length)
  })

  it('filters every list with one search box', async () => {
    const { page } = app
    await page.click($('tab-friends'))
    await page.fill($('search-input'), '小助手')
    await expect.poll(() => page.locator($('friend-row')).count()).toBe(1)
    expect(await page.locator($('friend-row')).first().textContent()).toContain('小助手')
    await page.click($('tab-groups'))
    await page.fill($('search-input'), '吃瓜')
    await expect.poll(() => page.locator($('group-row')).count()).toBe(1)
    await app.shot('04-search')
    await page.fill($('search-input'), '')
    await expect.poll(() => page.locator($('group-row')).count()).toBe(world.groups.length)
  })

  it("opens a group's member panel with cards and the owner", async () => {
    const { page } = app
    const group = world.groups.find((g: any) => g.name === '吃瓜群')
    await page.click($('tab-groups'))
    await page.locator($('group-row'), { hasText: '吃瓜' }).click()
    await page.click($('members-button'))
    await page.locator($('member-panel')).waitFor()
    await expect.poll(() => page.locator($('member-row')).count()).toBe(group.members.length)
    const rows = (await page.locator($('member-row')).allTextContents()).join('\n')
    // Cards are shown (the service cut them at 21 bytes: compare their first characters).
    for (const m of group.members.filter((x: any) => x.card)) expect(rows).toContain([...m.card].slice(0, 3).join(''))
    expect(rows).toContain('群主')
    await app.shot('05-group-members')
  })

  it('sends to the echo contact and shows its reply; the message ends sent', async () => {
    const { page } = app
    await page.click($('tab-friends'))
    await page.locator($('friend-row'), { hasText: '回声' }).click()
    await page.fill($('composer'), '你好，回声[微笑]')
    await page.keyboard.press('Enter')
    const mine = page.locator(`${$('message')}[data-direction="out"]`).last()
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent')
    const reply = page.locator(`${$('message')}[data-direction="in"]`).last()
    await expect.poll(() => reply.textContent(), { timeout: 10_000 }).toContain('你好，回声')
    await app.shot('06-chat')
  })

  it('switches to English', async () => {
    const { page } = app
    await page.click($('lang-switch'))
    await expect.poll(() => page.locator($('tab-friends')).textContent()).toContain('Friends')
    await expect.poll(() => page.locator($('tab-groups')).textContent()).toContain('Groups')
    await app.shot('07-english')
  })

  it('says the session was lost, with the service\'s reason, when another login kicks it', async () => {
    const { page, phone } = app
    await phone.post('/control/sessions/end', { qq: '2851234567', reason: 'kicked' })
    const banner = page.locator($('conn-banner'))
    await expect.poll(() => banner.textContent(), { timeout: 10_000 }).toMatch(/another location|另一地点|lost|下线/i)
    await page.locator($('banner-action')).waitFor()
    await app.shot('08-session-lost')
  })
})
