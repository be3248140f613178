import { createHash, randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startApp, type RunningApp } from './support/app'

/**
 * Pictures, avatars and files as a user meets them in web mode (issue 10), against the embedded
 * emulator: a friend's picture appears in the chat and opens in the lightbox, the lists show the
 * contacts' avatars, and a file offered is received and downloaded, refused, or cancelled by its sender.
 */

let app: RunningApp
let friend: { qq: string; nick: string }
let group: { number: string; name: string; members: Array<{ qq: string }> } | undefined
let friendQqs: string[] = []
const $ = (id: string) => `[data-testid="${id}"]`

/** The test's own temporary folder: the backend's data folder (and its downloads) is made in it, so the test can see every file written there. */
const parent = mkdtempSync(join(tmpdir(), 'qq-media-ui-'))
const savedTmp = process.env.TMPDIR

beforeAll(async () => {
  process.env.TMPDIR = parent
  app = await startApp()
})
afterAll(async () => {
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
  await app.close()
})

const sha256 = (b: Buffer | Uint8Array) => createHash('sha256').update(b).digest('hex')

/** Every file under a folder, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
}

/** The download folder of the backend (web mode saves received files in `<data folder>/downloads`). */
function downloadFolder(): string {
  const data = readdirSync(parent).filter((n) => n.startsWith('qq-test-'))
  expect(data).toHaveLength(1)
  return join(parent, data[0]!, 'downloads')
}

async function openChat(page: Page, text: string): Promise<void> {
  await page.locator($('tab-recent')).click()
  await page.locator($('conversation-row'), { hasText: text }).first().click()
}

/** Whether an <img> in the page has its bytes (decoded, not broken). */
const loaded = (page: Page, selector: string) => page.locator(selector).first().evaluate((img: { complete: boolean; naturalWidth: number }) => img.complete && img.naturalWidth > 0)

