// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import { effectScope, isReactive, nextTick, reactive, ref } from 'vue'
import type { ChatMessage, GroupMember } from '../../../electron/ipc/contract'
import MemberPanel from '../../../renderer/src/components/chat/MemberPanel.vue'
import MessageList from '../../../renderer/src/components/chat/MessageList.vue'
import { orderMembers } from '../../../renderer/src/components/chat/member-order'
import { useFrameBatched } from '../../../renderer/src/composables/frame-batched'
import { matchMembers } from '../../../renderer/src/lib/mention'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { message, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const G = { kind: 'group' as const, key: 'g:n:大群' }

function member(uin: string, over: Partial<GroupMember> = {}): GroupMember {
  return { uin, nick: `nick${uin}`, displayName: `成员${uin}`, status: 'offline', client: 'pc', role: 'member', vipLevel: 0, gender: 'unknown', ...over }
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

afterEach(() => {
  document.body.innerHTML = ''
  vi.useRealTimers()
})

describe('a big group’s member order', () => {
  it('sorts a member list once: owner, admins, who is online, then by name, the same list again for the same members', () => {
    const members = [member('1', { displayName: 'Cy' }), member('2', { displayName: 'Bob', status: 'online' }), member('3', { role: 'admin' }), member('4', { role: 'owner' }), member('5', { displayName: 'Al' })]
    const first = orderMembers(members)
    expect(first.map((m) => m.uin)).toEqual(['4', '3', '2', '5', '1'])
    expect(orderMembers(members)).toBe(first)
    // A new list from the engine (a refresh) is sorted again.
    const changed = [...members, member('6', { displayName: 'Aa', status: 'online' })]
    expect(orderMembers(changed).map((m) => m.uin)).toEqual(['4', '3', '6', '2', '5', '1'])
  })

  it('sorts the raw members when handed the store’s reactive state, so 2,000 rows are not each a proxy', () => {
    const members = Array.from({ length: 2_000 }, (_, i) => member(String(i), { status: i % 3 ? 'offline' : 'online', role: i === 7 ? 'owner' : 'member' }))
    const state = reactive({ members })
    const ordered = orderMembers(state.members)
    expect(ordered).toHaveLength(2_000)
    expect(ordered[0]!.uin).toBe('7')
    expect(ordered.some((m) => isReactive(m))).toBe(false)
    expect(orderMembers(members)).toBe(ordered)
  })
})

describe('changes taken together while they keep coming', () => {
  const fakeFrames = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })

  it('takes a change after a quiet spell at once, the ones within the window after it together at its first frame, an urgent one at once', () => {
    fakeFrames()
    const source = ref({ n: 0, urgent: false })
    const scope = effectScope()
    const shown = scope.run(() => useFrameBatched(() => source.value, (next, now) => next.urgent !== now.urgent, 100))!
    source.value = { n: 1, urgent: false }
    expect(shown.value.n).toBe(1)
    // 20 ms apart (a busy group's 50 a second): not taken one a frame, but together after the window.
    vi.advanceTimersByTime(20)
    source.value = { n: 2, urgent: false }
    vi.advanceTimersByTime(20)
    source.value = { n: 3, urgent: false }
    vi.advanceTimersByTime(40)
    expect(shown.value.n).toBe(1)
    source.value = { n: 4, urgent: true }
    expect(shown.value.n).toBe(4)
    source.value = { n: 5, urgent: true }
    vi.advanceTimersByTime(40)
    expect(shown.value.n).toBe(5)
    // Quiet for a window: the next change is taken at once again.
    vi.advanceTimersByTime(300)
    source.value = { n: 6, urgent: true }
    expect(shown.value.n).toBe(6)
    scope.stop()
  })

  it('takes the batch after a while when no frame comes (a hidden page draws none)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    vi.stubGlobal('requestAnimationFrame', () => 1)
    vi.stubGlobal('cancelAnimationFrame', () => undefined)
    const source = ref(0)
    const scope = effectScope()
    const shown = scope.run(() => useFrameBatched(() => source.value, () => false, 100))!
    source.value = 1
    source.value = 2
    expect(shown.value).toBe(1)
    vi.advanceTimersByTime(150)
    expect(shown.value).toBe(1)
    vi.advanceTimersByTime(100)
    expect(shown.value).toBe(2)
    scope.stop()
    vi.unstubAllGlobals()
  })
})

