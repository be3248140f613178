import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import { STATUS_NAMES } from '../../smartqq/status'
import type { ChannelStore } from './channels'
import { IdMap } from './ids'
import type { LoginSession, LoginStore } from './logins'
import { snapshotFault, worldSnapshot, type WorldSnapshot } from './world-snapshot'

/**
 * The emulator's issued sessions kept in a file (node:sqlite), so an embedded emulator that
 * restarts with the app honours the cookies and psessionid a client saved, exactly as a
 * long-running server would (issue 12): every ptlogin login (its tokens, its per-login ids)
 * and every live channel (psessionid, clientid, slot, expiry). The session lifetime still
 * applies: a channel past its expiry ends on first use, as before.
 *
 * The world is kept too (state/world-snapshot.ts): accounts made through the control API and
 * every change of the social graph, so the contacts after a restored login are the ones the
 * client last saw.
 *
 * A live channel's poll items not yet delivered are kept with it and go out at its next poll:
 * what the real service did with them across its own restarts is not recorded [U]; a server
 * that kept running would have delivered them. An item already handed to a poll whose answer
 * the stop cut off is gone.
 *
 * Not kept (a restart forgets them): QR codes and check_sig tickets in flight, password-login
 * challenges, pictures and files offered, avatars set through the control API, faults.
 */

// Built on first use (z.lazy): a first start has no sessions to read back.
const ids = z.lazy(() =>
  z.object({
    uins: z.array(z.tuple([z.string(), z.string()])),
    gids: z.array(z.tuple([z.string(), z.string()])),
    codes: z.array(z.tuple([z.string(), z.string()])),
  }),
)
const login = z.lazy(() =>
  z.object({
    qq: z.string(),
    ptwebqq: z.string(),
    superkey: z.string(),
    supertoken: z.string(),
    skey: z.string().optional(),
    pSkey: z.string().optional(),
    pt4Token: z.string().optional(),
    vfwebqq: z.string(),
    ids,
    createdAt: z.number(),
    /** Missing in files saved before the ptlogin lifetime existed: the lifetime counts from createdAt. */
    ptloginExpiresAt: z.number().optional(),
    endedAt: z.number().optional(),
    ptloginEndedAt: z.number().optional(),
  }),
)
const channel = z.lazy(() =>
  z.object({
    login: z.number().int().nonnegative(),
    psessionid: z.string(),
    login2Vfwebqq: z.string(),
    clientid: z.string(),
    status: z.enum(STATUS_NAMES),
    createdAt: z.number(),
    expiresAt: z.number(),
    index: z.number(),
    port: z.number(),
    cip: z.number(),
    attached: z.boolean(),
    /** Poll items not yet delivered; missing in files saved before they were kept. */
    mailbox: z
      .object({
        items: z.array(z.object({ poll_type: z.string(), value: z.record(z.string(), z.unknown()) })),
        nextMsgId: z.number().int().nonnegative(),
      })
      .optional(),
  }),
)
const saved = z.lazy(() =>
  z.object({ v: z.literal(1), logins: z.array(login), channels: z.array(channel) }),
)
type Saved = z.infer<typeof saved>

/** What the file says about the world: a usable snapshot, or why it cannot be used. */
export type SavedWorld = { snapshot: WorldSnapshot } | { unusable: string }

export class SessionFile {
  private readonly db: DatabaseSync
  /** The world as last written, so an unchanged world is not written again every second. */
  private lastWorld: string | undefined
  /** The same for the sessions: an idle emulator wrote (and synced) them every second. */
  private lastSessions: string | undefined

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    this.db = new DatabaseSync(path)
    this.db.exec('CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  }

  /** Puts what the file holds back into the stores; a missing, damaged or foreign file restores nothing. */
  restore(logins: LoginStore, channels: ChannelStore, now: number, ptloginTtlMs: number): void {
    const value = this.read('sessions')
    let parsed: Saved | undefined
    try {
      parsed = value === undefined ? undefined : saved.parse(JSON.parse(value))
    } catch {
      parsed = undefined
    }
    if (!parsed) return
    const back: LoginSession[] = parsed.logins.map(({ ids: entries, ptloginExpiresAt, ...l }) => ({
      ...l,
      ptloginExpiresAt: ptloginExpiresAt ?? l.createdAt + ptloginTtlMs,
      ids: IdMap.from(l.qq, entries),
    }))
    for (const l of back) logins.adopt(l)
    for (const { login: at, mailbox, ...c } of parsed.channels) {
      const owner = back[at]
      if (!owner || owner.endedAt !== undefined) continue
      const expiresAt = Math.min(c.expiresAt, owner.ptloginExpiresAt)
      if (expiresAt > now) channels.adopt({ ...c, expiresAt, login: owner }, mailbox)
    }
  }

  /** The saved world for an emulator whose generator inputs are `made`; undefined when the file holds none. */
  loadWorld(made: string): SavedWorld | undefined {
    const value = this.read('world')
    if (value === undefined) return undefined
    let snapshot: WorldSnapshot
    try {
      snapshot = worldSnapshot.parse(JSON.parse(value))
    } catch {
      return { unusable: 'it is damaged or from another version' }
    }
    if (snapshot.made !== made) return { unusable: 'it grew from another seed or other accounts' }
    const fault = snapshotFault(snapshot)
    if (fault) return { unusable: `it does not hang together (${fault})` }
    this.lastWorld = value
    return { snapshot }
  }

  saveWorld(snapshot: WorldSnapshot): void {
    const value = JSON.stringify(snapshot)
    if (value === this.lastWorld) return
    this.write('world', value)
    this.lastWorld = value
  }

  save(logins: LoginStore, channels: ChannelStore): void {
    const all = logins.all()
    const out: Saved = {
      v: 1,
      logins: all.map(({ ids: map, ...l }) => ({ ...l, ids: map.entries() })),
      channels: channels
        .allLive()
        .filter((c) => all.includes(c.login))
        .map((c) => ({
          login: all.indexOf(c.login),
          psessionid: c.psessionid,
          login2Vfwebqq: c.login2Vfwebqq,
          clientid: c.clientid,
          status: c.status,
          createdAt: c.createdAt,
          expiresAt: c.expiresAt,
          index: c.index,
          port: c.port,
          cip: c.cip,
          attached: c.attached,
          mailbox: c.mailbox.saved(),
        })),
    }
    const value = JSON.stringify(out)
    if (value === this.lastSessions) return
    this.write('sessions', value)
    this.lastSessions = value
  }

  private read(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM state WHERE key = ?').get(key) as { value: unknown } | undefined
    return typeof row?.value === 'string' ? row.value : undefined
  }

  private write(key: string, value: string): void {
    this.db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value)
  }

  close(): void {
    this.db.close()
  }
}
