import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * A link a friend sends opens, in web mode, in a new browser tab that has no handle on the app
 * (issue 8: links used to do nothing in web mode). The link's target is a tiny local page.
 */

let app: RunningApp
let site: Server
let siteUrl: string
const $ = (id: string) => `[data-testid="${id}"]`

beforeAll(async () => {
  site = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end('<!doctype html><title>landing</title><p>the linked page</p>')
  })
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/landing?from=qq`
  app = await startApp()
})
afterAll(async () => {
  await app.close()
  await new Promise((resolve) => site.close(resolve))
})

describe('links in messages, web mode', () => {
  it('a friend sends a link; clicking it opens that URL in a new page, without opener or referrer', async () => {
    const { page, phone } = app
    await app.logIn()

    const friend = (await phone.contacts()).friends.find((f: { nick: string }) => !['回声', '小助手'].includes(f.nick))
    const sent = await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [`看看这个 ${siteUrl} 好玩`] })
    expect(sent.status).toBe(200)
    await page.locator($('conversation-row'), { hasText: '看看这个' }).click()
    const link = page.locator('a.link', { hasText: siteUrl })
    await link.waitFor()
    await app.shot('link-in-message')

    const opened = page.context().waitForEvent('page')
    await link.click()
    const tab = await opened
    await tab.waitForLoadState()
    expect(tab.url()).toBe(siteUrl)
    expect(await tab.title()).toBe('landing')
    expect(await tab.evaluate('[window.opener === null, document.referrer]')).toEqual([true, ''])
    // The app's own page stayed where it was.
    expect(page.url()).toBe(app.web.url)
    await tab.close()
  })
})
