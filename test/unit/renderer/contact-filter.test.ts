// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import FriendList from '../../../renderer/src/components/sidebar/FriendList.vue'
import RecentList from '../../../renderer/src/components/sidebar/RecentList.vue'
import RoomList from '../../../renderer/src/components/sidebar/RoomList.vue'
import { useUiStore } from '../../../renderer/src/stores/ui'
import { friend, group, snapshot, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

/**
 * The search box filters every list per keystroke: the rows in view are patched with the new
 * items (not built again), and what they show stays each item's own.
 */

const CATEGORIES = [{ index: 0, sort: 0, name: '' }]
/** Friend 0 … Friend 39, in name order; "Friend 1" matches Friend 1 and Friend 10 … 19. */
const FRIENDS = Array.from({ length: 40 }, (_, n) => friend(n, { displayName: `Friend ${n}` }))

afterEach(() => {
  document.body.innerHTML = ''
})

function mountFriends() {
  fakeLayout()
  const h = setup()
  h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: FRIENDS }))
  return { h, w: mountWith(h, FriendList), ui: useUiStore() }
}

const marks = () => [...document.querySelectorAll('[data-testid="search-mark"]')].map((m) => m.textContent)
const listHidden = (id: string) => (document.querySelector<HTMLElement>(`[data-testid="${id}"]`)!.style.display === 'none')
const rowElements = () => [...document.querySelectorAll<HTMLElement>('.vlist-row')]
/** The names shown (each row's first <bdi>; a nick is shown beside a remark only). */
const shownFriends = () => [...document.querySelectorAll<HTMLElement>('[data-testid="friend-row"] .ellipsis > bdi:first-child')].map((r) => r.textContent)

async function search(ui: ReturnType<typeof useUiStore>, query: string): Promise<void> {
  ui.query = query
  await flushPromises()
}

