import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { startApp, type RunningApp } from './support/app'

/**
 * Issue 8, in Chromium on web mode: every field a contact controls — nick, remark, group card,
 * group and discussion names, the long nick, message text, file names, a friend request — holds
 * markup, script, a Vue template, a right-to-left override, zero-width characters, CR/LF, a lone
 * surrogate, NUL, or 100 KB; friends send javascript:, file:, data: and custom-scheme links. All
 * of it is shown as the literal text, creates no element and runs nothing, cannot reorder the
 * UI around it, opens nothing when clicked, and the 100 KB name is cut with an ellipsis inside
 * its row. The backend answers afterwards, and history holds every message.
 *
 * The control API sets names of up to 64 characters; the remark, the long nick and the 100 KB
 * nick are set in the embedded emulator's world directly (the test runs it in-process).
 */

const SELF = '2851234567'
const S = {
  img: '<img src=x onerror="window.__pwned=1">',
  script: '<script>window.__pwned=2</script>',
  anchor: '<a href="javascript:window.__pwned=3">x</a>',
  template: '{{ 7*7 }}',
  bidi: '\u202Egnp.exe',
  zeroWidth: 'zero\u200B\u200Cwidth\u200D\uFEFF',
  crlf: 'line1\r\nline2',
  surrogate: 'lone\uD800surrogate',
  nul: 'nu\u0000ll',
}
/** What the client shows for each: strings are made well-formed where they are decoded (no lone surrogate, no NUL). */
const SHOWN: Record<keyof typeof S, string> = { ...S, surrogate: 'lone\uFFFDsurrogate', nul: 'null' }
const HUGE = 'W'.repeat(100 * 1024)
const LINKS = ['javascript:window.__pwned=4', 'file:///etc/passwd', 'data:text/html,<script>window.__pwned=5</script>', 'qq://x', 'ms-settings:']
/** A web link whose tail would break out of an attribute if it were pasted into HTML. */
const QUOTED_LINK = 'https://127.0.0.1:9/"onmouseover="window.__pwned=6'
const REMARK = '\u202Eremark'

let app: RunningApp
const $ = (id: string) => `[data-testid="${id}"]`

interface Friend {
  qq: string
  nick: string
  bot?: string
}
let friends: Friend[]
let hugeFriend: Friend
let remarked: Friend
let group: { number: string; members: Array<{ qq: string }> }
let disc: { id: string; members: string[] }
/** Messages the contacts sent, for the history count. */
let sentIn = 0

/** Nothing the strings would make exists, and nothing ran. */
async function expectInert(page: Page, where: string): Promise<void> {
  const found = await page.evaluate(`(() => {
    const app = document.getElementById('app')
    const onAttrs = [...app.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length
    return {
      pwned: window.__pwned,
      img: document.querySelectorAll('img[src="x"]').length,
      script: app.querySelectorAll('script').length,
      links: app.querySelectorAll('a[href^="javascript:"], a[href^="file:"], a[href^="data:"], a[href^="qq:"], a[href^="ms-settings:"]').length,
      onAttrs,
    }
  })()`)
  expect(found, where).toEqual({ pwned: undefined, img: 0, script: 0, links: 0, onAttrs: 0 })
}

