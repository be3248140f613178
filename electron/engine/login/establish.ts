import { CLIENT_ID, parseOUin } from '../../smartqq/constants'
import type { StatusName } from '../../smartqq/status'
import { EngineError } from '../errors'
import type { HttpClient } from '../http/client'
import type { Logger } from '../log'
import { checkSig, getvfwebqq, login2 } from '../endpoints/login-endpoints'
import { isStatusName } from '../../smartqq/status'
import { Session } from '../session'

/**
 * The common tail of every login path (§3.5–3.7): GET the check_sig URL ptlogin handed out,
 * read ptwebqq from the qq.com cookie, getvfwebqq, then login2.
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

  const ptwebqq = (await http.cookie('ptwebqq', 'http://w.qq.com/')) ?? ''
  const qq = parseOUin(await http.cookie('uin', 'http://w.qq.com/')) ?? url.searchParams.get('uin') ?? ''
  const skey = await http.cookie('skey', 'http://w.qq.com/')
  logger.addSecrets(ptwebqq, skey)
  if (!skey) throw new EngineError('protocol', 'check_sig set no login cookies', { endpoint: 'check_sig' })

  const vfwebqq = await http.call(getvfwebqq, { ptwebqq }, { signal })
  logger.addSecrets(vfwebqq)
  const result = await http.call(login2, { ptwebqq, status: opts.status }, { signal })
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
