import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * Issue 11, writing: a reply with a face reaches the phone as text and a face; @ in a group
 * offers the members and the mention goes out as text; a draft survives a reload; the reconnect
 * banner never moves the newest message; the face picker is whole at the window's sizes.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`

interface Sent {
  kind: string
  text: string
  segments: unknown[]
}

/** axe-core's WCAG A/AA rules on what the selectors match (contrast is the contrast test's). */
async function axeViolations(page: Page, selectors: string[]): Promise<string[]> {
  // Evaluated, not a <script>: the page's CSP (script-src 'self') rightly refuses inline scripts.
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'))
  return page.evaluate(async (include) => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe
    const r = await axe.run({ include: include.map((s) => [s]) }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, rules: { 'color-contrast': { enabled: false } } })
    return r.violations.map((v) => `${v.id} (${v.nodes.length})`)
  }, selectors)
}

const sentLog = async (): Promise<Sent[]> => (await app.phone.get('/control/messages?limit=50')) as Sent[]

async function openFriend(page: Page, name: string): Promise<void> {
  await page.click($('tab-friends'))
  await page.locator($('friend-row'), { hasText: name }).click()
  await page.locator(`${$('chat-pane')}[data-kind="friend"]`).waitFor()
}

beforeAll(async () => {
  // The main window's default size (window-state.ts); no chatter, so nothing moves but what the test does.
  app = await startApp({ viewport: { width: 960, height: 680 }, emulator: { chatter: false, rateLimit: { enabled: false } } })
  await app.logIn()
})
afterAll(() => app.close())

