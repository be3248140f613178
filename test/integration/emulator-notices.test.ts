import { describe, expect, it } from 'vitest'
import { CGI } from '../../electron/smartqq/constants'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'
import { attach, getBytes, nextItem, queryString, type PollItem } from '../support/raw-session'

/**
 * The emulator's system items over raw HTTP, as the control API raises them (§6.2): group
 * membership and admin changes (sys_g_msg), tips, an @-mention as its own text element (§6.3),
 * and get_stranger_info2 for who asks to be a friend (§5.10).
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ seed: 3, pollHoldMs: 200, chatter: false, rateLimit: { enabled: false } })
const me = await loginWithPhone(emu.profile, phone)
await attach(emu, me)
const world = await phone.contacts()
const group = world.groups.find((g: any) => g.name === '吃瓜群')
const others = group.members.filter((m: any) => m.qq !== ME && m.qq !== group.owner)
const member = (at: number) => others[at].qq as string

async function sysItem(type: string): Promise<PollItem> {
  return nextItem(emu, me, 'sys_g_msg', (v) => v.type === type)
}

describe('group system messages (sys_g_msg)', () => {
  it('says who let a member in, and who removed one, in this login’s ids', async () => {
    const joined = await phone.post('/control/contacts/group/member', { number: group.number, nick: '新同学', action: 'join', by: member(0) })
    expect(joined.status).toBe(200)
    const join = await sysItem('group_join')
    expect(join.value).toMatchObject({
      from_uin: Number(group.gid),
      gcode: Number(group.code),
      t_gcode: Number(group.number),
      msg_type: 33,
      admin_uin: Number(uinOf(member(0))),
      new_member: Number(uinOf(joined.body.qq)),
    })
    const kicked = await phone.post('/control/contacts/group/member', { number: group.number, qq: joined.body.qq, action: 'kick', by: member(0) })
    expect(kicked.status).toBe(200)
    const kick = await sysItem('group_leave')
    expect(kick.value).toMatchObject({ op_type: 3, old_member: Number(uinOf(joined.body.qq)), admin_uin: Number(uinOf(member(0))), msg_type: 34 })
  })

  it('tells a member who left by themselves (op_type 2)', async () => {
    expect((await phone.post('/control/contacts/group/member', { number: group.number, qq: member(1), action: 'leave' })).status).toBe(200)
    const left = await sysItem('group_leave')
    expect(left.value).toMatchObject({ op_type: 2, old_member: Number(uinOf(member(1))) })
  })

  it('raises group_admin_op when an admin is set and unset, and the member list shows the admin bit', async () => {
    const who = member(2)
    expect((await phone.post('/control/contacts/group/member', { number: group.number, qq: who, action: 'admin' })).status).toBe(200)
    const set = await sysItem('group_admin_op')
    expect(set.value).toMatchObject({ from_uin: Number(group.gid), msg_type: 44, op_type: 1, uin: Number(uinOf(who)), t_uin: Number(who), uin_flag: 1, t_gcode: Number(group.number) })
    expect((await phone.contacts()).groups.find((g: any) => g.number === group.number).members.find((m: any) => m.qq === who).mflag & 1).toBe(1)
    expect((await phone.post('/control/contacts/group/member', { number: group.number, qq: who, action: 'unadmin' })).status).toBe(200)
    expect((await sysItem('group_admin_op')).value).toMatchObject({ op_type: 0, uin_flag: 0 })
  })

  it('refuses a `by` who is not a member, and an admin change of a non-member', async () => {
    expect((await phone.post('/control/contacts/group/member', { number: group.number, nick: 'x', action: 'join', by: '99999' })).status).toBe(409)
    expect((await phone.post('/control/contacts/group/member', { number: group.number, qq: '99999', action: 'admin' })).status).toBe(404)
  })
})

describe('tips and mentions', () => {
  it('sends a tip with the given text', async () => {
    expect((await phone.post('/control/events', { type: 'tips', text: '你的帐号开启了设备锁' })).status).toBe(200)
    const tip = await nextItem(emu, me, 'tips')
    expect(tip.value).toMatchObject({ from_uin: 10000, to_uin: Number(ME), text: '你的帐号开启了设备锁' })
  })

  it('puts a mention as its own text element, naming the member by card, else nick', async () => {
    const from = member(3)
    await phone.post('/control/contacts/card', { number: group.number, qq: ME, card: '小明@QA' })
    const sent = await phone.post('/control/messages/send', { kind: 'group', from, target: group.number, content: [{ mention: ME }, ' ', '开会了'] })
    expect(sent.status).toBe(200)
    const item = await nextItem(emu, me, 'group_message')
    expect(item.value.content.slice(1)).toEqual(['@小明@QA', ' ', '开会了'])
    await phone.post('/control/contacts/card', { number: group.number, qq: ME, card: '' })
    const nick = (await phone.get('/control/accounts')).find((a: any) => a.qq === ME).nick
    await phone.post('/control/messages/send', { kind: 'group', from, target: group.number, content: [{ mention: ME }, ' 在吗'] })
    expect((await nextItem(emu, me, 'group_message')).value.content[1]).toBe(`@${nick}`)
  })

  it('refuses a mention in a friend message', async () => {
    const friend = world.friends.find((f: any) => !f.bot)
    expect((await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: [{ mention: ME }] })).status).toBe(400)
  })
})

describe('get_stranger_info2 (§5.10)', () => {
  it('answers a requester’s profile by the uin its system_message carried, with token and client_type', async () => {
    const asked = await phone.post('/control/contacts/friend-request', { nick: '想加你', msg: '你好' })
    const request = await nextItem(emu, me, 'system_message')
    expect(request.value).toMatchObject({ type: 'verify_required', account: Number(asked.body.from) })
    const url = `http://s.web2.qq.com/api/get_stranger_info2?${queryString({ tuin: request.value.from_uin, verifysession: '', gid: 0, code: '', vfwebqq: me.cred.vfwebqq, t: Date.now() })}`
    const res = await getBytes(emu, url, { session: me, headers: { referer: CGI.s.referer } })
    const body = res.json()
    expect(body.retcode).toBe(0)
    expect(body.result).toMatchObject({ nick: '想加你', uin: request.value.from_uin, client_type: expect.any(Number), token: expect.stringMatching(/^[0-9a-f]{32}$/) })
    const unknown = await getBytes(emu, url.replace(`tuin=${request.value.from_uin}`, 'tuin=1'), { session: me, headers: { referer: CGI.s.referer } })
    expect(unknown.json().retcode).not.toBe(0)
  })
})

/** The uin this login knows a person by (§2.4). */
function uinOf(qq: string): string {
  return emu.core.channels.live(ME)!.login.ids.uin(qq)
}
