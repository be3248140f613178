// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { GroupDetails, GroupMember } from '../../../electron/ipc/contract'
import MemberPanel from '../../../renderer/src/components/chat/MemberPanel.vue'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

const GROUP = { kind: 'group' as const, key: 'g:n:Chess' }

function member(uin: string, over: Partial<GroupMember> = {}): GroupMember {
  return { uin, nick: `nick${uin}`, displayName: `Member ${uin}`, status: 'offline', client: 'pc', role: 'member', vipLevel: 0, gender: 'unknown', ...over }
}

const DETAILS: GroupDetails = {
  key: GROUP.key,
  memo: '',
  level: 1,
  createTime: 0,
  members: [
    member('1', { displayName: 'Zoe' }),
    member('2', { displayName: 'Bob', status: 'online', client: 'mobile' }),
    member('3', { displayName: 'Admin Ann', role: 'admin' }),
    member('4', { displayName: 'Owner Olga', role: 'owner', status: 'away' }),
    member('5', { displayName: 'Al' }),
  ],
}

describe('group member panel', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('loads the members when it opens, owner and admins first, then who is online', async () => {
    fakeLayout()
    const h = setup()
    h.api.answer('group.members', DETAILS)
    expect(h.api.argsOf('group.members')).toHaveLength(0)
    const w = mountWith(h, MemberPanel, { props: { conversation: GROUP } })
    expect(w.get('[data-testid="member-panel"]').text()).toContain('正在加载成员')
    await flushPromises()
    expect(h.api.argsOf('group.members')).toEqual([{ key: GROUP.key, refresh: false }])
    const rows = w.findAll('[data-testid="member-row"]')
    expect(rows.map((r) => r.get('.name').text())).toEqual(['Owner Olga', 'Admin Ann', 'Bob', 'Al', 'Zoe'])
    expect(rows[0]?.attributes('data-role')).toBe('owner')
    expect(rows[0]?.text()).toContain('群主')
    expect(rows[1]?.text()).toContain('管理员')
    expect(rows[2]?.get('.avatar').attributes('aria-label')).toBe('Bob, 在线, 手机在线')
    expect(w.text()).toContain('成员（5）')
  })

  it('does not load again when reopened, but reloads on request', async () => {
    fakeLayout()
    const h = setup()
    h.api.answer('group.members', DETAILS)
    mountWith(h, MemberPanel, { props: { conversation: GROUP } }).unmount()
    await flushPromises()
    const w = mountWith(h, MemberPanel, { props: { conversation: GROUP } })
    await flushPromises()
    expect(h.api.argsOf('group.members')).toHaveLength(1)
    await w.get('button[aria-label="刷新成员"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('group.members')).toEqual([{ key: GROUP.key, refresh: false }, { key: GROUP.key, refresh: true }])
  })

  it('says a failure in place and retries it', async () => {
    fakeLayout()
    const h = setup()
    h.api.fail('group.members', { kind: 'protocol', message: 'bad gid', retcode: 6 })
    const w = mountWith(h, MemberPanel, { props: { conversation: GROUP } })
    await flushPromises()
    expect(w.get('[data-testid="member-failure"]').text()).toContain('成员加载失败：服务器返回错误码 6')
    h.api.answer('group.members', DETAILS)
    await w.get('[data-testid="member-retry"]').trigger('click')
    await flushPromises()
    expect(w.findAll('[data-testid="member-row"]')).toHaveLength(5)
  })

  it('uses discussion.members for a discussion and marks its owner', async () => {
    fakeLayout()
    const h = setup()
    h.api.answer('discussion.members', {
      key: 'd:9',
      ownerUin: '7',
      members: [
        { uin: '7', nick: 'o', displayName: 'Olaf', status: 'online', client: 'pc' },
        { uin: '8', nick: 'p', displayName: 'Pia', status: 'offline', client: 'pc' },
      ],
    })
    const w = mountWith(h, MemberPanel, { props: { conversation: { kind: 'discussion', key: 'd:9' } } })
    await flushPromises()
    expect(h.api.argsOf('discussion.members')).toEqual([{ key: 'd:9', refresh: false }])
    expect(w.get('[data-testid="member-row"][data-uin="7"]').attributes('data-role')).toBe('owner')
  })
})
