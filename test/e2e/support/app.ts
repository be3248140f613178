import { mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { AppCore } from '../../../electron/backend/app-core'
import type { EmulatorOptions, RunningEmulator } from '../../../electron/emulator'
import { Logger } from '../../../electron/engine/log'
import { startWebServer, type WebServer } from '../../../electron/web/server'
import type { QQClientOptions } from '../../../electron/engine/client'
import { testBackend } from '../../support/backend'
import { FAST } from '../../support/client'
import { Phone, decodeQr } from '../../support/emulator'

export const SCREENSHOTS = resolve('test-results/screenshots')

/** The launch flags a machine without network needs: no sandbox (root in a container), no GPU, nothing that calls home. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

export interface RunningApp {
  core: AppCore
  /** The embedded emulator the backend started. */
  emulator: RunningEmulator
  web: WebServer
  phone: Phone
  browser: Browser
  page: Page
  /** Logs in as a person does: the phone scans the QR code on screen and confirms; resolves once the main view shows. */
  logIn(): Promise<void>
  /** Saves a screenshot under test-results/screenshots. */
  shot(name: string): Promise<void>
  close(): Promise<void>
}

/**
 * Web mode exactly as `npm run web` runs it (AppCore + the built renderer in out/renderer),
 * with the embedded emulator, and a Chromium page on it. Only timings are shortened.
 */
export async function startApp(
  opts: { emulator?: EmulatorOptions; viewport?: { width: number; height: number }; /** the engine's own timings where a test looks at them (e.g. send pacing) */ client?: Partial<QQClientOptions> } = {},
): Promise<RunningApp> {
  const { core, emulator } = testBackend({
    logger: new Logger((level, msg) => {
      if (level === 'error') process.stderr.write(`app error: ${msg}\n`)
    }),
    emulator: { pollHoldMs: 1000, ...opts.emulator },
    client: { ...FAST, ...opts.client },
  })
  await core.start()
  const web = await startWebServer(core, { rendererDir: resolve('out/renderer') })
  const browser = await launchChromium()
  const page = await browser.newPage({ viewport: opts.viewport ?? { width: 1280, height: 800 }, locale: 'zh-CN' })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(m.text())
  })
  await page.goto(web.url)
  mkdirSync(SCREENSHOTS, { recursive: true })
  return {
    core,
    web,
    emulator: emulator(),
    phone: Phone.for(emulator()),
    browser,
    page,
    logIn: async () => {
      const qr = await decodeDisplayedQr(page)
      const phone = Phone.for(emulator())
      if ((await phone.scan(qr)).status !== 200 || (await phone.confirm(qr)).status !== 200) throw new Error('the phone could not scan and confirm the QR code')
      await page.locator('[data-testid="self-nick"]').waitFor()
    },
    shot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
    },
    close: async () => {
      await browser.close()
      await web.close()
      await core.stop()
      if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`)
    },
  }
}

/** Decodes the QR code as it is displayed: a screenshot of the element, not its source. */
export async function decodeDisplayedQr(page: Page, selector = '[data-testid="login-qr"]'): Promise<string> {
  const el = page.locator(selector)
  await el.waitFor({ state: 'visible' })
  return decodeQr(await el.screenshot())
}
