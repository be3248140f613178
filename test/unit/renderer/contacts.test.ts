// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { setActivePinia } from 'pinia'
import { watch } from 'vue'
import type { Events, Friend } from '../../../electron/ipc/contract'
import FriendList from '../../../renderer/src/components/sidebar/FriendList.vue'
import RoomList from '../../../renderer/src/components/sidebar/RoomList.vue'
import { MEMBER_LISTS_KEPT, useContactsStore } from '../../../renderer/src/stores/contacts'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useUiStore } from '../../../renderer/src/stores/ui'
import { friend, group, snapshot, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const CATEGORIES = [
  { index: 0, name: '', sort: 0 },
  { index: 1, name: '同学', sort: 1 },
  { index: 2, name: '同事', sort: 2 },
]

function friends(): Friend[] {
  return [
    friend(1, { displayName: 'Zed', category: 1, status: 'offline' }),
    friend(2, { displayName: 'Amy', category: 1, status: 'offline' }),
    friend(3, { displayName: 'Yan', category: 1, status: 'busy', client: 'mobile' }),
    friend(4, { displayName: '王小明', category: 0, status: 'online', markname: '王小明', nick: 'xiaoming' }),
    friend(5, { displayName: 'Hidden Hal', category: 0, status: 'hidden' }),
  ]
}

type Store = ReturnType<typeof useContactsStore>

/** The friend list as text: `#index online/total` per category, `name status client` per friend. */
function rowsOf(store: Store): string[] {
  return store.friendList.map((r) => (r.type === 'category' ? `#${r.index} ${r.online}/${r.total}` : `${r.friend.displayName} ${r.friend.status} ${r.friend.client}`))
}

/** The same rows from a fresh store given the snapshot with `changed` friends (as a whole new list would lay them out). */
function laidOutFrom(changed: (f: Friend) => Friend): string[] {
  const fresh = setup()
  const store = useContactsStore()
  fresh.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends().map(changed) }))
  return rowsOf(store)
}

