import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { ConversationRef } from '../../electron/model'
import { startApp, type RunningApp } from './support/app'

/**
 * Scrolling a long chat to its very top (Home, a drag of the scrollbar) pages in one older page
 * and keeps the messages in view where they were: it does not go on paging the whole history in
 * (the head row at the top of the view gave the virtualizer nothing to keep in place).
 */

let app: RunningApp
const STORED = 1_000
const $ = (id: string) => `[data-testid="${id}"]`

interface El {
  scrollTop: number
  scrollHeight: number
  clientHeight: number
}

beforeAll(async () => {
  app = await startApp()
  await app.logIn()
})
afterAll(() => app.close())

it('a chat scrolled to its very top pages in one older page and keeps its place, not the whole history', async () => {
  const online = app.core.client!.online()
  const friend = online.contacts.snapshot.friends.find((f) => !['回声', '小助手'].includes(f.nick))!
  const ref: ConversationRef = { kind: 'friend', key: friend.key }
  const start = Date.now() - STORED * 1000
  online.history.tx(() => {
    for (let i = 0; i < STORED; i++) {
      const text = `第 ${i} 条`
      online.history.addReceived([{ id: randomUUID(), conversation: ref, direction: 'in', time: start + i * 1000, segments: [{ type: 'text', text }], status: 'received', attempts: 0, text, dedupe: `paging:${i}` }])
    }
    online.history.touch(ref, { title: friend.displayName, lastTime: start + STORED * 1000 })
  })
  const pages: Array<string | undefined> = []
  const page = app.core.handlers['history.page']
  app.core.handlers['history.page'] = (args) => {
    pages.push(args.before)
    return page(args)
  }
  const { page: tab } = app
  await tab.reload()
  await tab.locator(`${$('conversation-row')}[data-key="${friend.key}"]`).click()
  await tab.locator($('message'), { hasText: `第 ${STORED - 1} 条` }).waitFor()
  expect(pages).toEqual([undefined])

  const list = tab.locator($('message-list'))
  await list.evaluate((el: El) => (el.scrollTop = 0))
  await expect.poll(() => pages.length).toBe(2)
  // Time for a cascade to show itself, were there one.
  await tab.waitForTimeout(1_500)
  expect(pages).toHaveLength(2)
  // The page came in above: the view is no longer at the top.
  expect(await list.evaluate((el: El) => el.scrollTop)).toBeGreaterThan(300)
  // What was at the top of the view is still in the rendered window around it.
  expect(await tab.locator($('message'), { hasText: `第 ${STORED - 50} 条` }).count()).toBe(1)
})
