import { PROXY_PAGE, SMARTQQ_APPID, parseOUin } from '../../smartqq/constants'
import { time33 } from '../../smartqq/hash'
import { EngineError, isEngineError } from '../errors'
import type { ServerProfile } from '../http/profile'
import type { Logger } from '../log'
import { getOnlineBuddies2 } from '../endpoints/contact-endpoints'
import { pt4Auth, relink } from '../endpoints/login-endpoints'
import { sessionFromSaved, type Session } from '../session'
import { establishSession } from './establish'

/**
 * Picking a saved session up after a restart, cheapest first (§8.1, §8.2, §3.11):
 *   1. the channel is still alive (get_online_buddies2 answers 0) → use it as is;
 *   2. the cookies are alive but the channel is not → relink (login2 with the psessionid);
 *   3. the ptlogin cookies are alive → pt4_auth → check_sig → getvfwebqq → login2;
 *   4. otherwise the user has to scan a QR code again.
 */
export type RestoreOutcome =
  | { kind: 'alive'; session: Session }
  | { kind: 'relinked'; session: Session }
  | { kind: 'reauthorised'; session: Session }
  | { kind: 'dead'; reason: 'unusable' | 'expired' | 'network'; error?: EngineError }

export async function restoreSession(saved: unknown, profile: ServerProfile, logger: Logger, signal?: AbortSignal): Promise<RestoreOutcome> {
  const session = sessionFromSaved(saved, profile, logger)
  if (!session) return { kind: 'dead', reason: 'unusable' }
  return reviveSession(session, logger, signal, { keepPresence: true })
}

/**
 * Steps 1–3 on a session's own HTTP client, so the cookies a relogin brings land in the jar the
 * session keeps using. A relogin is adopted into the same Session object. With `keepPresence`
 * (a restart: the warm-up follows at once), a live channel's get_online_buddies2 answer is kept
 * on the session for the warm-up's presence (Session.keepOnlineAnswer): one request, not two.
 */
export async function reviveSession(session: Session, logger: Logger, signal?: AbortSignal, opts: { keepPresence?: boolean } = {}): Promise<RestoreOutcome> {
  const { http, cred } = session
  try {
    const res = await http.fetch(getOnlineBuddies2, { cred }, { signal })
    getOnlineBuddies2.decode(res)
    if (opts.keepPresence) session.keepOnlineAnswer(res)
    return { kind: 'alive', session }
  } catch (err) {
    if (!isEngineError(err)) throw err
    if (err.kind === 'cancelled') throw err
    if (err.kind === 'network' || err.kind === 'timeout') return { kind: 'dead', reason: 'network', error: err }
    logger.info(`saved session not alive (${err.message}); trying relink`)
  }
  try {
    const r = await http.call(relink, { ptwebqq: cred.ptwebqq, psessionid: cred.psessionid, status: session.info.status }, { signal })
    cred.psessionid = r.psessionid
    logger.addSecrets(r.psessionid)
    return { kind: 'relinked', session }
  } catch (err) {
    if (isEngineError(err, 'cancelled')) throw err
    logger.info(`relink failed (${(err as Error).message}); trying pt4_auth`)
  }
  try {
    const supertoken = await http.cookie('supertoken', 'https://ssl.ptlogin2.qq.com/')
    const superuin = parseOUin(await http.cookie('superuin', 'https://ssl.ptlogin2.qq.com/'))
    if (!supertoken || superuin !== session.qq) return { kind: 'dead', reason: 'expired' }
    const auth = await http.call(pt4Auth, { authToken: time33(supertoken) }, { signal })
    if (auth.code !== '0' || !auth.url.includes('/check_sig')) return { kind: 'dead', reason: 'expired' }
    // Clients appended these to pt4_auth's URL before following it (§3.11).
    const checkSigUrl = auth.url.includes('s_url=') ? auth.url : `${auth.url}&regmaster=&aid=${SMARTQQ_APPID}&s_url=${encodeURIComponent(PROXY_PAGE)}`
    const fresh = await establishSession(http, logger, {
      checkSigUrl,
      nick: session.info.nick,
      status: session.info.status,
      signal,
    })
    session.adopt(fresh)
    return { kind: 'reauthorised', session }
  } catch (err) {
    if (isEngineError(err, 'cancelled')) throw err
    return { kind: 'dead', reason: 'expired', error: isEngineError(err) ? err : undefined }
  }
}
