import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import type { ChatMessage, ConversationRef, Notice } from '../../electron/model'
import { eventually, nextMessage } from '../support/client'
import { useClients } from '../support/use-clients'
import { useEmulator } from '../support/use-emulator'

/**
 * System lines (issue 11): a window shake, a tip and a group's membership changes (§6.2
 * shake_message, tips, sys_g_msg) are stored as messages with one `notice` segment, direction
 * 'in', no sender, status 'received'; a shake counts as unread, the others do not. Against the
 * real emulator over HTTP.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ seed: 3, pollHoldMs: 300, chatter: false })
const world = await phone.contacts()
const { online } = useClients(emu, phone)

const friend = world.friends.find((f: any) => !f.bot)
const group = world.groups.find((g: any) => g.name === '吃瓜群')
const members = group.members.filter((m: any) => m.qq !== ME && m.qq !== group.owner).map((m: any) => m.qq as string)

const noticeOf = (m: ChatMessage): Notice | undefined => (m.segments[0]?.type === 'notice' ? m.segments[0].notice : undefined)
const isNotice = (kind: Notice['kind']) => (m: ChatMessage) => noticeOf(m)?.kind === kind
const unreadOf = (c: QQClient, ref: ConversationRef) => c.online().conversations.list().find((s) => s.ref.kind === ref.kind && s.ref.key === ref.key)?.unread

async function groupRef(c: QQClient): Promise<ConversationRef> {
  const g = c.online().contacts.snapshot.groups.find((x) => x.name === '吃瓜群')!
  return { kind: 'group', key: g.key }
}
/** How the group's member list names a member now. */
async function memberName(c: QQClient, qq: string): Promise<string> {
  const uin = emu.core.channels.live(ME)!.login.ids.uin(qq)
  const details = await c.online().contacts.groupDetails((await groupRef(c)).key, { refresh: true })
  return details.members.find((m) => m.uin === uin)!.displayName
}

describe('a window shake', () => {
  it('is a stored system line in the friend’s conversation that counts as unread', async () => {
    const c = await online()
    const shaken = nextMessage(c, isNotice('shake'))
    await phone.post('/control/events', { type: 'shake_message', from: friend.qq })
    const m = await shaken
    expect(m).toMatchObject({ direction: 'in', status: 'received', conversation: { kind: 'friend' }, segments: [{ type: 'notice', notice: { kind: 'shake' } }] })
    expect(m.sender).toBeUndefined()
    const f = c.online().contacts.snapshot.friends.find((x) => x.key === m.conversation.key)!
    expect(world.friends.find((x: any) => x.qq === friend.qq).nick).toBe(f.nick)
    expect(c.online().conversations.page(m.conversation, undefined, 10).map((x) => x.id)).toContain(m.id)
    await eventually(() => unreadOf(c, m.conversation) === 1 || undefined, 3000, 'the shake counted as unread')
    // A second shake is a second line (each item has its own msg_id).
    const again = nextMessage(c, isNotice('shake'))
    await phone.post('/control/events', { type: 'shake_message', from: friend.qq })
    expect((await again).id).not.toBe(m.id)
    await eventually(() => unreadOf(c, m.conversation) === 2 || undefined, 3000, 'two unread')
  })
})

describe('a tip', () => {
  it('is a system line with its text in the system’s conversation (from_uin 10000), not unread', async () => {
    const c = await online()
    const tipped = nextMessage(c, isNotice('tips'))
    await phone.post('/control/events', { type: 'tips', text: '你的帐号 &lt;已&gt; 开启设备锁' })
    const m = await tipped
    expect(noticeOf(m)).toEqual({ kind: 'tips', text: '你的帐号 <已> 开启设备锁' })
    expect(m.conversation).toEqual({ kind: 'friend', key: 'f:u:10000' })
    // Its words are in the search index like a message's.
    expect(c.online().conversations.search('设备锁', undefined, 5).map((h) => h.messageId)).toEqual([m.id])
    await eventually(() => (unreadOf(c, m.conversation) === 0 ? true : undefined), 3000, 'the tip listed, not unread')
    // Listed under the name the official client gave that conversation, not the number 10000.
    expect(c.online().conversations.list().find((s) => s.ref.key === 'f:u:10000')?.title).toBe('系统消息')
  })
})

