import type { EmulatorCore } from './core'
import type { ChannelSession } from './state/channels'
import type { PollItem } from './state/mailbox'
import type { Group } from './state/world'

/**
 * Turns world events into poll items (§6.2) in every affected live session, each rendered with
 * that session's own per-login ids.
 */
export class Notifier {
  constructor(private readonly emu: EmulatorCore) {}

  private get world() {
    return this.emu.world
  }

  private now(): number {
    return Math.floor(this.emu.now() / 1000)
  }

  /** Live sessions of every account that has `qq` as a friend. */
  private friendsSessions(qq: string): ChannelSession[] {
    return this.emu.channels.allLive().filter((c) => this.world.friendOf(c.login.qq, qq))
  }

  private membersSessions(group: Group): ChannelSession[] {
    const members = new Set(group.members.map((m) => m.qq))
    return this.emu.channels.allLive().filter((c) => members.has(c.login.qq))
  }

  push(channel: ChannelSession, item: PollItem): void {
    channel.mailbox.push(item)
  }

  /** A friend changed presence (§6.2 buddies_status_change: no msg_id, no time). */
  presence(qq: string): void {
    const p = this.world.person(qq)
    if (!p) return
    for (const c of this.friendsSessions(qq)) {
      this.push(c, {
        poll_type: 'buddies_status_change',
        value: { uin: Number(c.login.ids.uin(qq)), status: p.status === 'hidden' ? 'offline' : p.status, client_type: p.clientType },
      })
    }
  }

  /** The owner's friend list changed. */
  buddylistChange(owner: string, added: Array<{ qq: string; category: number }>, removed: string[]): void {
    const c = this.emu.channels.live(owner)
    if (!c) return
    this.push(c, {
      poll_type: 'buddylist_change',
      value: {
        added_friends: added.map((a) => ({ uin: Number(c.login.ids.uin(a.qq)), groupid: a.category })),
        removed_friends: removed.map((qq) => ({ uin: Number(c.login.ids.uin(qq)) })),
      },
    })
  }

  /** Someone asks to become the owner's friend (§5.14, system_message verify_required). */
  friendRequest(owner: string, from: string, msg: string): void {
    const c = this.emu.channels.live(owner)
    const p = this.world.person(from)
    if (!c || !p) return
    this.push(c, {
      poll_type: 'system_message',
      value: {
        seq: c.mailbox.nextMsgId(),
        type: 'verify_required',
        uiuin: '',
        from_uin: Number(c.login.ids.uin(from)),
        account: Number(from),
        msg,
        allow: 1,
        stat: p.status === 'offline' ? 20 : 10,
        client_type: p.clientType,
      },
    })
  }

  /** A member joined or left a group (§6.2 sys_g_msg). */
  groupMembership(group: Group, who: string, change: 'join' | 'leave' | 'kicked', admin: string): void {
    const adminNick = this.world.person(admin)?.nick ?? ''
    const targets = this.membersSessions(group)
    // The one who left no longer counts as a member but is told too.
    const leaver = change !== 'join' ? this.emu.channels.live(who) : undefined
    if (leaver && !targets.includes(leaver)) targets.push(leaver)
    for (const c of targets) {
      const ids = c.login.ids
      const common = {
        msg_id: c.mailbox.nextMsgId(),
        from_uin: Number(ids.gid(group.number)),
        to_uin: Number(c.login.qq),
        msg_type: change === 'join' ? 33 : 34,
        reply_ip: 0,
        gcode: Number(ids.code(group.number)),
        t_gcode: Number(group.number),
        admin_uin: Number(ids.uin(admin)),
        admin_nick: adminNick,
        time: this.now(),
      }
      const value =
        change === 'join'
          ? { ...common, type: 'group_join', op_type: 3, new_member: Number(ids.uin(who)), t_new_member: '' }
          : {
              ...common,
              type: 'group_leave',
              op_type: change === 'leave' ? 2 : 3,
              old_member: Number(ids.uin(who)),
              t_old_member: '',
              t_admin_uin: '',
            }
      this.push(c, { poll_type: 'sys_g_msg', value })
    }
  }

  /** Another login pushed this session off (§8.4): the exact reason text. */
  kick(channel: ChannelSession): void {
    this.push(channel, {
      poll_type: 'kick_message',
      value: {
        msg_id: channel.mailbox.nextMsgId(),
        from_uin: 10000,
        to_uin: Number(channel.login.qq),
        msg_id2: Math.floor(Math.random() * 1e6),
        msg_type: 48,
        reply_ip: 0,
        show_reason: 1,
        reason: '您的帐号在另一地点登录，您已被迫下线。如有疑问，请登录 safe.qq.com 了解更多。',
      },
    })
  }
}