describe('a busy group’s chat', () => {
  const burstOf = (n: number, from = 10) => Array.from({ length: n }, (_, i) => message({ id: `b${from + i}`, conversation: G, order: from + i, sender: { uin: String(100 + i), name: `成员${i}` } }))

  async function openBusyGroup(history: ChatMessage[] = [message({ id: 'old', conversation: G, order: 1, sender: { uin: '1', name: '甲' } })]) {
    fakeLayout(4000)
    const h = setup()
    h.api.answer('history.page', history)
    h.api.emit('conversations.changed', [summary(G.key, { ref: G })])
    h.api.answer('conversation.open', summary(G.key, { ref: G }))
    await useConversationsStore().open(G)
    const w = mountWith(h, MessageList, { props: { conversation: G } })
    await flushPromises()
    await nextFrame()
    const ids = () => w.findAll('[data-testid="message"]').map((x) => x.attributes('data-id'))
    return { h, w, ids }
  }

  it('shows every message of a burst, in order, the first at once and the rest together a moment later', async () => {
    const { h, w, ids } = await openBusyGroup()
    expect(ids()).toEqual(['old'])
    const burst = burstOf(20)
    for (const m of burst) h.api.emit('message.new', m)
    await nextTick()
    expect(ids()).toEqual(['old', 'b10'])
    await new Promise((r) => setTimeout(r, 150))
    await nextFrame()
    await nextTick()
    // The list is at the end (it follows it): the newest rows are the ones rendered, in order.
    const shown = ids()
    expect(shown.at(-1)).toBe('b29')
    const all = ['old', ...burst.map((m) => m.id)]
    expect(shown).toEqual(all.slice(all.length - shown.length))
    w.unmount()
  })

  it('shows one’s own message at once in the middle of a burst', async () => {
    const { h, w, ids } = await openBusyGroup()
    h.api.emit('message.new', burstOf(1)[0]!)
    await nextTick()
    h.api.emit('message.new', burstOf(1, 11)[0]!)
    h.api.emit('message.new', message({ id: 'mine', conversation: G, order: 12, direction: 'out', status: 'sending' }))
    await nextTick()
    expect(ids().at(-1)).toBe('mine')
    w.unmount()
  })
})

describe('a group’s members', () => {
  it('are fetched once as its chat opens (after its history), so the member panel and the @ list have them; a friend’s chat fetches none', async () => {
    fakeLayout(800)
    const h = setup()
    h.api.answer('history.page', [])
    h.api.answer('group.members', { members: [member('1')] } as never)
    const friend = { kind: 'friend' as const, key: 'f:q:1' }
    mountWith(h, MessageList, { props: { conversation: friend } })
    const w = mountWith(h, MessageList, { props: { conversation: G } })
    await new Promise((r) => setTimeout(r, 600))
    await flushPromises()
    expect(h.api.argsOf('group.members')).toEqual([{ key: G.key, refresh: false }])
    expect(h.api.argsOf('discussion.members')).toEqual([])
    w.unmount()
  })
})

describe('a big group’s member panel', () => {
  it('builds only the rows in view for its first paint, and the rows around them after it', async () => {
    fakeLayout(800)
    const h = setup()
    h.api.answer('group.members', { key: G.key, memo: '', level: 1, createTime: 0, members: Array.from({ length: 2_000 }, (_, i) => member(String(i))) })
    const w = mountWith(h, MemberPanel, { props: { conversation: G } })
    await flushPromises()
    const rows = () => w.findAll('[data-testid="member-row"]').length
    const first = rows()
    // 800 px of 52 px rows.
    expect(first).toBeLessThanOrEqual(Math.ceil(800 / 52) + 1)
    await nextFrame()
    await new Promise((r) => setTimeout(r, 10))
    await nextTick()
    expect(rows()).toBeGreaterThan(first)
    w.unmount()
  })
})

describe('an @ over a big group', () => {
  it('lists those whose name starts with the query first, then those containing it, in the given order, at most the limit', () => {
    const members = Array.from({ length: 2_000 }, (_, i) => ({ uin: String(i), label: i % 2 ? `张${i}` : `小张${i}`, mention: `m${i}`, nick: `n${i}` }))
    const found = matchMembers(members, '张', 50)
    expect(found).toHaveLength(50)
    expect(found.every((m) => m.label.startsWith('张'))).toBe(true)
    expect(found.map((m) => m.uin).slice(0, 3)).toEqual(['1', '3', '5'])
    const few = matchMembers(members.slice(0, 6), '张')
    expect(few.map((m) => m.uin)).toEqual(['1', '3', '5', '0', '2', '4'])
  })
})
