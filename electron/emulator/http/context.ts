import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseJson } from '../../smartqq/json'
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

/** Where a request goes: the host it names and its URL. */
export interface RequestTarget {
  /** Host name without port, lower-cased, an IPv6 literal without brackets: what the emulator routes on. */
  host: string
  url: URL
}

/** host[:port] or [IPv6]:port. Stricter than URL's parser, which would take `a@b` or `a/b` apart. */
const AUTHORITY = /^(?:\[[0-9a-f:.]+\]|[a-z0-9_.-]+)(?::\d{1,5})?$/i

/**
 * The target of a request, or undefined when its Host header or request target is malformed
 * (the caller answers 400). The origin form (`/path`) takes its host from the Host header; the
 * absolute form (`http://host/path`, what a client sends to a proxy) names it itself, and then
 * the Host header is ignored (RFC 9112 §3.2.2).
 */
export function requestTarget(req: IncomingMessage, scheme: 'http' | 'https'): RequestTarget | undefined {
  const target = req.url ?? ''
  const authority = req.headers.host ?? ''
  let url: URL
  try {
    if (target.startsWith('/')) {
      if (!AUTHORITY.test(authority)) return undefined
      url = new URL(`${scheme}://${authority}${target}`)
    } else if (/^https?:\/\/[^/?#]/i.test(target)) {
      url = new URL(target)
    } else {
      return undefined
    }
  } catch {
    return undefined
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), url }
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
    target: RequestTarget,
  ) {
    this.scheme = scheme
    this.host = target.host
    this.url = target.url
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
