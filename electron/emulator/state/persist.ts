import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { z } from 'zod'
import { STATUS_NAMES } from '../../smartqq/status'
import type { ChannelStore } from './channels'
import { IdMap } from './ids'
import type { LoginSession, LoginStore } from './logins'

/**
 * The emulator's issued sessions kept in a file (node:sqlite), so an embedded emulator that
 * restarts with the app honours the cookies and psessionid a client saved, exactly as a
 * long-running server would (issue 12): every ptlogin login (its tokens, its per-login ids)
 * and every live channel (psessionid, clientid, slot, expiry). The session lifetime still
 * applies: a channel past its expiry ends on first use, as before.
 *
 * Not kept (a restart forgets them): poll items not yet delivered, QR codes and check_sig
 * tickets in flight, password-login challenges, accounts and contacts made through the
 * control API (the generated world comes back from its seed).
 */

const ids = z.object({
  uins: z.array(z.tuple([z.string(), z.string()])),
  gids: z.array(z.tuple([z.string(), z.string()])),
  codes: z.array(z.tuple([z.string(), z.string()])),
})
const login = z.object({
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
})
const channel = z.object({
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
})
const saved = z.object({ v: z.literal(1), logins: z.array(login), channels: z.array(channel) })
type Saved = z.infer<typeof saved>

export class SessionFile {
  private readonly db: DatabaseSync

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
    this.db = new DatabaseSync(path)
    this.db.exec('CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL)')
  }

  /** Puts what the file holds back into the stores; a missing, damaged or foreign file restores nothing. */
  restore(logins: LoginStore, channels: ChannelStore, now: number, ptloginTtlMs: number): void {
    const row = this.db.prepare('SELECT value FROM state WHERE key = ?').get('sessions') as { value: string } | undefined
    let parsed: Saved | undefined
    try {
      parsed = row ? saved.parse(JSON.parse(row.value)) : undefined
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
    for (const { login: at, ...c } of parsed.channels) {
      const owner = back[at]
      if (!owner || owner.endedAt !== undefined) continue
      const expiresAt = Math.min(c.expiresAt, owner.ptloginExpiresAt)
      if (expiresAt > now) channels.adopt({ ...c, expiresAt, login: owner })
    }
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
        })),
    }
    this.db.prepare('INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run('sessions', JSON.stringify(out))
  }

  close(): void {
    this.db.close()
  }
}
