import { IdMap } from './ids'
import { newPtsigx, newPtwebqq, newSkey, newSuperkey, newSupertoken, newVfwebqq, newWeb2Token } from './tokens'

/**
 * A ptlogin-level login of one account: what the ptlogin2 / check_sig cookies stand for
 * (§3.4–3.6). A channel session (login2) hangs off it.
 */
export interface LoginSession {
  qq: string
  /** Current ptwebqq (qq.com cookie); poll2 retcode 116 rotates it (§3.10). */
  ptwebqq: string
  superkey: string
  supertoken: string
  /** Set by check_sig. */
  skey?: string
  pSkey?: string
  pt4Token?: string
  /** What getvfwebqq returns: stable for the login (§3.6). */
  vfwebqq: string
  /** The opaque uins / gids / codes this login's clients see (fresh at every login, §2.4). */
  ids: IdMap
  createdAt: number
  /**
   * When the ptlogin session ends by itself (§8.1: about two days; pt4_auth's renewals keep the
   * first login's end, as nothing a client did extended it): its cookies stop working then.
   */
  ptloginExpiresAt: number
  /** Set when the web login is over (kicked, expired, logged out): its web2 cookies stop working. */
  endedAt?: number
  /** Set when the ptlogin session is over too: pt4_auth no longer honours its supertoken. */
  ptloginEndedAt?: number
}

interface Ticket {
  login: LoginSession
  used: boolean
}

export class LoginStore {
  private readonly tickets = new Map<string, Ticket>()
  private readonly bySkey = new Map<string, LoginSession>()
  private readonly bySupertoken = new Map<string, LoginSession>()

  constructor(
    private readonly now: () => number,
    /** How long a ptlogin session lives (EmulatorSettings.ptloginTtlMs). */
    private readonly ttlMs: () => number,
  ) {}

  create(qq: string, inherit: Partial<Pick<LoginSession, 'ptwebqq' | 'superkey' | 'supertoken' | 'ptloginExpiresAt'>> = {}): LoginSession {
    const login: LoginSession = {
      qq,
      ptwebqq: inherit.ptwebqq ?? newPtwebqq(),
      superkey: inherit.superkey ?? newSuperkey(),
      supertoken: inherit.supertoken ?? newSupertoken(),
      vfwebqq: newVfwebqq(),
      ids: new IdMap(qq),
      createdAt: this.now(),
      ptloginExpiresAt: inherit.ptloginExpiresAt ?? this.now() + this.ttlMs(),
    }
    this.bySupertoken.set(login.supertoken, login)
    return login
  }

  /**
   * A new web login from the same ptlogin session (pt4_auth, §3.11): it keeps the ptlogin
   * cookies (superkey, supertoken) and ptwebqq, so the client's jar stays valid for the next one.
   */
  renew(old: LoginSession): LoginSession {
    const { ptwebqq, superkey, supertoken, ptloginExpiresAt } = old
    return this.create(old.qq, { ptwebqq, superkey, supertoken, ptloginExpiresAt })
  }

  /** A single-use check_sig ticket (the URL's ptsigx) for the login. */
  issueTicket(login: LoginSession): string {
    const ptsigx = newPtsigx()
    this.tickets.set(ptsigx, { login, used: false })
    return ptsigx
  }

  /** Redeems a ticket: mints the web2 cookies' values. Undefined if unknown or already used. */
  redeem(ptsigx: string): LoginSession | undefined {
    const t = this.tickets.get(ptsigx)
    if (!t || t.used || !this.webAlive(t.login)) return undefined
    t.used = true
    const login = t.login
    if (login.skey) this.bySkey.delete(login.skey)
    login.skey = newSkey()
    login.pSkey = newWeb2Token()
    login.pt4Token = newWeb2Token()
    this.bySkey.set(login.skey, login)
    return login
  }

  findBySkey(skey: string | undefined): LoginSession | undefined {
    const l = skey ? this.bySkey.get(skey) : undefined
    return l && this.webAlive(l) ? l : undefined
  }

  findBySupertoken(token: string | undefined): LoginSession | undefined {
    const l = token ? this.bySupertoken.get(token) : undefined
    return l && this.ptloginAlive(l) ? l : undefined
  }

  /** The ptlogin cookies still work: not ended, not past the lifetime (which ends it on the way). */
  private ptloginAlive(l: LoginSession): boolean {
    if (l.ptloginEndedAt === undefined && this.now() >= l.ptloginExpiresAt) this.end(l)
    return l.ptloginEndedAt === undefined
  }

  /** The web2 cookies still work: they die with the ptlogin session too. */
  private webAlive(l: LoginSession): boolean {
    return this.ptloginAlive(l) && l.endedAt === undefined
  }

  /** Every login a cookie or ticket can still name (persist.ts). */
  all(): LoginSession[] {
    return [...new Set([...this.bySupertoken.values(), ...this.bySkey.values()])]
  }

  /** Takes a saved login back (after a restart): its cookies name it again. */
  adopt(login: LoginSession): void {
    this.bySupertoken.set(login.supertoken, login)
    if (login.skey) this.bySkey.set(login.skey, login)
  }

  /** The web2 cookies stop working; the ptlogin session (pt4_auth) lives on. */
  endWeb(login: LoginSession): void {
    login.endedAt ??= this.now()
  }

  /** Both the web2 cookies and the ptlogin session stop working. */
  end(login: LoginSession): void {
    this.endWeb(login)
    login.ptloginEndedAt ??= this.now()
  }
}
