import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { Phone } from '../support/emulator'
import { buildWebHost, startHost } from '../support/web-host'
import { decodeDisplayedQr, launchChromium } from './support/app'

/** Marks (page clock) when the QR code is first in the DOM. */
const QR_SHOWN_MARK = `new MutationObserver(() => {
  if (!performance.getEntriesByName('qr shown').length && document.querySelector('[data-testid="login-qr"]')) performance.mark('qr shown')
}).observe(document, { subtree: true, childList: true, attributes: true })`
/** When the QR code was shown and when the main view's chunk was asked for, on the page's clock. */
const ASKED_AFTER_QR = `({
  qrShown: performance.getEntriesByName('qr shown')[0].startTime,
  mainViewAsked: performance.getEntriesByType('resource').find((r) => /\\/assets\\/MainView-[^/]*\\.js/.test(r.name)).startTime,
})`

/** When the main view's chunk was asked for and DOMContentLoaded came, on the page's clock. */
const MAIN_VIEW_ASKED = `({
  mainViewAsked: performance.getEntriesByType('resource').find((r) => /\\/assets\\/MainView-[^/]*\\.js/.test(r.name)).startTime,
  loaded: performance.getEntriesByType('navigation')[0].domContentLoadedEventStart,
})`

/**
 * `npm run web` as a user runs it: the built host (out/web, one bundle with every library in it,
 * started with plain Node) on a data folder, the page in Chromium. The QR code shows; after a
 * phone login, a stop (SIGTERM) and a start on the same folder, the main view shows the lists
 * without a scan — the saved session restored while the page loads.
 */
describe('the built web host', () => {
  let browser: Browser
  const dataDir = mkdtempSync(join(tmpdir(), 'qq-e2e-web-host-'))
  beforeAll(async () => {
    buildWebHost()
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it("holds no HTTP/2 code and makes its is-library's list formats on first use, as the Electron main bundle (~40 ms of every start)", () => {
    // out/main is npm test's build step (electron-vite build); out/web this file's.
    for (const bundle of ['out/web/host.js', 'out/main/index.js']) {
      const host = readFileSync(resolve(bundle), 'utf8')
      expect(host, bundle).not.toMatch(/require\("(node:)?http2"\)/)
      expect(host, bundle).not.toContain('node_modules/http2-wrapper/')
      // The one left is inside the function that makes a format when it first formats (vite-plugins/lazy-list-formats.ts).
      expect(host.match(/new Intl\.ListFormat\(/g), bundle).toHaveLength(1)
    }
  })

  it('shows the QR code; logged in once by the phone, a restart on the same folder shows the main view and the lists with no scan', async () => {
    const first = await startHost(dataDir)
    try {
      const page = await browser.newPage({ locale: 'zh-CN' })
      await page.addInitScript(QR_SHOWN_MARK)
      await page.goto(first.url)
      const qr = await decodeDisplayedQr(page)
      const phone = Phone.fromPageUrl(await first.phoneUrl)
      expect((await phone.scan(qr)).status).toBe(200)
      expect((await phone.confirm(qr)).status).toBe(200)
      await page.locator('[data-testid="self-nick"]').waitFor()
      // A login: the main view's script was fetched once the QR code was on screen, not before (App.vue).
      const { qrShown, mainViewAsked } = (await page.evaluate(ASKED_AFTER_QR)) as { qrShown: number; mainViewAsked: number }
      expect(mainViewAsked).toBeGreaterThan(qrShown)
      expect(await page.locator('meta[name="qq-leads-to"]').count()).toBe(0)
      await page.close()
    } finally {
      await first.stop()
    }

    const second = await startHost(dataDir)
    try {
      const page = await browser.newPage({ locale: 'zh-CN' })
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      await page.goto(second.url)
      await page.locator('[data-testid="self-nick"]').waitFor()
      await page.locator('[data-testid="tab-friends"]').click()
      await page.locator('[data-testid="friend-row"]').first().waitFor()
      expect(await page.locator('[data-testid="login-qr"]').count()).toBe(0)
      // The saved session said so in the page: the main view's script was asked for as the bundle
      // ran, before DOMContentLoaded, not after the socket's first answer (App.vue).
      expect(await page.locator('meta[name="qq-leads-to"]').getAttribute('content')).toBe('main')
      const { mainViewAsked, loaded } = (await page.evaluate(MAIN_VIEW_ASKED)) as { mainViewAsked: number; loaded: number }
      expect(mainViewAsked).toBeLessThan(loaded)
      // The restore's requests, in the host's --verbose log: a live channel checked, no new QR asked for.
      const requests = second.stderr.map((l) => l.text)
      expect(requests.some((l) => l.includes('get_online_buddies2'))).toBe(true)
      expect(requests.some((l) => l.includes('ptqrshow'))).toBe(false)
      expect(errors).toEqual([])
    } finally {
      await second.stop()
    }
  })
})