describe('contacts store', () => {
  afterEach(() => {
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('orders each category online first, then by name, with online/total counts', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    const rows = c.friendList.map((r) => (r.type === 'category' ? `#${r.index} ${r.online}/${r.total}` : r.friend.displayName))
    expect(rows).toEqual(['#0 1/2', '王小明', 'Hidden Hal', '#1 1/3', 'Yan', 'Amy', 'Zed', '#2 0/0'])
  })

  it('gives a friend in a category the list did not name a category of its own', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: [friend(1, { category: 7 })] }))
    expect(c.friendList.filter((r) => r.type === 'category').map((r) => r.type === 'category' && `${r.index}:${r.total}`)).toEqual(['0:0', '1:0', '2:0', '7:1'])
  })

  it('re-sorts by presence without collating the names again when only presence changed', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    const order = c.index.order
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends().map((f) => (f.displayName === 'Zed' ? { ...f, status: 'online' as const } : f)) }))
    expect(c.index.order).toBe(order)
    const cat1 = c.friendList.filter((r) => r.type === 'friend' && r.friend.category === 1).map((r) => r.type === 'friend' && r.friend.displayName)
    expect(cat1).toEqual(['Yan', 'Zed', 'Amy'])
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends().map((f) => (f.displayName === 'Zed' ? { ...f, displayName: 'Aaron' } : f)) }))
    expect(c.index.order).not.toBe(order)
    expect(c.friendList.filter((r) => r.type === 'friend' && r.friend.category === 1).map((r) => r.type === 'friend' && r.friend.displayName)).toEqual(['Yan', 'Aaron', 'Amy'])
  })

  it('applies a buddy.status delta as a whole snapshot with that presence would lay the list out, without indexing again', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    const order = c.index.order
    const rows = () => rowsOf(c)
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10001', status: 'away', client: 'mobile' }] })
    c.flushPresence()
    expect(c.index.order).toBe(order)
    expect(c.index.friendByKey.get('f:q:10001')).toMatchObject({ status: 'away', client: 'mobile' })
    const afterZed = rows()
    expect(afterZed).toEqual(['#0 1/2', '王小明 online pc', 'Hidden Hal hidden pc', '#1 2/3', 'Yan busy mobile', 'Zed away mobile', 'Amy offline pc', '#2 0/0'])
    expect(afterZed).toEqual(laidOutFrom((f) => (f.key === 'f:q:10001' ? { ...f, status: 'away', client: 'mobile' } : f)))
  })

  it('moves a friend who goes offline below the online ones, and ignores a delta for a friend it does not know', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10003', status: 'offline', client: 'pc' }] })
    c.flushPresence()
    expect(c.friendList.filter((r) => r.type === 'friend' && r.friend.category === 1).map((r) => r.type === 'friend' && r.friend.displayName)).toEqual(['Amy', 'Yan', 'Zed'])
    expect(c.friendList.find((r) => r.type === 'category' && r.index === 1)).toMatchObject({ online: 0, total: 3 })
    const index = c.index
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:99999', status: 'online', client: 'pc' }] })
    c.flushPresence()
    expect(c.index).toBe(index)
  })

  it('applies 100 changes that arrive before a frame as one update, the last change of each friend winning, unknown friends ignored', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    let updates = 0
    watch(() => c.index, () => updates++, { flush: 'sync' })
    const statuses = ['online', 'away', 'busy', 'offline', 'callme'] as const
    const last = new Map<string, Friend['status']>()
    for (let n = 0; n < 100; n++) {
      const key = n % 7 === 6 ? `f:q:${90000 + n}` : `f:q:1000${1 + (n % 5)}`
      const status = statuses[(n * 3) % statuses.length]!
      h.api.emit('buddy.status', { changes: [{ key, status, client: 'pc' }] })
      last.set(key, status)
    }
    // Nothing applied before the frame.
    expect(updates).toBe(0)
    expect(c.index.friendByKey.get('f:q:10002')).toMatchObject({ status: 'offline' })
    c.flushPresence()
    expect(updates).toBe(1)
    expect(rowsOf(c)).toEqual(laidOutFrom((f) => ({ ...f, status: last.get(f.key) ?? f.status, client: last.has(f.key) ? 'pc' : f.client })))
    c.flushPresence()
    expect(updates).toBe(1)
  })

  it('lays out again only the categories a presence batch changed, and keeps the group and discussion lists', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends(), groups: [group(1)], discussions: [{ key: 'd:1', did: '1', name: 'trip', displayName: 'trip' }] }))
    const [cat0, cat1, cat2] = c.index.categories
    const groups = c.groups
    const discussions = c.discussions
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10002', status: 'online', client: 'pc' }] })
    // The same presence as known: no change at all.
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10004', status: 'online', client: 'pc' }] })
    c.flushPresence()
    expect(c.index.categories[0]).toBe(cat0)
    expect(c.index.categories[1]).not.toBe(cat1)
    expect(c.index.categories[2]).toBe(cat2)
    expect(c.groups).toBe(groups)
    expect(c.discussions).toBe(discussions)
    const index = c.index
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10004', status: 'online', client: 'pc' }] })
    c.flushPresence()
    expect(c.index).toBe(index)
  })

  it('keeps the member lists used most recently, and fetches one that went again', async () => {
    const h = setup()
    const c = useContactsStore()
    h.api.answer('group.members', { key: 'g', memo: '', level: 1, createTime: 0, members: [] })
    const ref = (i: number) => ({ kind: 'group' as const, key: `g:n:Group ${i}` })
    for (let i = 0; i <= MEMBER_LISTS_KEPT; i++) await c.loadMembers(ref(i))
    expect(c.members.size).toBe(MEMBER_LISTS_KEPT)
    expect(c.members.has('group|g:n:Group 0')).toBe(false)
    // Group 1 used again is kept when the next list comes; Group 2 goes instead.
    await c.loadMembers(ref(1))
    await c.loadMembers(ref(0))
    expect([c.members.has('group|g:n:Group 1'), c.members.has('group|g:n:Group 2')]).toEqual([true, false])
    expect(h.api.argsOf('group.members').filter((a) => (a as { key: string }).key === 'g:n:Group 0')).toHaveLength(2)
    expect(h.api.argsOf('group.members').filter((a) => (a as { key: string }).key === 'g:n:Group 1')).toHaveLength(1)
  })

  it('shows a lone change at the next frame, and under a stream of changes updates at most every 0.1 s', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame', 'performance'] })
    try {
      const h = setup()
      const c = useContactsStore()
      h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
      let updates = 0
      watch(() => c.index, () => updates++, { flush: 'sync' })
      const statusOf = (key: string) => c.index.friendByKey.get(key)?.status
      h.api.emit('buddy.status', { changes: [{ key: 'f:q:10002', status: 'online', client: 'pc' }] })
      vi.advanceTimersByTime(20)
      expect([updates, statusOf('f:q:10002')]).toEqual([1, 'online'])
      h.api.emit('buddy.status', { changes: [{ key: 'f:q:10001', status: 'away', client: 'pc' }] })
      vi.advanceTimersByTime(40)
      h.api.emit('buddy.status', { changes: [{ key: 'f:q:10003', status: 'offline', client: 'pc' }] })
      expect([updates, statusOf('f:q:10001')]).toEqual([1, 'offline'])
      vi.advanceTimersByTime(100)
      expect([updates, statusOf('f:q:10001'), statusOf('f:q:10003')]).toEqual([2, 'away', 'offline'])
    } finally {
      vi.useRealTimers()
    }
  })

  it('after many buddy.status batches on 300 friends (a friend changed twice in one batch too), lays the list out as a whole snapshot with that presence would', () => {
    const statuses = ['online', 'away', 'busy', 'offline', 'hidden', 'callme', 'silent'] as const
    let seed = 7
    const random = (n: number) => ((seed = (seed * 48271) % 2147483647), seed % n)
    const cats = [0, 1, 2].map((index) => ({ index, name: `c${index}`, sort: index }))
    let world = Array.from({ length: 300 }, (_, i) => friend(i, { displayName: `f${random(1000)}`, category: i % 3, status: statuses[random(statuses.length)]! }))
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: cats, friends: world }))
    for (let batch = 0; batch < 30; batch++) {
      // One frame's worth: a few pushes, each a poll answer's changes (the backend's batches), in order.
      for (let push = random(3); push >= 0; push--) {
        const changes: Array<Events['buddy.status']['changes'][number]> = []
        for (let n = random(20); n >= 0; n--) {
          const key = world[random(world.length)]!.key
          const status = statuses[random(statuses.length)]!
          changes.push({ key, status, client: 'pc' })
          world = world.map((f) => (f.key === key ? { ...f, status, client: 'pc' as const } : f))
        }
        h.api.emit('buddy.status', { changes })
      }
      c.flushPresence()
      const fresh = setup()
      const whole = useContactsStore()
      fresh.api.emit('contacts.changed', snapshot({ categories: cats, friends: world }))
      expect(rowsOf(c)).toEqual(rowsOf(whole))
      setActivePinia(h.pinia)
    }
  })

  it('drops the changes still queued when a snapshot arrives: it was made after them', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10002', status: 'online', client: 'pc' }] })
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends().map((f) => (f.key === 'f:q:10002' ? { ...f, status: 'busy' as const } : f)) }))
    c.flushPresence()
    expect(c.index.friendByKey.get('f:q:10002')).toMatchObject({ status: 'busy' })
  })

  it('filters friends, groups, discussions and conversations with one query', () => {
    const h = setup()
    const c = useContactsStore()
    const conv = useConversationsStore()
    const ui = useUiStore()
    h.api.emit('contacts.changed', snapshot({
      categories: CATEGORIES,
      friends: friends(),
      groups: [group(1, { displayName: 'Amy fans' }), group(2, { displayName: 'Chess' })],
      discussions: [{ key: 'd:1', did: '1', name: 'amy trip', displayName: 'amy trip' }, { key: 'd:2', did: '2', name: 'other', displayName: 'other' }],
    }))
    h.api.emit('conversations.changed', [summary('f:q:10002', { title: 'Amy' }), summary('g:n:Chess', { title: 'Chess' })])
    ui.query = '  AMY '
    expect(c.friendList.filter((r) => r.type === 'friend').map((r) => r.type === 'friend' && r.friend.displayName)).toEqual(['Amy'])
    expect(c.friendMatches).toBe(1)
    expect(c.groups.map((g) => g.displayName)).toEqual(['Amy fans'])
    expect(c.discussions.map((d) => d.displayName)).toEqual(['amy trip'])
    expect(conv.visible.map((s) => s.title)).toEqual(['Amy'])
    // Matches the QQ number, the nick behind a remark too.
    ui.query = 'xiaoming'
    expect(c.friendMatches).toBe(1)
    ui.query = '10003'
    expect(c.friendMatches).toBe(1)
  })

  it('collapses a category, remembers it, and ignores collapse while searching', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    c.toggleCategory(1)
    expect(c.friendList.some((r) => r.type === 'friend' && r.friend.category === 1)).toBe(false)
    expect(c.friendList.find((r) => r.type === 'category' && r.index === 1)).toMatchObject({ collapsed: true, online: 1, total: 3 })
    useUiStore().query = 'amy'
    expect(c.friendList.map((r) => r.key)).toEqual(['c:1', 'f:f:q:10002'])
    // A new store (a restart) keeps the collapse.
    setup()
    expect(useContactsStore().collapsed.has(1)).toBe(true)
  })

  it('reads the remembered collapse from storage only when the friends list first asks (not for the login view)', () => {
    const h = setup()
    const c = useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    // Written after the store was made (storage can only be watched through what it gives back):
    // the store had not read it yet, so the list shows it.
    localStorage.setItem('qq.collapsedCategories', '[1]')
    expect(c.friendList.find((r) => r.type === 'category' && r.index === 1)).toMatchObject({ collapsed: true })
    // Read once: later changes are the store's own.
    localStorage.setItem('qq.collapsedCategories', '[]')
    expect(c.collapsed.has(1)).toBe(true)
    c.toggleCategory(1)
    expect(c.collapsed.has(1)).toBe(false)
    expect(localStorage.getItem('qq.collapsedCategories')).toBe('[]')
  })

  it('filters 5,000 friends and 1,000 groups with one query (its speed is measured by `npm run bench -- contact-list`)', () => {
    const h = setup()
    const c = useContactsStore()
    const many = Array.from({ length: 5000 }, (_, i) => friend(i, { displayName: `好友${i} name${i}`, category: i % 20, status: i % 3 ? 'offline' : 'online' }))
    const cats = Array.from({ length: 20 }, (_, i) => ({ index: i, name: `cat${i}`, sort: i }))
    h.api.emit('contacts.changed', snapshot({ categories: cats, friends: many, groups: Array.from({ length: 1000 }, (_, i) => group(i)) }))
    expect(c.friendList).toHaveLength(5020)
    const ui = useUiStore()
    ui.query = '好友4'
    expect(c.friendMatches).toBe(1111) // 4, 40–49, 400–499, 4000–4999
    ui.query = 'name12'
    expect(c.friendMatches).toBe(111) // 12, 120–129, 1200–1299
    ui.query = ''
    expect(c.friendList).toHaveLength(5020)
  })
})

