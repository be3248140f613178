import { request } from 'node:http'

/** A raw HTTP request to the emulator with any Host header, for checking exact answers. */
export interface RawResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
  /** The body as sent (pictures). */
  bytes: Buffer
  setCookies: string[]
}

export function raw(
  port: number,
  opts: { host: string; path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: opts.host, ...opts.headers }, setHost: false },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const bytes = Buffer.concat(chunks)
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes, setCookies: res.headers['set-cookie'] ?? [] })
        })
      },
    )
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

/** `r=<json>` form body, as the web2 POSTs send it. */
export function rForm(r: unknown): { body: string; headers: Record<string, string> } {
  return {
    body: new URLSearchParams({ r: JSON.stringify(r) }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  }
}

/** A Cookie header from `name=value` pairs. */
export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ')
}

/** The value of a Set-Cookie line's cookie for a name and domain. */
export function setCookieValue(lines: string[], name: string, domain?: string): string | undefined {
  for (const line of lines) {
    if (!line.startsWith(name + '=')) continue
    if (domain && !line.includes(`DOMAIN=${domain};`)) continue
    return line.slice(name.length + 1, line.indexOf(';'))
  }
  return undefined
}
