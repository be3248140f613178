// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import RecentList from '../../../renderer/src/components/sidebar/RecentList.vue'
import ConversationRow from '../../../renderer/src/components/sidebar/ConversationRow.vue'
import { nextListIndex } from '../../../renderer/src/lib/list-keys'
import { shownStatus } from '../../../renderer/src/lib/presence'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const at = (time: number) => ({ preview: `t${time}`, time, direction: 'in' as const, status: 'received' })

describe('listbox keys (nextListIndex)', () => {
  it('steps with the arrows and stops at the ends', () => {
    expect(nextListIndex('ArrowDown', 0, 3, 1)).toBe(1)
    expect(nextListIndex('ArrowDown', 2, 3, 1)).toBe(2)
    expect(nextListIndex('ArrowUp', 0, 3, 1)).toBe(0)
    expect(nextListIndex('ArrowUp', 2, 3, 1)).toBe(1)
  })
  it('goes to the ends with Home and End, a page with the Page keys', () => {
    expect(nextListIndex('Home', 7, 10, 4)).toBe(0)
    expect(nextListIndex('End', 0, 10, 4)).toBe(9)
    expect(nextListIndex('PageDown', 1, 10, 4)).toBe(5)
    expect(nextListIndex('PageDown', 8, 10, 4)).toBe(9)
    expect(nextListIndex('PageUp', 3, 10, 4)).toBe(0)
    expect(nextListIndex('PageDown', 0, 10, 0)).toBe(1)
  })
  it('enters an unfocused list at the first or the last row; moves nothing in an empty list or for other keys', () => {
    expect(nextListIndex('ArrowDown', -1, 3, 1)).toBe(0)
    expect(nextListIndex('ArrowUp', -1, 3, 1)).toBe(2)
    expect(nextListIndex('ArrowDown', 0, 0, 1)).toBeUndefined()
    expect(nextListIndex('a', 0, 3, 1)).toBeUndefined()
  })
})

describe('presence while not online (shownStatus)', () => {
  it('shows the status heard while online, and nobody online while we are not', () => {
    expect(shownStatus('busy', true)).toBe('busy')
    expect(shownStatus('online', false)).toBe('offline')
    expect(shownStatus('callme', false)).toBe('offline')
  })
})

describe('the recent list as a listbox', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    vi.restoreAllMocks()
  })

  function mountList() {
    fakeLayout()
    const h = setup()
    h.api.emit('conversations.changed', [summary('a', { lastMessage: at(3) }), summary('b', { lastMessage: at(2) }), summary('c', { lastMessage: at(1), unread: 2, mentioned: true })])
    h.api.answer('conversation.open', (args) => summary(args.conversation.key))
    return { h, w: mountWith(h, RecentList) }
  }

  const options = (w: ReturnType<typeof mountList>['w']) => w.findAll('[role="option"]')
  const tabStops = (w: ReturnType<typeof mountList>['w']) => options(w).filter((o) => o.attributes('tabindex') === '0').map((o) => o.text())

  it('is one Tab stop; the arrows, End and Home move it and the focus', async () => {
    const { w } = mountList()
    await flushPromises()
    expect(w.get('[role="listbox"]').attributes('aria-label')).toBe('会话')
    expect(tabStops(w)).toHaveLength(1)
    const first = options(w)[0]!
    ;(first.element as HTMLElement).focus()
    await first.trigger('keydown', { key: 'ArrowDown' })
    await flushPromises()
    expect(tabStops(w)[0]).toContain('b')
    expect(document.activeElement).toBe(options(w)[1]!.element)
    await options(w)[1]!.trigger('keydown', { key: 'End' })
    await flushPromises()
    expect(document.activeElement).toBe(options(w)[2]!.element)
    await options(w)[2]!.trigger('keydown', { key: 'Home' })
    await flushPromises()
    expect(document.activeElement).toBe(options(w)[0]!.element)
    expect(tabStops(w)).toHaveLength(1)
  })

  it('opens in the main pane on click or Space, in its own window (a tab in web mode) on Enter or double-click', async () => {
    const { h, w } = mountList()
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    await flushPromises()
    await options(w)[1]!.trigger('click')
    await flushPromises()
    expect(h.api.argsOf('conversation.open').map((a) => a.conversation.key)).toEqual(['b'])
    expect(w.get('[aria-selected="true"]').text()).toContain('b')
    await options(w)[0]!.trigger('keydown', { key: ' ' })
    await flushPromises()
    expect(h.api.argsOf('conversation.open')).toHaveLength(2)
    await options(w)[2]!.trigger('keydown', { key: 'Enter' })
    await options(w)[0]!.trigger('dblclick')
    expect(open.mock.calls.map((c) => String(c[0]))).toEqual([expect.stringContaining('#/chat/friend/'), expect.stringContaining('#/chat/friend/')])
  })

  it('right-click or the menu key opens the menu: pin, mute, mark read and remove go to their commands', async () => {
    const { h, w } = mountList()
    await flushPromises()
    const choose = async (row: number, id: string, how: 'mouse' | 'key') => {
      if (how === 'mouse') await options(w)[row]!.trigger('contextmenu', { button: 2, clientX: 10, clientY: 10 })
      else await options(w)[row]!.trigger('keydown', { key: 'F10', shiftKey: true })
      await flushPromises()
      document.querySelector<HTMLElement>(`[data-testid="menu-${id}"]`)!.click()
      await flushPromises()
    }
    await choose(2, 'pin', 'mouse')
    expect(h.api.argsOf('conversation.setPinned')).toEqual([{ conversation: { kind: 'friend', key: 'c' }, pinned: true }])
    // Pinned: first in the list, with its icon.
    expect(options(w)[0]!.text()).toContain('c')
    expect(options(w)[0]!.find('[data-testid="pinned-icon"]').exists()).toBe(true)
    expect(options(w)[0]!.text()).toContain('[有人@我]')
    await choose(0, 'read', 'key')
    expect(h.api.argsOf('conversation.read')).toEqual([{ conversation: { kind: 'friend', key: 'c' } }])
    expect(options(w)[0]!.text()).not.toContain('[有人@我]')
    await choose(0, 'mute', 'mouse')
    expect(h.api.argsOf('conversation.setMuted')).toEqual([{ conversation: { kind: 'friend', key: 'c' }, muted: true }])
    await choose(1, 'remove', 'mouse')
    expect(h.api.argsOf('conversation.remove')).toEqual([{ conversation: { kind: 'friend', key: 'a' } }])
    expect(useConversationsStore().visible.map((s) => s.ref.key)).toEqual(['c', 'b'])
  })

  it('puts a removed conversation back when the main process refused', async () => {
    const { h } = mountList()
    h.api.fail('conversation.remove', { kind: 'unavailable', message: 'no' })
    await expect(useConversationsStore().remove({ kind: 'friend', key: 'a' })).rejects.toBeTruthy()
    expect(useConversationsStore().visible.map((s) => s.ref.key)).toEqual(['a', 'b', 'c'])
  })
})

describe('conversation row marks', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows [有人@我] before the preview until the conversation is read, never on the open chat', () => {
    const h = setup()
    const s = summary('g', { ref: { kind: 'group', key: 'g' }, mentioned: true, unread: 1, lastMessage: { ...at(1), senderName: 'Ann' } })
    const w = mountWith(h, ConversationRow, { props: { summary: s, active: false } })
    expect(w.get('.preview').text()).toMatch(/^\[有人@我\]\s*Ann：t1/)
    const open = mountWith(h, ConversationRow, { props: { summary: s, active: true } })
    expect(open.find('[data-testid="mention-marker"]').exists()).toBe(false)
  })
})