describe('pictures, avatars and files on screen', () => {
  it('shows a friend’s picture in the chat, sized to it, and loads it from the page’s server', async () => {
    const { page, phone } = app
    await app.logIn()
    const world = await phone.contacts()
    friend = world.friends.find((f: { nick: string; bot?: boolean }) => !f.bot && !['回声', '小助手'].includes(f.nick))
    group = world.groups?.[0]
    friendQqs = world.friends.map((f: { qq: string }) => f.qq)
    expect((await phone.sendImage({ kind: 'friend', from: friend.qq, image: 'landscape', text: '看风景' })).status).toBe(200)
    await openChat(page, friend.nick)
    const img = page.locator($('picture'))
    await img.waitFor({ timeout: 15_000 })
    expect(await img.getAttribute('src')).toMatch(/^\/media\/[0-9a-f]{64}\?token=.+/)
    await expect.poll(() => loaded(page, $('picture')), { timeout: 10_000 }).toBe(true)
    const [w, h] = [Number(await img.getAttribute('width')), Number(await img.getAttribute('height'))]
    expect(Math.max(w, h)).toBeLessThanOrEqual(240)
    expect(await img.getAttribute('alt')).toBe(`${friend.nick} 发送的图片`)
    await app.shot('media-ui-01-picture-in-chat')
  })

  it('opens the picture with Enter, fits it to the window, and closes with Esc back on the picture', async () => {
    const { page } = app
    // The picture is a button: keyboard users reach it with Tab and open it with Enter or Space.
    await page.locator('button', { has: page.locator($('picture')) }).first().focus()
    await page.keyboard.press('Enter')
    const shown = page.locator($('lightbox-picture'))
    await shown.waitFor()
    await expect.poll(() => loaded(page, $('lightbox-picture'))).toBe(true)
    expect(await page.locator($('lightbox-save')).getAttribute('href')).toBe(await page.locator($('picture')).first().getAttribute('src'))
    // The screenshot after its fade-in (what the user sees; reduced motion has none).
    await page.locator($('lightbox')).evaluate((el: { getAnimations(): Array<{ finished: Promise<unknown> }> }) => Promise.all(el.getAnimations().map((a) => a.finished)))
    await app.shot('media-ui-02-lightbox')
    await page.keyboard.press('Escape')
    await page.locator($('lightbox')).waitFor({ state: 'detached' })
    expect(await page.locator(`:focus ${$('picture')}`).count()).toBe(1)
  })

  it('shows the picture a group member sends (cface, §7.2)', async () => {
    const { page, phone } = app
    // The world the emulator seeds has groups; one of its members who is a friend sends (never the account itself).
    const member = group!.members.find((m) => friendQqs.includes(m.qq))!
    expect((await phone.sendImage({ kind: 'group', from: member.qq, target: group!.number, image: 'cat' })).status).toBe(200)
    await openChat(page, group!.name)
    await expect.poll(() => page.locator($('picture')).count(), { timeout: 15_000 }).toBeGreaterThan(0)
    await expect.poll(() => loaded(page, $('picture')), { timeout: 10_000 }).toBe(true)
    await app.shot('media-ui-03-group-picture')
  })

  it('draws the contacts’ avatars in the friend list once the rows are in view', async () => {
    const { page } = app
    await page.locator($('tab-friends')).click()
    const avatar = page.locator(`${$('friend-row')} ${$('avatar-picture')}`)
    await expect.poll(() => avatar.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    // The picture is the layer's CSS background (Avatar.vue): the page's own media URL.
    const drawn = await page.evaluate(`getComputedStyle(document.querySelector('${$('friend-row')} ${$('avatar-picture')}')).backgroundImage`)
    expect(drawn).toMatch(/^url\("http:\/\/[^/]+\/media\/[0-9a-f]{64}\?token=[^"]+"\)$/)
    await app.shot('media-ui-04-friend-avatars')
  })

  it('receives an offered file with 接收 and downloads it; refuses another; says when the sender cancels a third', async () => {
    const { page, phone } = app
    const report = randomBytes(300_000)
    expect((await phone.offerFile({ from: friend.qq, name: '季度报告.pdf', data: report })).status).toBe(200)
    await openChat(page, friend.nick)
    const card = (name: string) => page.locator($('file-card'), { hasText: name })
    await card('季度报告.pdf').locator($('file-accept')).click({ timeout: 15_000 })
    await expect.poll(() => card('季度报告.pdf').getAttribute('data-state'), { timeout: 20_000 }).toBe('done')
    const href = await card('季度报告.pdf').locator($('file-download')).getAttribute('href')
    expect(href).toMatch(/^\/files\/.+\?token=.+/)
    const res = await page.request.get(new URL(href!, page.url()).toString())
    // The very bytes the emulator sent, through the engine's download and the page's server.
    const got = await res.body()
    expect([res.status(), got.length, sha256(got)]).toEqual([200, 300_000, sha256(report)])
    expect(sha256(readFileSync(join(downloadFolder(), '季度报告.pdf')))).toBe(sha256(report))
    await app.shot('media-ui-05-file-done')

    await phone.offerFile({ from: friend.qq, name: 'setup.exe', size: 1000 })
    await card('setup.exe').locator($('file-refuse')).click({ timeout: 15_000 })
    await expect.poll(() => card('setup.exe').getAttribute('data-state'), { timeout: 10_000 }).toBe('refused')
    await expect.poll(async () => (await phone.files()).find((f: { name: string }) => f.name === 'setup.exe')?.state).toBe('refused')

    const { body } = await phone.offerFile({ from: friend.qq, name: 'video.mp4', size: 5000 })
    await card('video.mp4').locator($('file-accept')).waitFor({ timeout: 15_000 })
    await phone.cancelFile(body.lcid)
    await expect.poll(() => card('video.mp4').locator($('file-status')).textContent(), { timeout: 10_000 }).toBe('对方取消了发送')
    await app.shot('media-ui-06-file-states')
  })

  it('saves files offered with hostile names under safe names inside the download folder, and nothing outside it', async () => {
    const { page, phone } = app
    const before = filesUnder(parent).filter((p) => !p.startsWith(relative(parent, downloadFolder())))
    const offers = [
      { name: '../../evil\u202Etxt.exe', shown: 'evil', data: randomBytes(4000) },
      { name: 'CON.txt', shown: 'CON', data: randomBytes(3000) },
    ]
    for (const o of offers) expect((await phone.offerFile({ from: friend.qq, name: o.name, data: o.data })).status).toBe(200)
    const saved: string[] = []
    for (const o of offers) {
      const card = page.locator($('file-card'), { hasText: o.shown })
      await card.locator($('file-accept')).click({ timeout: 15_000 })
      await expect.poll(() => card.getAttribute('data-state'), { timeout: 20_000 }).toBe('done')
      const link = card.locator($('file-download'))
      const name = (await link.getAttribute('download'))!
      saved.push(name)
      // A plain name: no folder, no bidi override, no hidden file, no Windows device.
      expect(name).not.toMatch(/[/\\\u202E]|^\.|^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i)
      const res = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).toString())
      expect(sha256(await res.body())).toBe(sha256(o.data))
      expect(sha256(readFileSync(join(downloadFolder(), name)))).toBe(sha256(o.data))
    }
    await app.shot('media-ui-07-hostile-names')
    expect(readdirSync(downloadFolder())).toEqual(expect.arrayContaining(saved))
    // Outside the download folder, the offers added nothing with their names (the data folder's own files aside).
    const after = filesUnder(parent).filter((p) => !p.startsWith(relative(parent, downloadFolder())) && !before.includes(p))
    expect(after.filter((p) => /evil|(^|\/)_?CON\.txt/i.test(p))).toEqual([])
  })
})