/** Every element matching `selector` isolates its text from the words around it. */
async function expectIsolated(page: Page, selector: string): Promise<void> {
  const styles = await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => getComputedStyle(el).unicodeBidi)`)
  expect((styles as string[]).length, selector).toBeGreaterThan(0)
  expect(new Set(styles as string[]), selector).toEqual(new Set(['isolate']))
}

/** The element's text is cut (ellipsis) and stays inside `row`, and the page never scrolls sideways. */
async function expectCutInside(page: Page, text: string, row: string): Promise<void> {
  const box = await page.evaluate(`(() => {
    // The innermost element holding the whole text (a search may have marked its first match).
    const el = [...document.querySelectorAll(${JSON.stringify(row)} + ' *')].find((e) => e.textContent.length > 100000 && ![...e.children].some((c) => c.textContent.length > 100000) && e.getClientRects().length)
    if (!el) return undefined
    const cut = el.closest('.ellipsis') ?? el
    const own = cut.getBoundingClientRect()
    const holder = el.closest(${JSON.stringify(row)}).getBoundingClientRect()
    return {
      inside: own.left >= holder.left - 1 && own.right <= holder.right + 1,
      ellipsis: getComputedStyle(cut).textOverflow,
      hidden: cut.scrollWidth > cut.clientWidth,
      pageWidth: document.documentElement.scrollWidth <= window.innerWidth,
    }
  })()`)
  expect(box, `${row}: ${text.slice(0, 8)}…`).toEqual({ inside: true, ellipsis: 'ellipsis', hidden: true, pageWidth: true })
}

async function search(page: Page, query: string): Promise<void> {
  await page.fill($('search-input'), query)
}

beforeAll(async () => {
  app = await startApp({ emulator: { rateLimit: { enabled: false } } })
  const { phone } = app
  const world = app.emulator.core.world
  const contacts = await phone.contacts()
  friends = contacts.friends.filter((f: Friend) => !f.bot)
  expect(friends.length).toBeGreaterThanOrEqual(10)
  // Remarks would hide the nicks: one friend keeps one, a right-to-left override.
  for (const f of world.graph(SELF).friends) f.markname = undefined
  world.graph(SELF).groupMarks.clear()
  const keys = Object.keys(S) as Array<keyof typeof S>
  for (const [i, k] of keys.entries()) {
    expect((await phone.post('/control/contacts/rename', { kind: 'person', id: friends[i]!.qq, name: S[k] })).status, k).toBe(200)
  }
  hugeFriend = friends[keys.length]!
  world.person(hugeFriend.qq)!.nick = HUGE
  remarked = friends[keys.indexOf('bidi')]!
  world.graph(SELF).friends.find((f) => f.qq === remarked.qq)!.markname = REMARK
  world.person(SELF)!.lnick = `${S.script} ${S.bidi}`

  group = contacts.groups[0]
  disc = contacts.discussions[0]
  for (const [kind, id, name] of [
    ['group', group.number, S.anchor],
    ['group', contacts.groups[1].number, `${S.bidi} group`],
    ['group', contacts.groups[2].number, S.template],
    ['discussion', disc.id, S.script],
  ]) {
    expect((await phone.post('/control/contacts/rename', { kind, id, name })).status).toBe(200)
  }
  // Three members with hostile cards (the service cut cards at 21 bytes, §5.5), and the 100 KB nick.
  expect((await phone.post('/control/contacts/group/member', { number: group.number, qq: hugeFriend.qq, action: 'join' })).status).toBe(200)
  const others = group.members.map((m) => m.qq).filter((q) => q !== SELF && q !== hugeFriend.qq)
  for (const [i, card] of [S.img, S.template, S.bidi].entries()) {
    expect((await phone.post('/control/contacts/card', { number: group.number, qq: others[i], card })).status).toBe(200)
  }
  group = { ...group, members: [...group.members.filter((m) => others.slice(0, 3).includes(m.qq)), { qq: hugeFriend.qq }] }
})
afterAll(() => app.close())

describe('hostile contacts in Chromium', () => {
  it('logs in over hostile names and shows every one literally in the friend list and the search results, with nothing created or run', async () => {
    const { page } = app
    await app.logIn()
    await page.click($('tab-friends'))
    await page.locator($('friend-row')).first().waitFor()
    await expectInert(page, 'friend list')
    await app.shot('hostile-01-friends')

    // Each name, found by a part of it, shown as it is: the text locator finds the literal string.
    for (const [k, part] of [
      ['img', 'onerror'],
      ['script', '</script>'],
      ['anchor', 'javascript:'],
      ['template', '7*7'],
      ['crlf', 'line1'],
      ['surrogate', 'surrogate'],
      ['nul', 'nul'],
      ['zeroWidth', 'zero'],
    ] as const) {
      await search(page, part)
      const row = page.locator($('friend-row'), { hasText: part })
      await expect.poll(() => row.count()).toBe(1)
      expect(await row.locator('bdi').first().textContent(), k).toBe(SHOWN[k])
      if (!['crlf', 'zeroWidth', 'surrogate'].includes(k)) await expect.poll(() => page.getByText(SHOWN[k], { exact: true }).count()).toBeGreaterThan(0)
    }
    // Vue templates are not evaluated in data.
    await search(page, '7*7')
    expect(await page.locator($('friend-row')).first().textContent()).not.toContain('49')
    // CR/LF inside a name keeps the row one row high.
    await search(page, 'line1')
    expect((await page.locator($('friend-row')).first().boundingBox())!.height).toBe(56)
    await expectInert(page, 'friend search')

    // The remark with a right-to-left override stays inside its <bdi>: "(nick)" is still drawn after it.
    await search(page, 'remark')
    const row = page.locator($('friend-row')).first()
    await row.waitFor()
    expect(await row.locator('bdi').allTextContents()).toEqual([REMARK, S.bidi])
    const [nameRight, nickLeft] = (await page.evaluate(`(() => {
      const [name, nick] = document.querySelectorAll('[data-testid="friend-row"] bdi')
      return [name.getBoundingClientRect().right, nick.getBoundingClientRect().left]
    })()`)) as [number, number]
    expect(nickLeft).toBeGreaterThan(nameRight)
    await expectIsolated(page, `${$('friend-row')} bdi`)
    await app.shot('hostile-02-remark-bidi')

    // The 100 KB nick: cut with an ellipsis inside its row.
    await search(page, 'wwwwwwww')
    await page.locator($('friend-row')).first().waitFor()
    await expectCutInside(page, HUGE, $('friend-row'))
    await app.shot('hostile-03-huge-nick')
    await search(page, '')

    // The long nick, and a search box query that is itself markup.
    expect(await page.locator($('self-lnick')).textContent()).toContain(`${S.script} ${S.bidi}`)
    await expectIsolated(page, $('self-nick'))
    await search(page, S.img)
    await expect.poll(() => page.locator($('friend-row')).count()).toBe(1)
    await expectInert(page, 'markup in the search box')
    await search(page, '')
  })

  it('shows hostile group and discussion names, cards in the members panel, and messages as text; links of other schemes are no links and open nothing', async () => {
    const { page, phone } = app
    // Every friend with a hostile nick says it; one sends the links; one offers files with hostile names.
    const keys = Object.keys(S) as Array<keyof typeof S>
    for (const [i, k] of keys.entries()) {
      expect((await phone.post('/control/messages/send', { kind: 'friend', from: friends[i]!.qq, content: [S[k]] })).status, k).toBe(200)
      sentIn++
    }
    for (const link of [...LINKS, QUOTED_LINK]) {
      expect((await phone.post('/control/messages/send', { kind: 'friend', from: friends[0]!.qq, content: [link] })).status, link).toBe(200)
      sentIn++
    }
    for (const name of [S.img, `${S.bidi}.txt`]) {
      expect((await phone.post('/control/events', { type: 'file_message', from: friends[1]!.qq, name })).status).toBe(200)
      sentIn++
    }
    for (const [m, text] of group.members.map((m, i) => [m.qq, [S.script, S.anchor, S.template, S.img][i]!] as const)) {
      expect((await phone.post('/control/messages/send', { kind: 'group', from: m, target: group.number, content: [text] })).status).toBe(200)
      sentIn++
    }
    const discMember = disc.members.find((m) => m !== SELF)!
    expect((await phone.post('/control/messages/send', { kind: 'discussion', from: discMember, target: disc.id, content: [S.bidi + ' said'] })).status).toBe(200)
    sentIn++

    // The recent list: titles and previews, literal.
    await page.click($('tab-recent'))
    await expect.poll(() => page.locator($('conversation-row')).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(11)
    // The friend named so, and the group.
    await expect.poll(() => page.locator(`${$('conversation-row')} .title`).allTextContents()).toEqual(expect.arrayContaining([S.anchor, S.anchor, S.script, SHOWN.nul]))
    expect((await page.locator(`${$('conversation-row')} .title`).allTextContents()).filter((t) => t === S.anchor)).toHaveLength(2)
    await expectInert(page, 'recent list')
    await expectIsolated(page, `${$('conversation-row')} .title`)
    await expectIsolated(page, `${$('conversation-row')} .preview bdi`)
    await app.shot('hostile-04-recent')

    // Groups and discussions tabs.
    await page.click($('tab-groups'))
    for (const name of [S.anchor, `${S.bidi} group`, S.template]) {
      expect(await page.locator($('group-row'), { hasText: name }).count(), name).toBe(1)
    }
    await expectIsolated(page, `${$('group-row')} .ellipsis`)
    await search(page, 'javascript')
    await expect.poll(() => page.locator($('group-row')).count()).toBe(1)
    await search(page, '')
    await page.click($('tab-discussions'))
    expect(await page.getByText(S.script, { exact: true }).count()).toBeGreaterThan(0)
    await expectIsolated(page, `${$('discussion-row')} .ellipsis`)

    // The group chat and its members panel: cards as the service cut them, and the 100 KB sender.
    await page.click($('tab-groups'))
    await page.locator($('group-row'), { hasText: S.anchor }).click()
    expect(await page.locator($('chat-title')).textContent()).toBe(S.anchor)
    await expectIsolated(page, $('chat-title'))
    await expect.poll(() => page.locator($('message')).count()).toBeGreaterThanOrEqual(4)
    for (const text of [S.script, S.anchor, S.template, S.img]) {
      await expect.poll(() => page.locator($('message'), { hasText: text }).count()).toBeGreaterThan(0)
    }
    await expectIsolated(page, `${$('message')} .sender`)
    await expectCutInside(page, HUGE, $('message'))
    await page.click($('members-button'))
    await page.locator($('member-row')).first().waitFor()
    const rows = (await page.locator($('member-row')).allTextContents()).join('\n')
    for (const card of ['<img src=x onerror="w', S.template, S.bidi]) expect(rows).toContain(card)
    await expectIsolated(page, `${$('member-row')} .name`)
    await expectCutInside(page, HUGE, $('member-row'))
    await expectInert(page, 'group chat and members')
    await app.shot('hostile-05-group-members')
    await page.click($('members-button'))

    // The chat with the friend who sent the links: plain text, no anchors; clicking opens nothing.
    await page.click($('tab-recent'))
    await page.locator($('conversation-row'), { hasText: 'onmouseover' }).click()
    for (const link of LINKS) await page.getByText(link, { exact: true }).waitFor()
    await expectInert(page, 'links chat')
    expect(await page.locator('a.link').count()).toBe(1)
    expect(await page.locator('a.link').getAttribute('href')).toBe('https://127.0.0.1:9/')
    const opened: string[] = []
    page.context().on('page', (p) => opened.push(p.url()))
    const before = page.url()
    for (const link of LINKS) {
      await page.getByText(link, { exact: true }).click()
      await page.getByText(link, { exact: true }).dblclick()
    }
    await page.waitForTimeout(300)
    expect(opened).toEqual([])
    expect(page.url()).toBe(before)
    await expectInert(page, 'after clicking the links')
    await app.shot('hostile-06-links')

    // The file offers: cards with the names as text, isolated, the bidi override shown as U+FFFD (it would reorder the name itself).
    await page.click($('tab-friends'))
    await search(page, '</script>')
    await page.locator($('friend-row')).first().click()
    await expect.poll(() => page.locator($('file-name')).allTextContents()).toEqual(expect.arrayContaining([S.img, `${S.bidi.replace('\u202E', '\uFFFD')}.txt`]))
    await expectIsolated(page, $('file-name'))
    await expectInert(page, 'file offers')

    // The 100 KB friend's own chat: the title is cut inside the header.
    await search(page, 'wwwwwwww')
    await page.locator($('friend-row')).first().click()
    await expectCutInside(page, HUGE, '.head')
    // Its conversation key is made from the name and still fits the contract: the chat loads and sends.
    await page.locator($('composer')).fill('hello, long name')
    await page.keyboard.press('Enter')
    const mine = page.locator(`${$('message')}[data-direction="out"]`).last()
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent')
    expect(await page.locator($('toast')).count()).toBe(0)
    await app.shot('hostile-07-huge-chat')
    await search(page, '')
  })

  it('finds hostile messages in the history search and shows the hits as text', async () => {
    const { page } = app
    await page.click($('message-search-button'))
    await page.fill($('message-search-input'), 'window.__pwned')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator($('search-hit')).count()).toBeGreaterThanOrEqual(6)
    const snippets = (await page.locator(`${$('search-hit')} .snippet`).allTextContents()).join('\n')
    expect(snippets).toContain('onerror="window.__pwned=1"')
    await expectIsolated(page, `${$('search-hit')} .title`)
    await expectInert(page, 'history search')
    await app.shot('hostile-08-history-search')
    await page.click($('message-search-button'))
  })

  it('shows a friend request with a hostile nick and message as text, then the backend still answers and history holds every message', async () => {
    const { page, phone, core } = app
    expect((await phone.post('/control/contacts/friend-request', { nick: S.img, msg: `${S.anchor} ${S.bidi}` })).status).toBe(200)
    // Not a dialog: a notice, and a card in the friend tab's requests.
    await page.locator($('friend-request-notice')).waitFor()
    await page.click($('friend-request-notice-show'))
    const card = page.locator($('friend-request'))
    await card.waitFor()
    // The message is the contact's words, as text.
    expect((await card.locator('bdi').allTextContents())[1]).toBe(`${S.anchor} ${S.bidi}`)
    await expectIsolated(page, `${$('friend-request')} bdi`)
    await expectInert(page, 'friend request')
    await app.shot('hostile-09-friend-request')
    await card.locator($('friend-request-deny')).click()
    await card.waitFor({ state: 'detached' })

    await page.click($('tab-friends'))
    await page.locator($('friend-row'), { hasText: '回声' }).click()
    await page.fill($('composer'), `still here ${S.img}`)
    await page.keyboard.press('Enter')
    const mine = page.locator(`${$('message')}[data-direction="out"]`).last()
    await expect.poll(() => mine.getAttribute('data-status'), { timeout: 10_000 }).toBe('sent')
    await expect.poll(() => page.locator(`${$('message')}[data-direction="in"]`, { hasText: 'still here' }).count(), { timeout: 10_000 }).toBe(1)
    await expectInert(page, 'after sending')

    const stored = core.client!.online().conversations.list().flatMap((c) => core.client!.online().conversations.page(c.ref, undefined, 200))
    // Every message the contacts sent, plus the two sent and the echo of one.
    expect(stored.filter((m) => m.direction === 'in').length).toBe(sentIn + 1)
    expect(stored.filter((m) => m.direction === 'out').length).toBe(2)
    expect(stored.some((m) => m.damaged)).toBe(false)
  })
})
