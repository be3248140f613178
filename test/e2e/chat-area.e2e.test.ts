import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * The chat area as a user meets it, in web mode against the embedded emulator: the message menu
 * (right-click and keyboard: copy, quote, select, delete locally), a text with a picture stacked,
 * system lines and the shake, the empty-conversation hint, Ctrl+F search as you type with the
 * jump and the words highlighted in the bubble, and the jump button beside, never over, the last
 * bubble.
 */

let app: RunningApp
let world: any
let friend: { qq: string; nick: string }
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  app = await startApp()
  await app.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.web.url).origin })
  await app.logIn()
  world = await app.phone.contacts()
  friend = world.friends.find((f: { nick: string; bot?: boolean }) => !f.bot && !['回声', '小助手'].includes(f.nick))
})
afterAll(() => app.close())

/** The DOM members the page functions below use (the e2e tests compile without the DOM library). */
interface Box {
  top: number
  bottom: number
  left: number
  right: number
  width: number
  height: number
}
interface El {
  getBoundingClientRect(): Box
  querySelector(selector: string): El | null
  scrollTop: number
  scrollHeight: number
  clientHeight: number
}

const box = (page: Page, selector: string) => page.locator(selector).last().evaluate((el: El) => el.getBoundingClientRect())
async function send(content: unknown[]): Promise<void> {
  const { status, body } = await app.phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content })
  expect([status, body]).toMatchObject([200, {}])
}
const FOCUSED = `document.activeElement?.getAttribute('data-testid')`
const bubble = (page: Page, text: string) => page.locator($('message'), { hasText: text }).last()

async function openFriend(page: Page, nick: string): Promise<void> {
  await page.click($('tab-friends'))
  await page.fill($('search-input'), nick)
  await page.locator($('friend-row'), { hasText: nick }).first().click()
  await page.fill($('search-input'), '')
  await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(nick)
}

