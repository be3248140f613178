import { CGI } from '../../smartqq/constants'
import type { HttpClient } from '../http/client'
import { proxyPage } from '../endpoints/login-endpoints'
import type { Logger } from '../log'

/**
 * How many requests the warm-up sends to each CGI host at once (§3.8): self info and the three
 * lists to s.web2; online buddies, then the recent list, to d1.
 */
const AT_ONCE = [
  { page: CGI.s.referer, connections: 4 },
  { page: CGI.d1.referer, connections: 1 },
]

/**
 * Opens the connections the warm-up will use while the user confirms on the phone (issue 13):
 * each parallel request needs its own (no pipelining in HTTP/1.1), and a TLS handshake each
 * would otherwise sit between login2 and the lists. They are opened as the official page opened
 * them, by loading the hosts' proxy pages; the keep-alive agent keeps them for the warm-up.
 * Best effort: a failure only means the warm-up connects by itself.
 */
export function preconnect(http: HttpClient, logger: Logger, signal?: AbortSignal): void {
  for (const { page, connections } of AT_ONCE) {
    for (let i = 0; i < connections; i++) {
      http.fetch(proxyPage(page), undefined, { signal }).catch((err: unknown) => logger.debug(`preconnect ${new URL(page).host}: ${(err as Error).message}`))
    }
  }
}
