import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatMessage } from '../../electron/model'
import { noisePng } from '../support/pictures'
import { startApp, type RunningApp } from './support/app'

/**
 * A chat read at its bottom stays at its bottom while a run of pictures arrives (web mode,
 * against the embedded emulator): each comes as a skeleton, takes its own height once the engine
 * has it, then loads. The engine helper saw the list left behind after ~15 such pictures, the
 * newest not even rendered.
 */

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`
const PICTURES = 30

beforeAll(async () => {
  app = await startApp()
})
afterAll(() => app.close())

/** The DOM members the page function below uses (the e2e tests compile without the DOM library). */
interface Box {
  top: number
  bottom: number
}
interface El {
  scrollTop: number
  scrollHeight: number
  clientHeight: number
  getBoundingClientRect(): Box
  querySelector(selector: string): El | null
  querySelectorAll(selector: string): ArrayLike<{ complete: boolean; naturalWidth: number }>
}

/** Where the open chat is: at its end or not, and whether the message `id` is rendered and wholly in view (with its pictures loaded). */
function view(page: Page, id: string) {
  return page.locator('[role="log"]').evaluate((log: El, id) => {
    const box = log.getBoundingClientRect()
    const last = log.querySelector(`[data-testid="message"][data-id="${id}"]`)
    const r = last?.getBoundingClientRect()
    const imgs = last ? Array.from(last.querySelectorAll('img[data-testid="picture"]')) : []
    return {
      atEnd: log.scrollHeight - log.scrollTop - log.clientHeight <= 2,
      rendered: !!last,
      inView: !!r && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
      loaded: imgs.length > 0 && imgs.every((i) => i.complete && i.naturalWidth > 0),
    }
  }, id)
}

describe('a chat at its bottom while pictures arrive', () => {
  it('follows a run of 30 pictures (and a few texts) sent quickly: the newest is in view at the end, before and after they load', async () => {
    const { page, phone, core } = app
    await app.logIn()
    const world = await phone.contacts()
    const friend = world.friends.find((f: { nick: string; bot?: boolean }) => !f.bot && !['回声', '小助手'].includes(f.nick))
    await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['看我拍的照片'] })
    await page.locator($('tab-recent')).click()
    await page.locator($('conversation-row'), { hasText: friend.nick }).first().click()
    await page.locator($('message'), { hasText: '看我拍的照片' }).waitFor()
    const heard = { messages: [] as ChatMessage[], updates: [] as ChatMessage[] }
    core.on('message.new', (m) => heard.messages.push(m))
    core.on('message.updated', (m) => heard.updates.push(m))

    // Heights from 60 to 205 px: some grow from the skeleton's 120, some shrink to theirs.
    for (let i = 0; i < PICTURES; i++) {
      expect((await phone.sendImage({ kind: 'friend', from: friend.qq, image: noisePng(200, 60 + 5 * i) })).status).toBe(200)
      if (i % 10 === 9 && i < PICTURES - 1) await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [`第 ${i + 1} 张`] })
    }

    // The newest message: once the backend has all of them, it is the last to have come.
    await expect.poll(() => heard.messages.length, { timeout: 20_000 }).toBe(PICTURES + 2)
    const newest = heard.messages.at(-1)!
    expect(newest.segments.map((s) => s.type)).toEqual(['image'])
    await expect.poll(() => view(page, newest.id), { timeout: 10_000 }).toMatchObject({ atEnd: true, rendered: true, inView: true })
    expect(await page.locator($('jump-latest')).count()).toBe(0)

    // Every picture had by the engine (each changed its message's height) and the newest loaded on screen.
    const had = () => new Set(heard.updates.filter((m) => m.segments.some((s) => s.type === 'image' && s.picture)).map((m) => m.id)).size
    await expect.poll(had, { timeout: 30_000 }).toBe(PICTURES)
    await expect.poll(() => view(page, newest.id), { timeout: 10_000 }).toEqual({ atEnd: true, rendered: true, inView: true, loaded: true })
    expect(await page.locator($('jump-latest')).count()).toBe(0)
    await app.shot('chat-follows-pictures')
  })
})
