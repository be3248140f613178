import { randomInt } from 'node:crypto'
import type { EmulatorCore } from './core'
import type { CancelType, FileOffer } from './media/files'
import type { ChannelSession } from './state/channels'
import type { PollItem } from './state/mailbox'
import type { Group } from './state/world'
import { plainText, receivedContent, type MessageContent, type Segment } from './web2/content'

/** Where a message goes, in stable world terms (QQ numbers, group numbers, discussion ids). */
export type Conversation =
  | { kind: 'friend'; to: string }
  | { kind: 'group'; group: string }
  | { kind: 'discussion'; did: string }
  /** A temporary session with a fellow member of a group (service type 0) or discussion (1), §6.7. */
  | { kind: 'session'; to: string; serviceType: 0 | 1; via: string }

export interface ChatMessage {
  /** The sender's QQ number. */
  from: string
  conv: Conversation
  content: MessageContent
  /** The sending client's msg_id (web sends only). */
  msgId?: number
}

/** A message an account sent, as its contacts' phones saw it (the control API's log). */
export interface SentRecord {
  id: number
  /** Epoch milliseconds. */
  time: number
  kind: Conversation['kind']
  /** QQ number, group number or discussion id. */
  to: string
  text: string
  segments: Segment[]
  msgId: number | null
}

/** How many sent messages the log keeps per account. */
const SENT_LOG_SIZE = 500

/** WebQQ-era msg_type per poll type (§6.5); SmartQQ sent 0. */
const LEGACY_MSG_TYPE: Record<Conversation['kind'], number> = { friend: 9, group: 43, discussion: 42, session: 140 }
const POLL_TYPE: Record<Conversation['kind'], string> = { friend: 'message', group: 'group_message', discussion: 'discu_message', session: 'sess_message' }

/**
 * Turns world events into poll items (§6.2) in every affected live session, each rendered with
 * that session's own per-login ids.
 */
export class Notifier {
  private readonly messageListeners = new Set<(m: ChatMessage) => void>()
  private readonly sentLogs = new Map<string, SentRecord[]>()
  private nextSentId = 1

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

  /**
   * A member was made an admin or no longer is. Not in §6.2's list; the shape is a captured
   * WebQQ item (`type: group_admin_op`, msg_type 44, `op_type` 1 set / 0 unset, `uin` the
   * member's uin, `t_uin` their number, `uin_flag` the new admin bit).
   */
  groupAdmin(group: Group, who: string, admin: boolean): void {
    for (const c of this.membersSessions(group)) {
      const ids = c.login.ids
      this.push(c, {
        poll_type: 'sys_g_msg',
        value: {
          msg_id: c.mailbox.nextMsgId(),
          from_uin: Number(ids.gid(group.number)),
          to_uin: Number(c.login.qq),
          msg_id2: randomInt(100000, 1000000),
          msg_type: 44,
          reply_ip: randomInt(0x01000000, 0xdfffffff),
          type: 'group_admin_op',
          gcode: Number(ids.code(group.number)),
          t_gcode: Number(group.number),
          op_type: admin ? 1 : 0,
          uin: Number(ids.uin(who)),
          t_uin: Number(who),
          uin_flag: admin ? 1 : 0,
        },
      })
    }
  }

  /** Someone is told whenever a message is sent (the scripted contacts listen). */
  onMessage(listener: (m: ChatMessage) => void): () => void {
    this.messageListeners.add(listener)
    return () => this.messageListeners.delete(listener)
  }