describe('friend list view', () => {
  afterEach(() => {
    localStorage.clear()
    document.body.innerHTML = ''
  })

  it('names category 0 "我的好友", shows counts, and collapses on click', async () => {
    fakeLayout()
    const h = setup()
    useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    const w = mountWith(h, FriendList)
    await flushPromises()
    const headers = w.findAll('[data-testid="category-header"]')
    expect(headers.map((x) => x.attributes('data-index'))).toEqual(['0', '1', '2'])
    expect(headers[0]?.text()).toContain('我的好友')
    expect(headers[0]?.text()).toContain('1/2')
    expect(w.findAll('[data-testid="friend-row"]').map((x) => x.attributes('data-key'))).toContain('f:q:10002')
    await headers[1]?.trigger('click')
    expect(w.findAll('[data-testid="friend-row"]').map((x) => x.attributes('data-key'))).not.toContain('f:q:10002')
    // The option holding the category says it is folded.
    expect(w.get('[data-testid="category-header"][data-index="1"]').element.parentElement?.getAttribute('aria-expanded')).toBe('false')
  })

  it('a buddy.status delta turns the friend\'s dot green and counts them online in the header at the next frame', async () => {
    fakeLayout()
    const h = setup()
    useContactsStore()
    h.api.emit('session.state', { kind: 'online', qq: '10000', nick: '我', status: 'online' })
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    const w = mountWith(h, FriendList)
    await flushPromises()
    const dot = () => w.get('[data-testid="friend-row"][data-key="f:q:10002"] .dot').classes()
    // Offline: no dot shown (the element waits, hidden, for a status that has one).
    expect(w.get('[data-testid="friend-row"][data-key="f:q:10002"] .dot').isVisible()).toBe(false)
    expect(w.get('[data-testid="category-header"][data-index="1"]').text()).toContain('1/3')
    h.api.emit('buddy.status', { changes: [{ key: 'f:q:10002', status: 'online', client: 'pc' }] })
    // Applied at the next frame, by itself.
    await new Promise((frame) => requestAnimationFrame(frame))
    await flushPromises()
    expect(dot()).toContain('green')
    expect(w.get('[data-testid="friend-row"][data-key="f:q:10002"] .dot').isVisible()).toBe(true)
    expect(w.get('[data-testid="category-header"][data-index="1"]').text()).toContain('2/3')
  })

  it('opens a chat with a friend on click', async () => {
    fakeLayout()
    const h = setup()
    useContactsStore()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: friends() }))
    h.api.answer('conversation.open', summary('f:q:10004', { title: '王小明' }))
    const w = mountWith(h, FriendList)
    await flushPromises()
    await w.get('[data-testid="friend-row"][data-key="f:q:10004"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('conversation.open')).toEqual([{ conversation: { kind: 'friend', key: 'f:q:10004' } }])
    expect(useConversationsStore().active).toEqual({ kind: 'friend', key: 'f:q:10004' })
  })

  it('says a failed part in place and retries it; an empty list has its own words', async () => {
    fakeLayout()
    const h = setup()
    useContactsStore()
    h.api.emit('contacts.changed', snapshot({ failures: [{ part: 'friends', error: { kind: 'protocol', message: 'x', retcode: 100003 } }] }))
    const w = mountWith(h, FriendList)
    await flushPromises()
    expect(w.get('[data-testid="contacts-failure"]').text()).toContain('好友列表加载失败：服务器繁忙（100003）')
    await w.get('[data-testid="contacts-retry"]').trigger('click')
    expect(h.api.argsOf('contacts.retry')).toEqual([{ part: 'friends' }])

    const g = mountWith(h, RoomList, { props: { kind: 'group' } })
    expect(g.text()).toContain('你还没有加入任何群。')
  })

  it('lists groups by key and says when a search matches none', async () => {
    fakeLayout()
    const h = setup()
    useContactsStore()
    h.api.emit('contacts.changed', snapshot({ groups: [group(1), group(2)] }))
    const w = mountWith(h, RoomList, { props: { kind: 'group' } })
    await flushPromises()
    expect(w.findAll('[data-testid="group-row"]').map((x) => x.attributes('data-key'))).toEqual(['g:n:Group 1', 'g:n:Group 2'])
    useUiStore().query = 'nothing'
    await flushPromises()
    expect(w.text()).toContain('没有找到“nothing”')
  })
})
