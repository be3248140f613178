import { randomInt } from 'node:crypto'
import { parseOUin } from '../../smartqq/constants'
import type { StatusName } from '../../smartqq/status'
import { isStatusName } from '../../smartqq/status'
import { EngineError } from '../errors'
import type { HttpClient } from '../http/client'
import type { Logger } from '../log'
import { login2Webqq, loginProxy } from '../endpoints/login-endpoints'
import { WEBQQ_LOGIN_PAGE_URL } from '../endpoints/password-endpoints'
import { Session } from '../session'

/**
 * The tail of a WebQQ 3 password login (2013, §4.4, seed notes 001 and 004), when login's
 * success URL is not a check_sig URL: follow it as given (login already set the cookies), then
 * login2 on d.web2 with a random 8-digit clientid, whose vfwebqq is the session's (no getvfwebqq).
 */
export async function establishWebqqSession(
  http: HttpClient,
  logger: Logger,
  opts: { url: string; nick: string; status: StatusName; signal?: AbortSignal },
): Promise<Session> {
  const signal = opts.signal
  await http.call(loginProxy(opts.url, WEBQQ_LOGIN_PAGE_URL), undefined, { signal })
  const ptwebqq = (await http.cookie('ptwebqq', 'http://web2.qq.com/')) ?? ''
  const skey = await http.cookie('skey', 'http://web2.qq.com/')
  logger.addSecrets(ptwebqq, skey)
  if (!skey) throw new EngineError('protocol', 'login set no web cookies', { endpoint: 'login' })
  // WebQQ clients made up their clientid: a random 8-digit number (§0).
  const clientid = randomInt(10_000_000, 100_000_000)
  const result = await http.call(login2Webqq, { ptwebqq, status: opts.status, clientid }, { signal })
  logger.addSecrets(result.psessionid, result.vfwebqq)
  logger.info(`logged in as ${result.uin} (WebQQ)`)
  const qq = parseOUin(await http.cookie('uin', 'http://web2.qq.com/')) ?? result.uin
  return new Session(
    http,
    { uin: result.uin, ptwebqq, vfwebqq: result.vfwebqq, psessionid: result.psessionid, clientid },
    { qq, nick: opts.nick, status: isStatusName(result.status) ? result.status : opts.status, index: result.index, port: result.port },
  )
}