describe('filtering the friend list', () => {
  it('patches the rows in view with the matches instead of building them again, each showing its own friend', async () => {
    const { ui } = mountFriends()
    await flushPromises()
    const before = new Set(rowElements())
    expect(before.size).toBeGreaterThan(11)
    await search(ui, 'friend 1')
    const matches = ['Friend 1', ...Array.from({ length: 10 }, (_, i) => `Friend 1${i}`)]
    expect(shownFriends()).toEqual(matches)
    const after = rowElements()
    // The category header and 11 friends: all of them in elements that were there before.
    expect(after).toHaveLength(12)
    expect(after.every((el) => before.has(el))).toBe(true)
    // Each recycled option speaks for its new item.
    after.forEach((el, i) => expect(el.getAttribute('aria-posinset')).toBe(String(i + 1)))
    expect(after.map((el) => el.getAttribute('aria-setsize'))).toEqual(Array(12).fill('12'))
    for (const el of after.slice(1)) {
      const name = el.querySelector('bdi')!.textContent
      expect(el.querySelector('[data-testid="friend-row"]')!.getAttribute('data-key')).toBe(FRIENDS.find((f) => f.displayName === name)!.key)
      expect(el.querySelector('.avatar[role="img"]')!.getAttribute('aria-label')).toBe(`${name}, 离线`)
      expect(el.querySelector('.avatar .tile')!.textContent).toBe('F')
    }
    // The match is marked in each name, in the name's own case.
    expect(marks()).toEqual(Array(11).fill('Friend 1'))
    expect(after[0]!.querySelector('[data-testid="category-header"]')!.textContent).toContain('我的好友')
    expect(after[0]!.querySelector('.counts')!.getAttribute('aria-label')).toBe('0 人在线，共 40 人')
  })

  it('patches the text of each name while typing on: its nodes stay, only the mark comes and goes with the match', async () => {
    const { ui } = mountFriends()
    await flushPromises()
    // Friend 1's row stays in view, in its element, through every one of these searches.
    const name = document.querySelector(`[data-testid="friend-row"][data-key="${FRIENDS[1]!.key}"] bdi`)!
    const texts = () => [...name.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)
    const plain = texts()
    const same = () => texts().length === plain.length && texts().every((n, i) => n === plain[i])
    await search(ui, 'friend')
    expect(name.innerHTML).toMatch(/^<mark [^>]*>Friend<\/mark> 1$/)
    // The text before the mark and after it are the nodes the plain name had.
    expect(same()).toBe(true)
    const mark = name.querySelector('mark')
    await search(ui, 'friend 1')
    expect(name.textContent).toBe('Friend 1')
    expect(same()).toBe(true)
    expect(name.querySelector('mark')).toBe(mark)
    await search(ui, '')
    expect(name.innerHTML).toBe('Friend 1<!--v-if-->')
    expect(same()).toBe(true)
  })

  it('draws a row for another friend in the nodes it had: the initial, the status word and the name change their text, the row and its parts stay', async () => {
    fakeLayout()
    const h = setup()
    h.api.emit('session.state', { kind: 'online', qq: '10000', nick: '我自己', status: 'online' })
    // Zed sorts last, out of view: a search for him draws him in a row that showed someone else.
    const pals = [...Array.from({ length: 39 }, (_, n) => friend(n, { displayName: `Ann ${n}`, status: 'online' })), friend(39, { displayName: 'Zed', status: 'busy', client: 'mobile' })]
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: pals }))
    mountWith(h, FriendList)
    const ui = useUiStore()
    await flushPromises()
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="friend-row"]')]
    expect(rows.some((r) => r.dataset.key === pals[39]!.key)).toBe(false)
    const parts = (row: HTMLElement) => [row.querySelector('.avatar'), row.querySelector('.tile')!.firstChild, row.querySelector('[data-testid="friend-status"]')!.firstChild, row.querySelector('bdi')!.firstChild]
    const before = new Map(rows.map((r) => [r, parts(r)]))
    await search(ui, 'zed')
    const row = document.querySelector<HTMLElement>('[data-testid="friend-row"]')!
    expect(row.dataset.key).toBe(pals[39]!.key)
    expect(row.querySelector('.tile')!.textContent).toBe('Z')
    expect(row.querySelector('[data-testid="friend-status"]')!.textContent).toBe('忙碌')
    expect(row.querySelector('.avatar')!.getAttribute('aria-label')).toBe('Zed, 忙碌, 手机在线')
    expect(row.querySelector('bdi')!.innerHTML).toMatch(/^<mark [^>]*>Zed<\/mark>$/)
    expect(before.has(row)).toBe(true)
    parts(row).forEach((n, i) => expect(n).toBe(before.get(row)![i]))
  })

  it('parks the rows a search leaves unused outside the document, and takes the same elements back when the rows are needed again', async () => {
    const { ui } = mountFriends()
    await flushPromises()
    const before = rowElements()
    await search(ui, 'friend 39')
    // The category header and Friend 39: the other rows are not in the document (nor found).
    expect(rowElements()).toHaveLength(2)
    expect(shownFriends()).toEqual(['Friend 39'])
    expect(rowElements().every((el) => before.includes(el))).toBe(true)
    await search(ui, '')
    const after = rowElements()
    expect(after).toHaveLength(before.length)
    expect(after.every((el) => before.includes(el))).toBe(true)
    expect(shownFriends()).toEqual(FRIENDS.slice(0, after.length - 1).map((f) => f.displayName))
  })

  it('marks the match in the nick shown beside a remark too', async () => {
    fakeLayout()
    const h = setup()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: [friend(1, { displayName: '老王', markname: '老王', nick: 'Lucky Wang' })] }))
    mountWith(h, FriendList)
    const ui = useUiStore()
    await search(ui, 'lucky')
    expect(document.querySelector('[data-testid="friend-row"] .ellipsis')!.textContent).toBe('老王 (Lucky Wang)')
    expect(marks()).toEqual(['Lucky'])
  })

  it('shows the nick beside a remark only, in nodes a recycled row keeps whether or not the friend it shows has one', async () => {
    fakeLayout()
    const h = setup()
    // "Pal 1" has a remark; "Pal 2" has none (a remark equal to the nick is none either).
    const pals = [friend(1, { displayName: 'Pal 1 boss', markname: 'Pal 1 boss', nick: 'Wang' }), friend(2, { displayName: 'Pal 2', markname: 'Pal 2', nick: 'Pal 2' })]
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: pals }))
    mountWith(h, FriendList)
    const ui = useUiStore()
    const nick = () => document.querySelector<HTMLElement>('[data-testid="friend-row"] .nick')!
    await search(ui, 'pal 1')
    const kept = nick()
    expect([kept.style.display, kept.textContent]).toEqual(['', ' (Wang)'])
    // The same row, now drawn for Pal 2: the nick's element stays, hidden and empty.
    await search(ui, 'pal 2')
    expect(document.querySelector('[data-testid="friend-row"]')!.getAttribute('data-key')).toBe(pals[1]!.key)
    expect(nick()).toBe(kept)
    expect([kept.style.display, kept.textContent]).toEqual(['none', ' ()'])
    await search(ui, 'pal 1')
    expect([nick().style.display, nick().textContent]).toEqual(['', ' (Wang)'])
  })

  it('keeps the focused row on its friend while a search moves that friend up the list', async () => {
    const { w, ui } = mountFriends()
    await flushPromises()
    const row = () => document.querySelector<HTMLElement>(`.vlist-row:has([data-key="${FRIENDS[12]!.key}"])`)!
    const option = row()
    option.focus()
    await flushPromises()
    expect(option.getAttribute('aria-posinset')).toBe('14') // the header, then Friend 0 … 12
    await search(ui, 'friend 1')
    expect(row()).toBe(option)
    expect(document.activeElement).toBe(option)
    expect(option.getAttribute('tabindex')).toBe('0')
    expect(option.getAttribute('aria-posinset')).toBe('5') // the header, Friend 1, 10, 11, 12
    expect(w.findAll('[tabindex="0"]')).toHaveLength(1)
  })

  it('says a search found nothing, and shows the rows again when it is cleared', async () => {
    const { w, ui } = mountFriends()
    await flushPromises()
    await search(ui, 'friend 3')
    const before = new Set(rowElements())
    await search(ui, 'nobody')
    expect(w.text()).toContain('没有找到“nobody”')
    // The list is hidden, holding its rows for the next keystroke that finds someone.
    expect(listHidden('friend-list')).toBe(true)
    await search(ui, '')
    expect(w.text()).not.toContain('没有找到')
    expect(listHidden('friend-list')).toBe(false)
    expect(shownFriends().slice(0, 3)).toEqual(['Friend 0', 'Friend 1', 'Friend 2'])
    expect(marks()).toEqual([])
    expect(rowElements().filter((el) => !before.has(el))).toHaveLength(rowElements().length - before.size)
  })

  it('words each category header with its own name and counts, also as the list changes', async () => {
    fakeLayout()
    const h = setup()
    const cats = [
      { index: 0, sort: 0, name: '' },
      { index: 3, sort: 1, name: '同学' },
      { index: 4, sort: 2, name: '' },
    ]
    h.api.emit('contacts.changed', snapshot({ categories: cats, friends: [friend(1, { category: 3, status: 'online' }), friend(2, { category: 3 }), friend(3, { category: 4 })] }))
    mountWith(h, FriendList)
    await flushPromises()
    const headers = () =>
      [...document.querySelectorAll('[data-testid="category-header"]')].map((el) => `${el.querySelector('.name')!.textContent} ${el.querySelector('.counts')!.textContent} | ${el.querySelector('.counts')!.getAttribute('aria-label')}`)
    expect(headers()).toEqual(['我的好友 0/0 | 0 人在线，共 0 人', '同学 1/2 | 1 人在线，共 2 人', '分组 4 0/1 | 0 人在线，共 1 人'])
    h.api.emit('buddy.status', { changes: [{ key: friend(2).key, status: 'online', client: 'pc' }] })
    await new Promise((r) => requestAnimationFrame(r))
    await flushPromises()
    expect(headers()[1]).toBe('同学 2/2 | 2 人在线，共 2 人')
  })
})