  /**
   * A person sends a message: the one path for web sends, the phone and the scripted contacts.
   * Every recipient with a live session gets the poll item in its own ids; with `echo` (era ≥
   * 2017-05, §6.6) a group or discussion message also comes back to the sender's own session.
   * Returns how many sessions it reached.
   */
  message(m: ChatMessage, opts: { echo?: boolean } = {}): number {
    const recipients = this.recipients(m)
    if (opts.echo && (m.conv.kind === 'group' || m.conv.kind === 'discussion')) recipients.push(m.from)
    let reached = 0
    for (const qq of recipients) {
      const c = this.emu.channels.live(qq)
      if (!c) continue
      this.push(c, this.chatItem(c, m))
      reached++
    }
    if (this.emu.accounts.get(m.from)) this.record(m)
    for (const l of this.messageListeners) l(m)
    return reached
  }

  /** The latest messages an account sent, oldest first. */
  sent(owner: string, limit: number): SentRecord[] {
    return (this.sentLogs.get(owner) ?? []).slice(-limit)
  }

  /** A friend is typing (WebQQ, §6.2). */
  inputNotify(channel: ChannelSession, from: string): void {
    this.push(channel, { poll_type: 'input_notify', value: this.signal(channel, from, 121, 4294967295) })
  }

  /** A friend shakes the window (WebQQ, §6.2). */
  shake(channel: ChannelSession, from: string): void {
    this.push(channel, { poll_type: 'shake_message', value: this.signal(channel, from, 9, 0) })
  }

  /** A friend offers a file or a call (§7.3 `file_message`, mode `recv`; lcids are `ms mod 4096`, §7.5). */
  fileOffer(channel: ChannelSession, offer: FileOffer): void {
    this.push(channel, {
      poll_type: 'file_message',
      value: {
        ...this.signal(channel, offer.from, 9, 176498151),
        mode: 'recv',
        type: offer.type,
        name: offer.name,
        time: this.now(),
        session_id: offer.lcid,
        inet_ip: 0,
      },
    })
  }

  /**
   * The sender cancelled (§7.3 mode `refuse`). For cancel_type 1 (and 3) the session_id is the
   * lcid; for cancel_type 2 only its low 12 bits are — the quirk the official client worked around.
   */
  fileCancel(channel: ChannelSession, offer: FileOffer, cancelType: CancelType): void {
    this.push(channel, { poll_type: 'file_message', value: this.fileItem(channel, offer.from, offer, 'refuse', cancelType === 2, { cancel_type: cancelType }) })
  }

  /**
   * What an account that sent a file hears of the receiver (§7.3, §9 item 46): `send_ack` when
   * it accepted, `refuse` with cancel_type 2 when it refused; both with the quirky session_id.
   */
  fileAnswer(senderChannel: ChannelSession, receiver: string, offer: FileOffer, mode: 'send_ack' | 'refuse'): void {
    const extra = mode === 'refuse' ? { cancel_type: 2 } : {}
    this.push(senderChannel, { poll_type: 'file_message', value: this.fileItem(senderChannel, receiver, offer, mode, true, extra) })
  }

  /** Transfer progress (§6.2 filesrv_transfer; operation 2 = the account receives): 0 done, 50 error, 51 peer timeout, 53 refused. */
  fileTransfer(channel: ChannelSession, offer: FileOffer, status: 0 | 50 | 51 | 53): void {
    this.push(channel, {
      poll_type: 'filesrv_transfer',
      value: {
        file_count: 1,
        file_infos: [{ file_name: offer.name, file_status: status, pro_id: randomInt(1000, 100000) }],
        from_uin: Number(channel.login.ids.uin(offer.from)),
        to_uin: Number(channel.login.qq),
        lc_id: offer.lcid,
        now: this.now(),
        operation: 2,
        type: 0,
      },
    })
  }

