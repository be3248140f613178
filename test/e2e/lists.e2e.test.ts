import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * The sidebar lists as a person uses them (issue 11), in web mode against the embedded emulator:
 * the conversation menu, [有人@我], one Tab stop per list with the arrows and Enter, friend
 * requests as cards, presence while the session is down, and a logout that asks first.
 */

let app: RunningApp
let world: any
const ME = '2851234567'
const $ = (id: string) => `[data-testid="${id}"]`
const row = (text: string) => app.page.locator($('conversation-row'), { hasText: text })
const titles = () => app.page.locator(`${$('conversation-row')} .title`).allTextContents()

async function rightClick(text: string, item: string): Promise<void> {
  await row(text).click({ button: 'right' })
  await app.page.locator($('conversation-menu')).waitFor()
  await app.page.click($(`menu-${item}`))
  await app.page.locator($('conversation-menu')).waitFor({ state: 'detached' })
}

/** Friends who are not bots (echo and 小助手 answer back). */
function people(): any[] {
  return world.friends.filter((f: any) => !['回声', '小助手'].includes(f.nick))
}

beforeAll(async () => {
  app = await startApp()
  world = await app.phone.contacts()
  await app.logIn()
})
afterAll(() => app.close())

describe('the sidebar lists in Chromium (web mode)', () => {
  it('right-click on a conversation: mark read, pin (icon, moves to the top), mute, remove from recent', async () => {
    const { page, phone } = app
    const [a, b, c] = people()
    for (const [f, text] of [[a, '第一条'], [b, '第二条'], [c, '第三条']] as const) {
      expect((await phone.post('/control/messages/send', { kind: 'friend', from: f.qq, content: [text] })).status).toBe(200)
      await row(text).waitFor()
    }
    await expect.poll(() => row('第二条').locator('.pill').count()).toBe(1)
    await rightClick('第二条', 'read')
    await expect.poll(() => row('第二条').locator('.pill').count()).toBe(0)

    // Pin the lowest of the three: it moves to the top.
    const previews = await page.locator(`${$('conversation-row')} .preview`).allTextContents()
    const lowest = ['第一条', '第二条', '第三条'].sort((x, y) => previews.findIndex((p) => p.includes(y)) - previews.findIndex((p) => p.includes(x)))[0]!
    const lowestTitle = await row(lowest).locator('.title').textContent()
    expect((await titles())[0]).not.toBe(lowestTitle)
    await rightClick(lowest, 'pin')
    await row(lowest).locator($('pinned-icon')).waitFor()
    await expect.poll(async () => (await titles())[0]).toBe(lowestTitle)
    await app.shot('lists-01-pinned')

    // Another of the three is muted, then removed.
    const other = ['第一条', '第二条', '第三条'].find((x) => x !== lowest)!
    const otherFriend = [a, b, c][['第一条', '第二条', '第三条'].indexOf(other)]
    await rightClick(other, 'mute')
    await row(other).locator($('muted-icon')).waitFor()

    await rightClick(other, 'remove')
    await expect.poll(() => row(other).count()).toBe(0)
    // A new message brings it back.
    await phone.post('/control/messages/send', { kind: 'friend', from: otherFriend.qq, content: ['又来了'] })
    await row('又来了').waitFor()
    // The menu from the keyboard: Shift+F10 on the focused row says it is pinned.
    await row(lowest).locator('xpath=..').focus()
    await page.keyboard.press('Shift+F10')
    await page.locator($('conversation-menu')).waitFor()
    expect(await page.locator($('menu-pin')).textContent()).toContain('取消置顶')
    await page.keyboard.press('Escape')
    await page.locator($('conversation-menu')).waitFor({ state: 'detached' })
    expect(await page.evaluate<string | null>('document.activeElement?.getAttribute("role")')).toBe('option')
  })

  it('a message that @-mentions me marks the group with a red [有人@我] until I open it', async () => {
    const { page, phone } = app
    const group = world.groups[0]
    const member = group.members.find((m: any) => m.qq !== ME)
    expect((await phone.post('/control/messages/send', { kind: 'group', from: member.qq, target: group.number, content: [{ mention: ME }, ' 开会了'] })).status).toBe(200)
    const marker = row('开会了').locator($('mention-marker'))
    await marker.waitFor()
    expect(await marker.textContent()).toBe('[有人@我]')
    // Red: the theme's danger colour.
    const danger = await page.evaluate<string>(`(() => {
      const probe = document.body.appendChild(document.createElement('span'))
      probe.style.color = 'var(--danger)'
      const colour = getComputedStyle(probe).color
      probe.remove()
      return colour
    })()`)
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('[data-testid="mention-marker"]')).color`)).toBe(danger)
    // A message without a mention does not mark another group.
    const other = world.groups[1]
    await phone.post('/control/messages/send', { kind: 'group', from: other.members.find((m: any) => m.qq !== ME).qq, target: other.number, content: ['没有提到谁'] })
    await row('没有提到谁').waitFor()
    expect(await row('没有提到谁').locator($('mention-marker')).count()).toBe(0)
    await app.shot('lists-02-mentioned')
    await row('开会了').click()
    await expect.poll(() => row('开会了').locator($('mention-marker')).count()).toBe(0)
    await page.locator($('chat-pane')).waitFor()
  })

  it('a list is one Tab stop: the arrows move through it, Tab leaves it, Enter opens the conversation in a new page', async () => {
    const { page } = app
    const list = page.locator($('recent-list'))
    expect(await list.getAttribute('role')).toBe('listbox')
    expect(await list.locator('[role="option"][tabindex="0"]').count()).toBe(1)
    const focused = () => page.evaluate<number>('document.activeElement?.getAttribute("role") === "option" ? Number(document.activeElement.getAttribute("data-index")) : -1')
    // Tab from the search box through the tabs reaches the list once, on its Tab stop.
    await page.focus($('search-input'))
    for (let i = 0; i < 8 && (await focused()) < 0; i++) await page.keyboard.press('Tab')
    const entered = await focused()
    expect(entered).toBeGreaterThanOrEqual(0)
    await page.keyboard.press('Home')
    expect(await focused()).toBe(0)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await focused()).toBe(2)
    await page.keyboard.press('Home')
    expect(await focused()).toBe(0)
    await page.keyboard.press('End')
    const last = (await list.locator('[role="option"]').count()) - 1
    expect(await focused()).toBe(last)
    await page.keyboard.press('ArrowUp')
    expect(await list.locator('[role="option"][tabindex="0"]').count()).toBe(1)
    // Tab leaves the list at once, Shift+Tab comes back to the same row.
    await page.keyboard.press('Tab')
    expect(await focused()).toBe(-1)
    expect(await page.evaluate<boolean>('!!document.activeElement?.closest(\'[data-testid="recent-list"]\')')).toBe(false)
    await page.keyboard.press('Shift+Tab')
    expect(await focused()).toBe(last - 1)
    const focusedRow = (attr: string) => page.evaluate<string>(`document.activeElement?.querySelector('[data-testid="conversation-row"]')?.getAttribute('${attr}')`)
    const key = await focusedRow('data-key')
    const kind = await focusedRow('data-kind')

    const opened = page.context().waitForEvent('page')
    await page.keyboard.press('Enter')
    const tab = await opened
    await tab.waitForLoadState()
    expect(new URL(tab.url()).hash).toBe(`#/chat/${kind}/${encodeURIComponent(key)}`)
    expect(new URL(tab.url()).searchParams.get('token')).toBe(new URL(app.web.url).searchParams.get('token'))
    await tab.close()

    // The friend list too: one stop, ← folds the category the focus is on.
    await page.click($('tab-friends'))
    const friends = page.locator($('friend-list'))
    expect(await friends.getAttribute('role')).toBe('listbox')
    expect(await friends.locator('[role="option"][tabindex="0"]').count()).toBe(1)
    await friends.locator($('category-header')).first().click()
    await expect.poll(() => friends.locator($('category-header')).first().locator('xpath=..').getAttribute('aria-expanded')).toBe('false')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => friends.locator($('category-header')).first().locator('xpath=..').getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate<boolean>('!!document.activeElement?.querySelector(\'[data-testid="friend-row"]\')')).toBe(true)
    await page.click($('tab-recent'))
  })

  it('a friend request arrives as a card with the nick, not a modal; accepting with a remark adds the friend under it', async () => {
    const { page, phone } = app
    const asked = await phone.post('/control/contacts/friend-request', { nick: '想加你', msg: '我是小王' })
    expect(asked.status).toBe(200)
    const notice = page.locator($('friend-request-notice'))
    await notice.waitFor()
    expect(await notice.textContent()).toContain('想加你 请求添加你为好友')
    expect(await page.locator('[role="dialog"]').count()).toBe(0)
    expect(await page.locator($('friend-requests-badge')).textContent()).toBe('1')
    await app.shot('lists-03-request-notice')

    await page.click($('tab-friends'))
    await page.click($('friend-requests-toggle'))
    const card = page.locator($('friend-request'))
    await card.waitFor()
    expect(await card.locator($('friend-request-nick')).textContent()).toBe('想加你')
    expect(await card.textContent()).toContain(asked.body.from)
    expect(await card.textContent()).toContain('附言：我是小王')
    await card.locator($('friend-request-remark')).click()
    await page.fill($('friend-request-remark-input'), '小王同学')
    await app.shot('lists-04-request-card')
    await page.click($('friend-request-submit'))
    await card.waitFor({ state: 'detached' })
    await expect.poll(() => page.locator($('friend-requests-badge')).count()).toBe(0)
    await expect.poll(async () => (await phone.contacts()).friends.find((f: any) => f.qq === asked.body.from)?.markname, { timeout: 10_000 }).toBe('小王同学')
    await page.click($('tab-recent'))
  })

  it('presence goes grey while the session is down (polls dropped, then kicked): no green dot, no 在线 in the chat header', async () => {
    const { page, phone } = app
    const friend = world.friends.find((f: any) => f.status === 'online' && f.nick !== '回声' && f.nick !== '小助手') ?? people()[0]
    await phone.post('/control/contacts/presence', { qq: friend.qq, status: 'online' })
    await page.click($('tab-friends'))
    const friendRow = page.locator($('friend-row'), { hasText: String(friend.markname ?? friend.nick) }).first()
    await expect.poll(() => friendRow.locator('.dot.green').count(), { timeout: 10_000 }).toBe(1)
    await friendRow.click()
    await expect.poll(() => page.locator($('chat-presence')).textContent()).toBe('在线')

    const greyed = async () => {
      await expect.poll(() => page.locator($('chat-presence')).textContent(), { timeout: 30_000 }).toBe('状态未知（你已离线）')
      expect(await page.locator(`${$('friend-list')} .dot.green`).count()).toBe(0)
      expect(await page.locator(`${$('chat-pane')} .dot.green`).count()).toBe(0)
      expect(await friendRow.locator($('friend-status')).count()).toBe(0)
      expect(await page.locator($('presence-note')).textContent()).toContain('你已离线')
    }
    await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'drop' } })
    await greyed()
    await app.shot('lists-05-presence-reconnecting')
    await phone.post('/control/faults/clear', {})
    await expect.poll(() => page.locator($('chat-presence')).textContent(), { timeout: 30_000 }).toBe('在线')

    await phone.post('/control/sessions/end', { qq: ME, reason: 'kicked' })
    await greyed()
    await app.shot('lists-06-presence-kicked')
  })

  it('logout asks first and says what happens; cancel keeps me in, confirm logs out', async () => {
    const { page } = app
    await page.click($('self-logout'))
    const dialog = page.locator($('logout-confirm'))
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain('重新扫码登录')
    expect(await dialog.textContent()).toContain('聊天记录')
    await app.shot('lists-07-logout-confirm')
    await page.click($('logout-cancel'))
    await dialog.waitFor({ state: 'detached' })
    expect(await page.locator($('self-nick')).count()).toBe(1)
    await page.click($('self-logout'))
    await page.click($('logout-confirm-button'))
    await page.locator($('login-qr')).waitFor()
  })
})
