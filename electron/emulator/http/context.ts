import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseJson } from '../../protocol/json'
import { formatSetCookie, parseCookieHeader, type CookieSpec } from './cookies'

const MAX_BODY_BYTES = 16 * 1024 * 1024

/** Thrown by handlers to answer with a status and a body; the router turns it into a response. */
export class HttpAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    readonly contentType = 'text/html; charset=utf-8',
  ) {
    super(`HTTP ${status}`)
  }
}

/** One request as a handler sees it. */
export class RequestContext {
  readonly url: URL
  /** Host name without port, lower-cased: what the emulator routes on. */
  readonly host: string
  readonly scheme: 'http' | 'https'
  readonly cookies: Map<string, string[]>
  private readonly setCookies: string[] = []
  private bodyPromise: Promise<Buffer> | undefined
  private formCache: URLSearchParams | undefined
  answered = false

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    scheme: 'http' | 'https',
  ) {
    this.scheme = scheme
    const hostHeader = (req.headers.host ?? '').toLowerCase()
    this.host = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '')
    this.url = new URL(req.url ?? '/', `${scheme}://${hostHeader || 'localhost'}`)
    this.cookies = parseCookieHeader(req.headers.cookie)
  }

  get method(): string {
    return this.req.method ?? 'GET'
  }

  get query(): URLSearchParams {
    return this.url.searchParams
  }

  header(name: string): string | undefined {
    const v = this.req.headers[name.toLowerCase()]
    return Array.isArray(v) ? v[0] : v
  }

  hasHeader(name: string): boolean {
    return this.req.headers[name.toLowerCase()] !== undefined
  }

  /** First value of a cookie (or every value when the client sent several). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name)?.[0]
  }

  cookieValues(name: string): string[] {
    return this.cookies.get(name) ?? []
  }

  body(): Promise<Buffer> {
    this.bodyPromise ??= new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = []
      let size = 0
      this.req.on('data', (c: Buffer) => {
        size += c.length
        if (size > MAX_BODY_BYTES) {
          reject(new HttpAnswer(413, 'request body too large'))
          this.req.destroy()
          return
        }
        chunks.push(c)
      })
      this.req.on('end', () => resolve(Buffer.concat(chunks)))
      this.req.on('error', reject)
    })
    return this.bodyPromise
  }

  /** The urlencoded form of a POST (empty for other content types). */
  async form(): Promise<URLSearchParams> {
    if (this.formCache) return this.formCache
    const type = this.header('content-type') ?? ''
    const raw = this.method === 'POST' && /application\/x-www-form-urlencoded/i.test(type) ? (await this.body()).toString('utf8') : ''
    this.formCache = new URLSearchParams(raw)
    return this.formCache
  }

  /**
   * The `r` JSON object of a web2 call, from the POST form or the query string (Mojo-Webqq sent
   * some POST APIs as GET with `?r=`, §5.3). Undefined when absent or not a JSON object.
   */
  async r(): Promise<Record<string, unknown> | undefined> {
    const text = (await this.form()).get('r') ?? this.query.get('r')
    if (text == null) return undefined
    try {
      const v = parseJson(text)
      return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
    } catch {
      return undefined
    }
  }

  setCookie(c: CookieSpec): void {
    this.setCookies.push(formatSetCookie(c))
  }

  private send(status: number, body: string | Buffer, headers: Record<string, string>): void {
    if (this.answered || this.res.headersSent) return
    this.answered = true
    if (this.setCookies.length) this.res.setHeader('Set-Cookie', this.setCookies)
    for (const [k, v] of Object.entries(headers)) this.res.setHeader(k, v)
    this.res.statusCode = status
    this.res.end(body)
  }

  json(value: unknown, status = 200): void {
    this.send(status, JSON.stringify(value), { 'Content-Type': 'application/json; charset=utf-8' })
  }

  /** Pre-serialised JSON, for bodies whose exact text matters (big ids, odd key orders). */
  rawJson(text: string, status = 200): void {
    this.send(status, text, { 'Content-Type': 'application/json; charset=utf-8' })
  }

  text(body: string, contentType = 'text/plain; charset=utf-8', status = 200): void {
    this.send(status, body, { 'Content-Type': contentType })
  }

  bytes(body: Buffer, contentType: string, status = 200): void {
    this.send(status, body, { 'Content-Type': contentType, 'Content-Length': String(body.length) })
  }

  redirect(location: string, extraHeaders: Record<string, string> = {}, status = 302): void {
    this.send(status, '', { Location: location, 'Content-Type': 'text/html', ...extraHeaders })
  }

  answer(a: HttpAnswer): void {
    this.send(a.status, a.body, { 'Content-Type': a.contentType })
  }
}
