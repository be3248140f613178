import { randomInt } from 'node:crypto'
import type { StatusName } from '../../smartqq/status'
import type { LoginSession } from './logins'
import { Mailbox, type SavedMailbox } from './mailbox'
import { newPsessionid } from './tokens'

export type ChannelEnd = 'kicked' | 'expired' | 'logout'

/** A channel session created by login2 (§3.7): what psessionid stands for. */
export interface ChannelSession {
  psessionid: string
  /** The vfwebqq login2 returns; strict mode rejects it on later calls (§9 item 17). */
  login2Vfwebqq: string
  clientid: string
  status: StatusName
  login: LoginSession
  createdAt: number
  expiresAt: number
  /** Connection-server slot, echoed in file URLs (§7.3). */
  index: number
  port: number
  cip: number
  /** Strict mode: poll2 / send / get_discu_info answer 103 until get_online_buddies2 (§8.3). */
  attached: boolean
  /** Poll items waiting for this session, and its held poll. */
  mailbox: Mailbox
  ended?: { reason: ChannelEnd; at: number }
}

export class ChannelStore {
  private readonly byPsessionid = new Map<string, ChannelSession>()
  private readonly liveByQq = new Map<string, ChannelSession>()

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: () => number,
    /** Called when a lookup finds a channel past its TTL (the owner ends it and its login). */
    private readonly onExpired: (c: ChannelSession) => void,
  ) {}

  /**
   * A new channel for the login. Returns the account's previous live channel too, which the
   * caller must kick (§8.4: a second SmartQQ login pushes the first one off).
   */
  create(login: LoginSession, clientid: string, status: StatusName): { channel: ChannelSession; replaced?: ChannelSession } {
    const { psessionid, login2Vfwebqq } = newPsessionid(login.qq, login.skey ?? '@000000000')
    const now = this.now()
    const channel: ChannelSession = {
      psessionid,
      login2Vfwebqq,
      clientid,
      status,
      login,
      createdAt: now,
      // A channel does not outlive the ptlogin session it came from (§8.1).
      expiresAt: Math.min(now + this.ttlMs(), login.ptloginExpiresAt),
      index: randomInt(1000, 1200),
      port: randomInt(40000, 50000),
      cip: randomInt(0x01000000, 0xdfffffff),
      attached: false,
      mailbox: new Mailbox(randomInt(1000, 60000)),
    }
    const previous = this.live(login.qq)
    this.byPsessionid.set(psessionid, channel)
    this.liveByQq.set(login.qq, channel)
    return previous ? { channel, replaced: previous } : { channel }
  }

  /** Relink (§8.2): the same channel under a fresh psessionid. */
  relink(channel: ChannelSession): ChannelSession {
    this.byPsessionid.delete(channel.psessionid)
    const { psessionid, login2Vfwebqq } = newPsessionid(channel.login.qq, channel.login.skey ?? '@000000000')
    channel.psessionid = psessionid
    channel.login2Vfwebqq = login2Vfwebqq
    this.byPsessionid.set(psessionid, channel)
    return channel
  }

  /** The channel a psessionid names, dead or alive (expiry is applied on the way). */
  find(psessionid: string | undefined): ChannelSession | undefined {
    const c = psessionid ? this.byPsessionid.get(psessionid) : undefined
    if (c && !c.ended && this.now() >= c.expiresAt) this.onExpired(c)
    return c
  }

  live(qq: string): ChannelSession | undefined {
    const c = this.liveByQq.get(qq)
    if (c && !c.ended && this.now() >= c.expiresAt) this.onExpired(c)
    return c && !c.ended ? c : undefined
  }

  allLive(): ChannelSession[] {
    return [...this.liveByQq.values()].filter((c) => !c.ended && this.now() < c.expiresAt)
  }

  /** Takes a saved live channel back (after a restart), with the items it had not delivered (an empty mailbox for files saved before they were kept). */
  adopt(saved: Omit<ChannelSession, 'mailbox' | 'ended'>, mailbox?: SavedMailbox): ChannelSession {
    const channel: ChannelSession = { ...saved, mailbox: mailbox ? Mailbox.from(mailbox) : new Mailbox(randomInt(1000, 60000)) }
    this.byPsessionid.set(channel.psessionid, channel)
    this.liveByQq.set(channel.login.qq, channel)
    return channel
  }

  end(channel: ChannelSession, reason: ChannelEnd): void {
    if (channel.ended) return
    channel.ended = { reason, at: this.now() }
    channel.mailbox.close()
    if (this.liveByQq.get(channel.login.qq) === channel) this.liveByQq.delete(channel.login.qq)
  }
}