describe('the chat area', () => {
  it('says something friendly in a conversation with no messages yet', async () => {
    const { page } = app
    const quiet = world.friends.find((f: { nick: string; qq: string; bot?: boolean }) => !f.bot && f.qq !== friend.qq && !['回声', '小助手'].includes(f.nick))
    await openFriend(page, quiet.nick)
    await expect.poll(() => page.locator($('empty-chat')).textContent()).toBe('还没有聊天记录，发条消息打个招呼吧')
  })

  it('stacks a text and a picture of one message: the text above, the picture below', async () => {
    const { page, phone } = app
    expect((await phone.sendImage({ kind: 'friend', from: friend.qq, image: 'landscape', text: '看我拍的风景，美不美' })).status).toBe(200)
    await openFriend(page, friend.nick)
    const m = bubble(page, '看我拍的风景')
    await m.locator($('picture')).waitFor({ timeout: 15_000 })
    const [text, picture] = await m.evaluate((el: any) => {
      const node = [...el.querySelector('.segments').childNodes].find((n: any) => n.nodeType === 3 && n.textContent.includes('风景'))
      const range = (globalThis as any).document.createRange()
      range.selectNodeContents(node)
      return [range.getBoundingClientRect().toJSON(), el.querySelector('[data-testid="picture"]').getBoundingClientRect().toJSON()] as Box[]
    })
    expect(picture!.top).toBeGreaterThanOrEqual(text!.bottom - 1)
    await app.shot('chat-area-01-text-and-picture')
  })

  it('copies a message from its right-click menu: text, faces as [names], pictures as [图片]', async () => {
    const { page } = app
    await send(['早上好', { face: 14 }, '今天开会'])
    const m = bubble(page, '今天开会')
    await m.waitFor()
    await m.locator('.bubble').click({ button: 'right' })
    const menu = page.locator($('message-menu'))
    await menu.waitFor()
    expect(await menu.getAttribute('role')).toBe('menu')
    expect(await menu.locator('[role="menuitem"]').allTextContents()).toEqual(['复制', '引用', '选择文字', '删除（仅本机）'])
    await app.shot('chat-area-02-message-menu')
    await page.click($('menu-copy'))
    await menu.waitFor({ state: 'detached' })
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('早上好[微笑]今天开会')

    const picture = bubble(page, '看我拍的风景')
    await picture.locator('.bubble').click({ button: 'right', position: { x: 4, y: 4 } })
    await page.click($('menu-copy'))
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe('看我拍的风景，美不美[图片]')
  })

  it('opens the menu from the keyboard (Shift+F10 and the context-menu key), walks it with the arrows, and selects the bubble’s text', async () => {
    const { page } = app
    const m = bubble(page, '今天开会')
    await m.focus()
    await page.keyboard.press('Shift+F10')
    const menu = page.locator($('message-menu'))
    await menu.waitFor()
    expect(await page.evaluate(FOCUSED)).toBe('menu-copy')
    await page.keyboard.press('Escape')
    await menu.waitFor({ state: 'detached' })
    expect(await page.evaluate('document.activeElement?.dataset.id')).toBe(await m.getAttribute('data-id'))
    await page.keyboard.press('ContextMenu')
    await menu.waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await page.evaluate(FOCUSED)).toBe('menu-select')
    await page.keyboard.press('Enter')
    await menu.waitFor({ state: 'detached' })
    expect(await page.evaluate('String(window.getSelection())')).toBe(await m.locator('.bubble').textContent())
  })

  it('quotes a message into the composer, QQ style', async () => {
    const { page } = app
    await bubble(page, '今天开会').locator('.bubble').click({ button: 'right' })
    await page.click($('menu-quote'))
    await expect.poll(() => page.locator($('composer')).inputValue()).toContain(`「${friend.nick}：早上好`)
    expect(await page.locator($('composer')).inputValue()).toContain('今天开会」')
    await page.locator($('composer')).fill('')
  })

  it('deletes a message on this computer only: gone from the chat, and still gone after a reload', async () => {
    const { page } = app
    await send(['这条要删掉'])
    const m = bubble(page, '这条要删掉')
    await m.waitFor()
    await m.locator('.bubble').click({ button: 'right' })
    await page.click($('menu-delete'))
    await m.waitFor({ state: 'detached' })
    await page.reload()
    await page.locator($('self-nick')).waitFor()
    await openFriend(page, friend.nick)
    await bubble(page, '今天开会').waitFor()
    expect(await page.locator($('message'), { hasText: '这条要删掉' }).count()).toBe(0)
  })

  it('shows a window shake as a centred system line and shakes the chat pane', async () => {
    const { page, phone } = app
    // Records whether the pane ever has data-shaking (the animation lasts 600 ms).
    await page.locator($('chat-pane')).evaluate((el: any) => {
      const g = globalThis as any
      g.__shook = false
      new g.MutationObserver(() => (g.__shook ||= el.dataset.shaking === 'true')).observe(el, { attributes: true })
    })
    expect((await phone.post('/control/events', { type: 'shake_message', from: friend.qq })).status).toBe(200)
    await expect.poll(() => page.evaluate('globalThis.__shook'), { timeout: 15_000 }).toBe(true)
    const line = page.locator($('system-line'), { hasText: '对方给你发送了一个窗口抖动' })
    await line.waitFor()
    const [l, list] = [await box(page, `${$('system-line')}`), await box(page, '[role="log"]')]
    expect(Math.abs(l.left + l.width / 2 - (list.left + list.width / 2))).toBeLessThan(12)
    expect(await page.locator($('message'), { has: line }).locator('.bubble').count()).toBe(0)
    await app.shot('chat-area-03-shake')
  })

  it('shows a member joining a group as a system line', async () => {
    const { page, phone } = app
    const group = world.groups[0]
    await page.click($('tab-groups'))
    await page.locator($('group-row'), { hasText: group.name }).first().click()
    await expect.poll(() => page.locator($('chat-title')).textContent()).toContain(group.name)
    expect((await phone.post('/control/contacts/group/member', { number: group.number, action: 'join', nick: '新来的小王' })).status).toBe(200)
    await page.locator($('system-line'), { hasText: '新来的小王 加入了群' }).waitFor({ timeout: 15_000 })
    await app.shot('chat-area-04-member-joined')
  })

  it('searches this conversation as you type (Ctrl+F), shows who wrote each hit, and jumps to one with the words highlighted', async () => {
    const { page } = app
    await send(['周五团建去爬山'])
    // Snippet markers sent inside a message: the engine keeps no control characters (the unit tests show them inert in the view).
    await send(['怪字符\u0001假的\u0002 团建也去'])
    for (let i = 0; i < 40; i++) await send([`闲聊第 ${i} 句`])
    await openFriend(page, friend.nick)
    // They came while the group was open: the chat opens at the unread divider, above the first of them.
    await bubble(page, '周五团建去爬山').waitFor({ timeout: 15_000 })
    expect(await page.locator($('new-messages-divider')).count()).toBe(1)
    await page.keyboard.press('Control+f')
    const input = page.locator($('chat-search-input'))
    await expect.poll(() => page.evaluate(FOCUSED)).toBe('chat-search-input')
    await input.pressSequentially('团建', { delay: 60 })
    // No Enter: the hits come as the typing pauses.
    const hits = page.locator($('search-hit'))
    await expect.poll(() => hits.count(), { timeout: 10_000 }).toBe(2)
    expect(await hits.locator($('search-hit-sender')).allTextContents()).toEqual([friend.nick, friend.nick])
    expect(await hits.locator('mark').allTextContents()).toEqual(['团建', '团建'])
    await app.shot('chat-area-05-search')

    await hits.last().click()
    const target = bubble(page, '周五团建去爬山')
    await target.waitFor()
    expect(await target.locator('mark').allTextContents()).toEqual(['团建'])
    const [b, list] = [await target.locator('.bubble').evaluate((el: El) => el.getBoundingClientRect()), await box(page, '[role="log"]')]
    expect(b.top).toBeGreaterThanOrEqual(list.top)
    expect(b.bottom).toBeLessThanOrEqual(list.bottom)

    // The hits fold away after a jump; back in the box they unfold.
    await expect.poll(() => hits.count()).toBe(0)
    await input.click()
    await hits.first().click()
    const odd = bubble(page, '怪字符')
    await odd.waitFor()
    expect(await odd.locator('mark').allTextContents()).toEqual(['团建'])
    expect(await odd.locator('.bubble').textContent()).toBe('怪字符假的 团建也去')
    await app.shot('chat-area-06-highlight')
    await page.keyboard.press('Escape')
    await page.click($('chat-search-close'))
    await expect.poll(() => input.count()).toBe(0)
    // The header's search button opens the same bar, for those who do not know Ctrl+F; Esc in it closes it.
    await page.click($('chat-search-button'))
    await expect.poll(() => page.evaluate(FOCUSED)).toBe('chat-search-input')
    await page.keyboard.press('Escape')
    await expect.poll(() => input.count()).toBe(0)
  })

  it('keeps the jump-to-latest button off the last bubble, and space between the last bubble and the composer', async () => {
    const { page } = app
    // After the jump the newest messages are not loaded: the button shows; scrolled to the end of what is loaded, the last bubble is clear of it.
    await page.locator($('jump-latest')).waitFor()
    await page.locator('[role="log"]').evaluate((el: El) => (el.scrollTop = el.scrollHeight))
    await page.waitForTimeout(200)
    const [jump, last] = [await box(page, $('jump-latest')), await page.locator(`${$('message')} .bubble`).last().evaluate((el: El) => el.getBoundingClientRect())]
    expect(last.bottom <= jump.top || last.right <= jump.left).toBe(true)
    await page.click($('jump-latest'))
    await bubble(page, '闲聊第 39 句').waitFor()
    await expect.poll(() => page.locator($('jump-latest')).count()).toBe(0)
    // The smooth scroll down has come to rest at the end.
    await expect.poll(() => page.locator('[role="log"]').evaluate((el: El) => el.scrollHeight - el.scrollTop - el.clientHeight <= 1)).toBe(true)
    // Once the rows' measured heights have settled (a row can grow after the scroll ends), the last bubble clears the composer.
    const gap = async () => {
      const [list, end] = [await box(page, '[role="log"]'), await bubble(page, '闲聊第 39 句').locator('.bubble').evaluate((el: El) => el.getBoundingClientRect())]
      return list.bottom - end.bottom
    }
    await expect.poll(gap).toBeGreaterThanOrEqual(12)
    await app.shot('chat-area-07-end')
  })
})
