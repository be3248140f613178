import { CLIENT_ID, parseOUin } from '../../smartqq/constants'
import type { StatusName } from '../../smartqq/status'
import { EngineError } from '../errors'
import type { HttpClient } from '../http/client'
import type { Logger } from '../log'
import { checkSig, getvfwebqq, login2 } from '../endpoints/login-endpoints'
import { isStatusName } from '../../smartqq/status'
import { Session } from '../session'

/** Where the web2 login cookies are read: every w.qq.com page sees them (§2.5). */
const W_QQ = 'http://w.qq.com/'

/**
 * The common tail of every login path (§3.5–3.7): GET the check_sig URL ptlogin handed out,
 * read ptwebqq from the qq.com cookie, then getvfwebqq and login2. Those two need only ptwebqq,
 * and "both orders worked" (§3.6), so they go out together: the lists wait for one round trip,
 * not two (issue 13).
 */
export async function establishSession(
  http: HttpClient,
  logger: Logger,
  opts: { checkSigUrl: string; nick: string; status: StatusName; signal?: AbortSignal },
): Promise<Session> {
  const endpoint = checkSig(opts.checkSigUrl)
  const url = new URL(endpoint.url)
  const signal = opts.signal
  logger.addSecrets(url.searchParams.get('ptsigx') ?? undefined)
  await http.call(endpoint, undefined, { signal })

  // The cookies check_sig set, read from the jar once (the first of a name, as HttpClient.cookie reads it).
  const cookies = new Map<string, string>()
  for (const c of await http.jar.getCookies(W_QQ)) if (!cookies.has(c.key)) cookies.set(c.key, c.value)
  const ptwebqq = cookies.get('ptwebqq') ?? ''
  const qq = parseOUin(cookies.get('uin')) ?? url.searchParams.get('uin') ?? ''
  const skey = cookies.get('skey')
  logger.addSecrets(ptwebqq, skey)
  if (!skey) throw new EngineError('protocol', 'check_sig set no login cookies', { endpoint: 'check_sig' })

  const vf = http.call(getvfwebqq, { ptwebqq }, { signal })
  const l2 = http.call(login2, { ptwebqq, status: opts.status }, { signal })
  // Both settled before either failure is thrown: none is left unhandled.
  await Promise.allSettled([vf, l2])
  const vfwebqq = await vf
  logger.addSecrets(vfwebqq)
  const result = await l2
  logger.addSecrets(result.psessionid)
  logger.info(`logged in as ${result.uin}`)
  return new Session(
    http,
    { uin: result.uin, ptwebqq, vfwebqq, psessionid: result.psessionid, clientid: CLIENT_ID },
    {
      qq: qq || result.uin,
      nick: opts.nick,
      status: isStatusName(result.status) ? result.status : opts.status,
      index: result.index,
      port: result.port,
    },
  )
}
