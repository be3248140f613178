// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import ContactTabs from '../../../renderer/src/components/sidebar/ContactTabs.vue'
import FriendList from '../../../renderer/src/components/sidebar/FriendList.vue'
import * as contactIndex from '../../../renderer/src/lib/contact-index'
import { useUiStore } from '../../../renderer/src/stores/ui'
import { friend, group, snapshot } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

// The real functions, watched: the tab counts must not build the friend rows.
vi.mock('../../../renderer/src/lib/contact-index', async (actual) => {
  const real = await actual<typeof contactIndex>()
  return { ...real, friendRows: vi.fn(real.friendRows) }
})

const CATEGORIES = [{ index: 0, sort: 0, name: '' }, { index: 1, sort: 1, name: 'Work' }]
const FRIENDS = Array.from({ length: 40 }, (_, n) => friend(n, { displayName: `Friend ${n}`, category: n % 2 }))
const GROUPS = Array.from({ length: 30 }, (_, n) => group(n))

afterEach(() => {
  document.body.innerHTML = ''
  vi.mocked(contactIndex.friendRows).mockClear()
})

const labels = () => [...document.querySelectorAll('[role="tab"]')].map((b) => b.textContent!.trim())

describe('the tab counts while searching', () => {
  it('counts the friends that match with the friends tab closed, building none of their rows', async () => {
    fakeLayout()
    const h = setup()
    h.api.emit('contacts.changed', snapshot({ categories: CATEGORIES, friends: FRIENDS, groups: GROUPS, discussions: [{ key: 'd:1', did: '1', name: 'Friend trip', displayName: 'Friend trip' }] }))
    const ui = useUiStore()
    ui.tab = 'groups'
    mountWith(h, ContactTabs)
    for (const [query, friends, groups, discussions] of [['friend 1', 11, 0, 0], ['Friend 12', 1, 0, 0], ['group 2', 0, 11, 0], ['friend', 40, 0, 1]] as const) {
      ui.query = query
      await flushPromises()
      expect(labels(), query).toEqual(['会话 0', `好友 ${friends}`, `群 ${groups}`, `讨论组 ${discussions}`])
    }
    expect(contactIndex.friendRows).not.toHaveBeenCalled()

    // The friends tab opened on the same search shows as many friends as its tab said.
    ui.tab = 'friends'
    ui.query = 'friend 1'
    mountWith(h, FriendList)
    await flushPromises()
    expect(labels()[1]).toBe('好友 11')
    expect(document.querySelectorAll('[data-testid="friend-row"]')).toHaveLength(11)
    expect(contactIndex.friendRows).toHaveBeenCalled()
  })
})
