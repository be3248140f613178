/**
 * Set-Cookie lines in the real service's style (§3.5): upper-case attribute names, a trailing
 * semicolon, real domains. Clients must key cookies by (name, domain, path), so the emulator
 * also emits the deletion cookies the service sent.
 */

export interface CookieSpec {
  name: string
  value: string
  domain: string
  path?: string
  expires?: Date
  httpOnly?: boolean
}

const HTTP_DATE = (d: Date) => {
  // "Fri, 02-Jan-2020 00:00:00 GMT" — the dashed form the service used.
  const [wd, day, mon, year, time] = d.toUTCString().replace(',', '').split(' ')
  return `${wd}, ${day}-${mon}-${year} ${time} GMT`
}

export function formatSetCookie(c: CookieSpec): string {
  let line = `${c.name}=${c.value}; `
  if (c.expires) line += `EXPIRES=${HTTP_DATE(c.expires)}; `
  line += `PATH=${c.path ?? '/'}; DOMAIN=${c.domain};`
  if (c.httpOnly) line += ' HttpOnly'
  return line
}

/** A cookie that deletes same-named cookies on that domain. */
export function deletionCookie(name: string, domain: string): CookieSpec {
  return { name, value: '', domain, expires: new Date(Date.UTC(1970, 0, 2)) }
}

/** Parses a Cookie header. A name can occur more than once (same name on two domains). */
export function parseCookieHeader(header: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>()
  if (!header) return out
  for (const part of header.split(';')) {
    const eq = part.indexOf('=')
    if (eq < 0) continue
    const name = part.slice(0, eq).trim()
    const value = part.slice(eq + 1).trim()
    if (!name) continue
    const list = out.get(name)
    if (list) list.push(value)
    else out.set(name, [value])
  }
  return out
}