describe('writing in Chromium (web mode)', () => {
  it('replies with text and a face: the composer shows the face as a face, the phone side gets the text and the face segment, the preview shows 👍', async () => {
    const { page } = app
    await openFriend(page, '回声')
    const composer = page.locator($('composer'))
    await composer.fill('晚上好')
    await page.click($('face-picker-button'))
    await page.locator(`${$('face-picker')} [data-face="46"]`).click()
    await expect.poll(() => composer.inputValue()).toBe('晚上好👍')
    // A typed code becomes its face as the bracket closes.
    await composer.press('End')
    await composer.pressSequentially('[OK]')
    await expect.poll(() => composer.inputValue()).toBe('晚上好👍👌')
    await app.shot('compose-face-in-composer')
    await composer.press('Enter')

    await expect
      .poll(async () => (await sentLog()).find((m) => m.kind === 'friend' && m.text.startsWith('晚上好'))?.segments, { timeout: 10_000 })
      .toEqual(expect.arrayContaining(['晚上好', ['face', 46], ['face', 124]]))
    const mine = page.locator(`${$('message')}[data-direction="out"]`).last()
    await expect.poll(() => mine.textContent()).toContain('晚上好👍👌')

    await page.click($('tab-recent'))
    const row = page.locator($('conversation-row'), { hasText: '回声' })
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/👍|👌/)
    expect(await row.textContent()).not.toMatch(/\[强\]|\[OK\]/)
  })

  it('offers the group members on @, filters as you type, Enter inserts @name and the sent message carries the mention as text', async () => {
    const { page } = app
    await page.click($('tab-groups'))
    await page.locator($('group-row'), { hasText: '吃瓜群' }).click()
    await page.locator(`${$('chat-pane')}[data-kind="group"]`).waitFor()
    const composer = page.locator($('composer'))
    await composer.fill('')
    await composer.pressSequentially('大家好 @')
    const options = page.locator($('mention-option'))
    await options.first().waitFor()
    expect(await page.locator(`${$('mention-picker')} [role="listbox"]`).getAttribute('id')).toBe(await composer.getAttribute('aria-controls'))
    expect(await composer.getAttribute('aria-activedescendant')).toBe(await options.first().getAttribute('id'))
    const all = await options.count()
    expect(all).toBeGreaterThan(1)
    expect(await axeViolations(page, [$('composer'), $('mention-picker')])).toEqual([])

    // Filter by the second member's first character: that member is still offered, and no more are than before.
    const name = (await options.nth(1).getAttribute('data-mention'))!
    await composer.pressSequentially([...name][0]!)
    const offered = async () => Promise.all((await options.all()).map((o) => o.getAttribute('data-mention')))
    await expect.poll(async () => (await offered()).includes(name)).toBe(true)
    expect(await options.count()).toBeLessThanOrEqual(all)
    const index = (await offered()).indexOf(name)
    for (let i = 0; i < index; i++) await composer.press('ArrowDown')
    expect(await composer.getAttribute('aria-activedescendant')).toBe(await options.nth(index).getAttribute('id'))
    await app.shot('compose-mention-picker')
    await composer.press('Enter')
    await expect.poll(() => composer.inputValue()).toBe(`大家好 @${name} `)
    expect(await page.locator($('mention-picker')).count()).toBe(0)

    await composer.pressSequentially('开会了')
    await composer.press('Enter')
    await expect.poll(async () => (await sentLog()).some((m) => m.kind === 'group' && m.text === `大家好 @${name} 开会了`), { timeout: 10_000 }).toBe(true)
  })

  it('quotes a message from its right-click menu into the composer, QQ style, the caret after the quote', async () => {
    const { page } = app
    await openFriend(page, '回声')
    const composer = page.locator($('composer'))
    await composer.fill('')
    const reply = page.locator(`${$('message')}[data-direction="in"]`).last()
    await reply.click({ button: 'right' })
    await page.locator($('menu-quote')).click()
    const quote = '「回声：晚上好👍 👌」\n- - - - - - - - - - - - - - -\n'
    await expect.poll(() => composer.inputValue()).toBe(quote)
    // In the page (the test's types have no DOM): the caret and the focus.
    const caret = await composer.evaluate((el) => {
      const box = el as unknown as { selectionStart: number; selectionEnd: number }
      const { document } = globalThis as unknown as { document: { activeElement: unknown } }
      return [box.selectionStart, box.selectionEnd, document.activeElement === el]
    })
    expect(caret).toEqual([quote.length, quote.length, true])
    await composer.pressSequentially('好的')
    await composer.press('Enter')
    // The emulator's log text leaves faces out (they are segments of their own, §6.4).
    await expect.poll(async () => (await sentLog()).find((m) => m.kind === 'friend' && m.text.startsWith('「回声：晚上好')), { timeout: 10_000 }).toBeDefined()
    const sent = (await sentLog()).find((m) => m.kind === 'friend' && m.text.startsWith('「回声：晚上好'))!
    expect(sent.text.endsWith('」\n- - - - - - - - - - - - - - -\n好的')).toBe(true)
    expect(sent.segments).toEqual(expect.arrayContaining([['face', 46], ['face', 124]]))
  })

  it('keeps a draft through a reload, faces shown as faces', async () => {
    const { page } = app
    await openFriend(page, '回声')
    const composer = page.locator($('composer'))
    await composer.fill('')
    await composer.pressSequentially('还没写完[微笑]')
    await expect.poll(() => composer.inputValue()).toBe('还没写完🙂')
    // Reloaded at once: the page's beforeunload hands the draft over before it goes.
    await page.reload()
    await page.locator($('self-nick')).waitFor()
    await openFriend(page, '回声')
    await expect.poll(() => page.locator($('composer')).inputValue(), { timeout: 10_000 }).toBe('还没写完🙂')
    await page.locator($('composer')).fill('')
  })

  it('shows the reconnect banner over the chat while polls are dropped: the list’s bottom and the newest message stay where they were', async () => {
    const { page, phone } = app
    await openFriend(page, '回声')
    const list = page.locator('[role="log"]')
    // The echo's answer to the quote's reply is in: nothing else is on its way to this chat.
    await expect.poll(() => page.locator(`${$('message')}[data-direction="in"]`).last().textContent(), { timeout: 10_000 }).toContain('好的')
    const newest = page.locator(`${$('message')}[data-id="${await page.locator($('message')).last().getAttribute('data-id')}"]`)
    const before = { list: await list.boundingBox(), newest: await newest.boundingBox() }
    expect(await page.locator($('conn-banner')).count()).toBe(0)

    expect((await phone.post('/control/faults', { endpoint: 'poll2', fault: { kind: 'drop' } })).status).toBe(201)
    const banner = page.locator($('conn-banner'))
    await banner.waitFor({ timeout: 20_000 })
    await app.shot('compose-banner-over-chat')
    expect(await list.boundingBox()).toEqual(before.list)
    expect(await newest.boundingBox()).toEqual(before.newest)
    // The banner covers neither the newest message nor the composer.
    const b = (await banner.boundingBox())!
    const composer = (await page.locator($('composer')).boundingBox())!
    expect(b.y + b.height).toBeLessThanOrEqual(before.newest!.y)
    expect(b.y + b.height).toBeLessThanOrEqual(composer.y)

    expect((await phone.post('/control/faults/clear', {})).status).toBe(200)
    await banner.waitFor({ state: 'detached', timeout: 30_000 })
    expect(await list.boundingBox()).toEqual(before.list)
  })

  it('shows the face picker whole, every face inside the window, at the default and the minimum window size (and a narrower browser)', async () => {
    const { page } = app
    for (const size of [
      { width: 960, height: 680 },
      { width: 720, height: 480 },
      { width: 600, height: 480 },
    ]) {
      await page.setViewportSize(size)
      await openFriend(page, '回声')
      await page.click($('face-picker-button'))
      const picker = page.locator($('face-picker'))
      await picker.waitFor()
      const inside = (r: { x: number; y: number; width: number; height: number } | null) => !!r && r.x >= 0 && r.y >= 0 && r.x + r.width <= size.width && r.y + r.height <= size.height
      expect(inside(await picker.boundingBox()), `picker at ${size.width}×${size.height}`).toBe(true)
      // Each face of the first row, the ninth column too, is whole inside the grid that clips it.
      const grid = (await picker.locator('.grid').boundingBox())!
      const faces = picker.locator('button.face')
      for (let i = 0; i < 9; i++) {
        const f = (await faces.nth(i).boundingBox())!
        expect(f.x >= grid.x && f.x + f.width <= grid.x + grid.width, `face ${i + 1} at ${size.width}×${size.height}`).toBe(true)
        expect(inside(f)).toBe(true)
      }
      await app.shot(`compose-face-picker-${size.width}`)
      await page.locator($('face-search')).fill('酷')
      await page.locator($('face-search')).press('Enter')
      await expect.poll(() => page.locator($('composer')).inputValue()).toBe('😎')
      expect(await picker.count()).toBe(0)
      await page.locator($('composer')).fill('')
    }
  })
})
