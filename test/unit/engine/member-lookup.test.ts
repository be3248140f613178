import { describe, expect, it } from 'vitest'
import { memberByUin } from '../../../electron/engine/messages/member-lookup'
import type { GroupDetails, GroupMember } from '../../../electron/model'

const member = (uin: string, displayName: string): GroupMember => ({ uin, nick: displayName, displayName, status: 'offline', client: 'pc', role: 'member', vipLevel: 0, gender: 'unknown' })
const details = (members: GroupMember[]): GroupDetails => ({ key: 'g:n:大群', memo: '', level: 0, createTime: 0, members })

describe('a member by uin', () => {
  it('finds each of 2,000 members, and nobody who is not in the list', () => {
    const big = details(Array.from({ length: 2_000 }, (_, i) => member(String(10_000 + i), `成员${i}`)))
    expect(memberByUin(big, '10000')?.displayName).toBe('成员0')
    expect(memberByUin(big, '11999')?.displayName).toBe('成员1999')
    expect(memberByUin(big, '12000')).toBeUndefined()
  })

  it('reads a reloaded list afresh: a member renamed or gone since shows as the new list says', () => {
    const before = details([member('1', '旧名片'), member('2', '要走的人')])
    expect(memberByUin(before, '1')?.displayName).toBe('旧名片')
    const after = details([member('1', '新名片')])
    expect(memberByUin(after, '1')?.displayName).toBe('新名片')
    expect(memberByUin(after, '2')).toBeUndefined()
    expect(memberByUin(before, '2')?.displayName).toBe('要走的人')
  })
})