  private fileItem(c: ChannelSession, from: string, offer: FileOffer, mode: string, quirk: boolean, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      msg_id: c.mailbox.nextMsgId(),
      mode,
      from_uin: Number(c.login.ids.uin(from)),
      to_uin: Number(c.login.qq),
      msg_type: 9,
      type: offer.type,
      // Some number above 4095 whose low 12 bits are the lcid.
      session_id: quirk ? randomInt(1, 1 << 19) * 4096 + offer.lcid : offer.lcid,
      ...extra,
      time: this.now(),
    }
  }

  /** A system tip; its payload was never documented and clients ignored it (§6.2). */
  tips(channel: ChannelSession, text: string): void {
    this.push(channel, {
      poll_type: 'tips',
      value: { msg_id: channel.mailbox.nextMsgId(), from_uin: 10000, to_uin: Number(channel.login.qq), time: this.now(), text },
    })
  }

  private signal(c: ChannelSession, from: string, msgType: number, replyIp: number): Record<string, unknown> {
    return {
      msg_id: c.mailbox.nextMsgId(),
      from_uin: Number(c.login.ids.uin(from)),
      to_uin: Number(c.login.qq),
      msg_id2: randomInt(100000, 1000000),
      msg_type: msgType,
      reply_ip: replyIp,
    }
  }

  /** Who receives a message besides its sender. Groups the recipient blocked (mask 2) stay silent (§6.2). */
  private recipients(m: ChatMessage): string[] {
    const conv = m.conv
    switch (conv.kind) {
      case 'friend':
      case 'session':
        return [conv.to]
      case 'group': {
        const group = this.world.groups.get(conv.group)
        const members = group?.members.map((x) => x.qq) ?? []
        return members.filter((qq) => qq !== m.from && this.world.graph(qq).groupMasks.get(conv.group) !== 2)
      }
      case 'discussion':
        return (this.world.discussions.get(conv.did)?.members ?? []).filter((qq) => qq !== m.from)
    }
  }

  /** A received message in the recipient's ids (§6.1 captures, §9 items 29–30). */
  private chatItem(c: ChannelSession, m: ChatMessage): PollItem {
    const ids = c.login.ids
    const legacy = this.emu.config.eraRules.legacyPollFields
    const conv = m.conv
    const sender = Number(ids.uin(m.from))
    const head = { msg_id: c.mailbox.nextMsgId(), ...(legacy && { msg_id2: randomInt(100000, 1000000) }) }
    const tail = {
      to_uin: Number(c.login.qq),
      msg_type: legacy ? LEGACY_MSG_TYPE[conv.kind] : 0,
      ...(legacy && { reply_ip: randomInt(0x01000000, 0xdfffffff) }),
      time: this.now(),
    }
    const content = receivedContent(m.content)
    let value: Record<string, unknown>
    switch (conv.kind) {
      case 'friend':
        value = { ...head, from_uin: sender, ...tail, content }
        break
      case 'group': {
        // SmartQQ put the gid in group_code too (the "fake group code", §2.4).
        const gid = Number(ids.gid(conv.group))
        value = { ...head, from_uin: gid, group_code: gid, send_uin: sender, ...tail, content }
        break
      }
      case 'discussion':
        value = { ...head, from_uin: Number(conv.did), did: Number(conv.did), send_uin: sender, ...tail, content }
        break
      case 'session':
        value = {
          ...head,
          from_uin: sender,
          ...tail,
          id: Number(conv.serviceType === 0 ? ids.gid(conv.via) : conv.via),
          ruin: Number(m.from),
          service_type: conv.serviceType,
          flags: { text: 1, pic: 1, file: 1, audio: 1, video: 1 },
          content,
        }
        break
    }
    return { poll_type: POLL_TYPE[conv.kind], value }
  }

  private record(m: ChatMessage): void {
    const conv = m.conv
    const log = this.sentLogs.get(m.from) ?? []
    this.sentLogs.set(m.from, log)
    log.push({
      id: this.nextSentId++,
      time: this.emu.now(),
      kind: conv.kind,
      to: conv.kind === 'group' ? conv.group : conv.kind === 'discussion' ? conv.did : conv.to,
      text: plainText(m.content.segments),
      segments: m.content.segments,
      msgId: m.msgId ?? null,
    })
    if (log.length > SENT_LOG_SIZE) log.splice(0, log.length - SENT_LOG_SIZE)
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
