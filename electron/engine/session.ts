import { CookieJar } from 'tough-cookie'
import { z } from 'zod'
import { profileKindSchema, statusSchema, type StatusName } from '../model'
import type { Credentials, HttpResponse } from './http/endpoint'
import { HttpClient } from './http/client'
import type { ServerProfile } from './http/profile'
import type { Logger } from './log'

/** A logged-in SmartQQ session: credentials kept together with the cookie jar (§0). */
export class Session {
  constructor(
    readonly http: HttpClient,
    /** Mutable: poll 116 rotates ptwebqq, relink replaces psessionid. */
    readonly cred: Credentials,
    readonly info: SessionInfo,
  ) {}

  get qq(): string {
    return this.info.qq
  }

  /** See keepOnlineAnswer. */
  private onlineAnswer: HttpResponse | undefined

  /**
   * The get_online_buddies2 answer a restore's liveness check received (§8.1, step 1 of
   * restore.ts): it is the presence of every friend as well, so the warm-up that follows lays it
   * over the lists instead of asking the same question again (takeOnlineAnswer).
   */
  keepOnlineAnswer(res: HttpResponse): void {
    this.onlineAnswer = res
  }

  /** The answer keepOnlineAnswer kept, once: a later warm-up (a relogin's) asks anew. */
  takeOnlineAnswer(): HttpResponse | undefined {
    const res = this.onlineAnswer
    this.onlineAnswer = undefined
    return res
  }

  /**
   * Takes over a fresh login's credentials (a silent relogin), keeping this object — and the
   * cookie jar they share — so everything holding the session follows.
   */
  adopt(fresh: Session): void {
    Object.assign(this.cred, fresh.cred)
    Object.assign(this.info, fresh.info)
  }

  /** Everything needed to pick the session up after a restart (store it encrypted). */
  serialize(): SavedSession {
    return {
      v: 1,
      profile: this.http.profile.kind,
      info: { ...this.info },
      cred: { ...this.cred },
      cookies: this.http.jar.serializeSync() as unknown as Record<string, unknown>,
    }
  }
}

export interface SessionInfo {
  /** The account's QQ number. */
  qq: string
  nick: string
  status: StatusName
  /** login2's connection-server slot, used in file URLs (§7.3). */
  index?: number
  port?: number
}

const savedSessionSchema = z.object({
  v: z.literal(1),
  profile: profileKindSchema,
  info: z.object({
    qq: z.string().regex(/^\d+$/),
    nick: z.string(),
    status: statusSchema,
    index: z.number().optional(),
    port: z.number().optional(),
  }),
  cred: z.object({
    uin: z.string().regex(/^\d+$/),
    ptwebqq: z.string(),
    vfwebqq: z.string(),
    psessionid: z.string(),
    clientid: z.number(),
  }),
  cookies: z.record(z.string(), z.unknown()),
})
export type SavedSession = z.infer<typeof savedSessionSchema>

/**
 * Rebuilds a session object from saved data, or undefined when the data is unusable (wrong
 * version, another server profile, corrupt). Whether the service still honours it is the
 * caller's question (see login/restore).
 */
export function sessionFromSaved(saved: unknown, profile: ServerProfile, logger: Logger): Session | undefined {
  const parsed = savedSessionSchema.safeParse(saved)
  if (!parsed.success || parsed.data.profile !== profile.kind) return undefined
  let jar: CookieJar
  try {
    jar = CookieJar.deserializeSync(parsed.data.cookies as never)
  } catch {
    return undefined
  }
  const { cred, info } = parsed.data
  logger.addSecrets(cred.ptwebqq, cred.vfwebqq, cred.psessionid)
  return new Session(new HttpClient(profile, { logger, jar }), { ...cred }, { ...info })
}