describe('filtering the groups and the recent list', () => {
  it('shows the matching groups in the rows it had, and says when none matches', async () => {
    fakeLayout()
    const h = setup()
    h.api.emit('contacts.changed', snapshot({ groups: Array.from({ length: 30 }, (_, n) => group(n)) }))
    const w = mountWith(h, RoomList, { props: { kind: 'group' } })
    const ui = useUiStore()
    await flushPromises()
    const before = new Set(rowElements())
    await search(ui, 'group 2')
    const names = [...document.querySelectorAll('[data-testid="group-row"] .ellipsis')].map((r) => r.textContent)
    expect(names).toEqual(['Group 2', ...Array.from({ length: 10 }, (_, i) => `Group 2${i}`)])
    expect(marks()).toEqual(Array(11).fill('Group 2'))
    expect(rowElements().every((el) => before.has(el))).toBe(true)
    for (const el of document.querySelectorAll('[data-testid="group-row"]')) expect(el.querySelector('.avatar')!.getAttribute('aria-label')).toBe(el.querySelector('.ellipsis')!.textContent)
    const held = new Set(rowElements())
    await search(ui, 'nothing')
    expect(w.text()).toContain('没有找到“nothing”')
    expect(listHidden('groups-list')).toBe(true)
    await search(ui, '')
    expect(listHidden('groups-list')).toBe(false)
    expect(document.querySelectorAll('[data-testid="group-row"]').length).toBeGreaterThan(10)
    // The 11 rows it held are patched with the first groups; only the rest are new.
    expect(rowElements().filter((el) => held.has(el))).toHaveLength(11)
    expect(w.text()).not.toContain('没有找到')
  })

  it('filters the recent conversations by title and says when none matches', async () => {
    fakeLayout()
    const h = setup()
    h.api.emit('conversations.changed', [summary('alpha', { title: 'Alpha' }), summary('beta', { title: 'Beta', pinned: true }), summary('alps', { title: 'Alps', unread: 3 })])
    const w = mountWith(h, RecentList)
    const ui = useUiStore()
    await flushPromises()
    const titles = () => [...document.querySelectorAll('[data-testid="conversation-row"] .title')].map((t) => t.textContent)
    expect(titles()).toEqual(['Beta', 'Alpha', 'Alps'])
    await search(ui, 'al')
    expect(titles()).toEqual(['Alpha', 'Alps'])
    expect(marks()).toEqual(['Al', 'Al'])
    // The recycled rows drop the marks of the rows they were.
    expect(document.querySelectorAll('[data-testid="pinned-icon"]')).toHaveLength(0)
    expect(document.querySelectorAll('.pill')).toHaveLength(1)
    await search(ui, 'zz')
    expect(w.text()).toContain('没有找到“zz”')
    await search(ui, '')
    expect(titles()).toEqual(['Beta', 'Alpha', 'Alps'])
    expect(document.querySelectorAll('[data-testid="pinned-icon"]')).toHaveLength(1)
  })
})