describe('group system messages', () => {
  it('a member who joined, let in by someone, is named as the group names them; not unread', async () => {
    const c = await online()
    const ref = await groupRef(c)
    const inviter = members[0]!
    const joined = nextMessage(c, isNotice('member-joined'))
    const res = await phone.post('/control/contacts/group/member', { number: group.number, nick: '新同学', action: 'join', by: inviter })
    const m = await joined
    expect(m.conversation).toEqual(ref)
    expect(noticeOf(m)).toEqual({ kind: 'member-joined', member: '新同学', by: await memberName(c, inviter) })
    expect(m.sender).toBeUndefined()
    // The member list was loaded again: the newcomer is in it.
    const uin = emu.core.channels.live(ME)!.login.ids.uin(res.body.qq)
    expect((await c.online().contacts.groupDetails(ref.key)).members.some((x) => x.uin === uin)).toBe(true)
    expect(unreadOf(c, ref)).toBe(0)
  })

  it('a member who left and one removed by an admin, with the admin’s name', async () => {
    const c = await online()
    const ref = await groupRef(c)
    const [leaver, removed, admin] = [members[1]!, members[2]!, members[3]!]
    // Names as the group showed them before they went.
    const leaverName = await memberName(c, leaver)
    const removedName = await memberName(c, removed)
    const adminName = await memberName(c, admin)
    const left = nextMessage(c, isNotice('member-left'))
    await phone.post('/control/contacts/group/member', { number: group.number, qq: leaver, action: 'leave' })
    expect(noticeOf(await left)).toEqual({ kind: 'member-left', member: leaverName })
    const kicked = nextMessage(c, isNotice('member-removed'))
    await phone.post('/control/contacts/group/member', { number: group.number, qq: removed, action: 'kick', by: admin })
    const k = await kicked
    expect(noticeOf(k)).toEqual({ kind: 'member-removed', member: removedName, by: adminName })
    expect(unreadOf(c, ref)).toBe(0)
    expect(c.online().conversations.page(ref, undefined, 10).map(noticeOf).map((n) => n?.kind)).toEqual(['member-left', 'member-removed'])
  })

  it('an admin set and unset, and the member list shows the new role', async () => {
    const c = await online()
    const ref = await groupRef(c)
    const who = members[4]!
    const name = await memberName(c, who)
    const set = nextMessage(c, isNotice('admin-changed'))
    await phone.post('/control/contacts/group/member', { number: group.number, qq: who, action: 'admin' })
    expect(noticeOf(await set)).toEqual({ kind: 'admin-changed', member: name, admin: true })
    const uin = emu.core.channels.live(ME)!.login.ids.uin(who)
    await eventually(async () => ((await c.online().contacts.groupDetails(ref.key)).members.find((m) => m.uin === uin)?.role === 'admin' ? true : undefined), 3000, 'the admin role')
    const unset = nextMessage(c, isNotice('admin-changed'))
    await phone.post('/control/contacts/group/member', { number: group.number, qq: who, action: 'unadmin' })
    expect(noticeOf(await unset)).toEqual({ kind: 'admin-changed', member: name, admin: false })
  })
})

describe('names of who left', () => {
  it('names a member who left right after another change, though the list reloaded meanwhile no longer holds them', async () => {
    const c = await online()
    const friends = new Set(world.friends.map((f: any) => f.qq))
    // A group with a member who is not a friend (only the group's lists can name them) and another to change.
    const now = await phone.contacts()
    const room = now.groups.find((g: any) => g.members.some((m: any) => m.qq === ME) && g.members.filter((m: any) => m.qq !== ME && m.qq !== g.owner).length >= 2 && g.members.some((m: any) => !friends.has(m.qq) && m.qq !== ME && m.qq !== g.owner))
    expect(room, 'a group with a member who is not a friend').toBeDefined()
    const stranger = room.members.find((m: any) => !friends.has(m.qq) && m.qq !== ME && m.qq !== room.owner).qq
    const other = room.members.find((m: any) => m.qq !== stranger && m.qq !== ME && m.qq !== room.owner).qq
    const key = c.online().contacts.groupByGid(emu.core.channels.live(ME)!.login.ids.gid(room.number))!.key
    const uin = emu.core.channels.live(ME)!.login.ids.uin(stranger)
    const name = (await c.online().contacts.groupDetails(key)).members.find((m) => m.uin === uin)!.displayName
    const changed = nextMessage(c, isNotice('admin-changed'))
    await phone.post('/control/contacts/group/member', { number: room.number, qq: other, action: 'admin' })
    await changed
    const left = nextMessage(c, isNotice('member-left'))
    await phone.post('/control/contacts/group/member', { number: room.number, qq: stranger, action: 'leave' })
    expect(noticeOf(await left)).toEqual({ kind: 'member-left', member: name })
    expect(name).not.toBe(uin)
  })
})

describe('hostile system items', () => {
  it('a malformed shake or sys_g_msg costs only itself: the message in the same poll answer is stored, and the engine keeps polling', async () => {
    const c = await online()
    const ids = emu.core.channels.live(ME)!.login.ids
    const friendUin = Number(ids.uin(friend.qq))
    const gid = Number(ids.gid(group.number))
    const now = Math.floor(Date.now() / 1000)
    const arrived = nextMessage(c, (m) => m.segments[0]?.type === 'text' && m.segments[0].text === '坏东西之后的消息')
    const res = await phone.post('/control/events/raw', {
      items: [
        { poll_type: 'shake_message', value: { from_uin: 'not a uin', msg_id: 1 } },
        { poll_type: 'shake_message', value: { from_uin: { nested: true } } },
        { poll_type: 'sys_g_msg', value: { from_uin: gid, type: 'group_join', new_member: [], admin_uin: 'x', msg_id: 2, time: now } },
        { poll_type: 'sys_g_msg', value: { from_uin: gid, type: 'group_leave', op_type: '3', msg_id: 3, time: now } },
        { poll_type: 'sys_g_msg', value: { from_uin: gid, type: 'group_admin_op', uin: 1e308, uin_flag: 'yes', msg_id: 4, time: now } },
        { poll_type: 'sys_g_msg', value: { type: 42 } },
        { poll_type: 'tips', value: { text: { not: 'text' }, msg_id: 5 } },
        { poll_type: 'message', value: { msg_id: 6, from_uin: friendUin, to_uin: Number(ME), msg_type: 0, time: now, content: [['font', {}], '坏东西之后的消息'] } },
      ],
    })
    expect(res.status).toBe(200)
    const m = await arrived
    expect(m.conversation.kind).toBe('friend')
    // Nothing of the garbage became a line in the group.
    expect(c.online().conversations.page(await groupRef(c), undefined, 10)).toEqual([])
    // And the loop is still reading.
    const after = nextMessage(c, isNotice('shake'))
    await phone.post('/control/events', { type: 'shake_message', from: friend.qq })
    await after
    expect(c.session.kind).toBe('online')
  })
})
