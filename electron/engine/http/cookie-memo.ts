import { cookieCompare, type Cookie, type CookieJar } from 'tough-cookie'

/** What got asks of a cookie jar. */
export interface GotCookieJar {
  getCookieString(url: string): Promise<string>
  setCookie(rawCookie: string, url: string): Promise<unknown>
}

const MUTATORS = ['putCookie', 'updateCookie', 'removeCookie', 'removeCookies', 'removeAllCookies'] as const

/**
 * The jar as got uses it, with each URL's Cookie header kept while no cookie was stored or
 * removed and none of those it holds expired: tough-cookie works the header out anew for every
 * request (public suffix, domain permutations, a scan of the store), a third of a poll answer's
 * cost when presence changes come 100 a second (issue 13). Every change of the store (got's
 * Set-Cookie, the engine's own setCookie, a removal) makes the next request look again.
 */
export function memoCookieHeaders(jar: CookieJar): GotCookieJar {
  let version = 0
  const store = jar.store as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const name of MUTATORS) {
    const change = store[name]
    if (typeof change !== 'function') continue
    store[name] = function (this: unknown, ...args: unknown[]) {
      version++
      return change.apply(this, args)
    }
  }
  const memo = new Map<string, { version: number; until: number; header: string }>()
  return {
    async getCookieString(url) {
      const hit = memo.get(url)
      if (hit && hit.version === version && Date.now() < hit.until) return hit.header
      const at = version
      const cookies = await jar.getCookies(url)
      // As tough-cookie's getCookieString makes it.
      const header = cookies
        .sort(cookieCompare)
        .map((c) => c.cookieString())
        .join('; ')
      const until = cookies.reduce((t, c: Cookie) => Math.min(t, expiry(c)), Infinity)
      // A store changed meanwhile: this answer may be stale, so it is not kept.
      if (at === version) memo.set(url, { version: at, until, header })
      return header
    },
    setCookie: (rawCookie, url) => jar.setCookie(rawCookie, url),
  }
}

function expiry(c: Cookie): number {
  const t = c.expiryTime()
  return t === undefined ? Infinity : t
}
