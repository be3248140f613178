import { isEngineError } from '../errors'
import type { HttpClient } from '../http/client'
import type { Logger } from '../log'
import { loginPage } from '../endpoints/login-endpoints'

/**
 * Opens the ptlogin page as the official client's iframe did (§3.1): it sets pt_login_sig,
 * which later calls pass as login_sig. It is optional — clients passed it empty — so a
 * failure only warns. Returns the login_sig value ('' when none).
 */
export async function openLoginPage(http: HttpClient, logger: Logger, signal?: AbortSignal): Promise<string> {
  await http.call(loginPage, undefined, { signal }).catch((err: unknown) => {
    if (isEngineError(err, 'cancelled')) throw err
    logger.warn(`login page unavailable, continuing: ${(err as Error).message}`)
  })
  return (await http.cookie('pt_login_sig', 'https://ssl.ptlogin2.qq.com/')) ?? ''
}
