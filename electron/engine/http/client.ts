import { Agent as HttpsAgent } from 'node:https'
import { isIP } from 'node:net'
import { createSecureContext } from 'node:tls'
import got, { type Got, type Request, RequestError } from 'got'
import { CookieJar } from 'tough-cookie'
import { DEFAULT_USER_AGENT } from '../../smartqq/constants'
import { EngineError, cancelled, isEngineError } from '../errors'
import type { Logger } from '../log'
import { sleep } from '../sleep'
import { ACCEPT_ENCODING, decodeContent, tooLarge } from './content-encoding'
import { readAnswer } from './read-answer'
import { DEFAULT_MAX_BODY_BYTES, type Endpoint, type HttpResponse } from './endpoint'
import type { ServerProfile } from './profile'

export interface HttpClientOptions {
  logger: Logger
  jar?: CookieJar
  userAgent?: string
  /** Default per-request time limit. */
  timeoutMs?: number
}

const RETRYABLE_STATUS = new Set([404, 502, 503, 504])
/**
 * Hosts whose https did not always answer: s.web2 in 2015 (seed note 003: https only on some
 * APIs, "seemingly those on d.web2"; §1.3: the Dec-2016 page still called it over http). Its
 * http answered until 2018-12, when https became the only way (§1.3), so https stays first.
 */
const HTTP_FALLBACK_HOSTS = new Set(['s.web2.qq.com'])

/**
 * The client's https agent: Node's global agent's keep-alive (LIFO, free sockets closed after
 * 5 s), with one TLS context for every connection. Without it Node builds a context per
 * connection, ~1 ms of CPU each (the trusted CAs loaded, the ciphers set), and a login and its
 * lists open seven or more (issue 13). `ca`: a custom server's own CA, trusted instead of the system's.
 */
function tlsAgent(ca: string | undefined): HttpsAgent {
  return new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000, secureContext: createSecureContext(ca ? { ca } : {}) })
}

type CallOptions = { signal?: AbortSignal; timeoutMs?: number }

/** The same request over http: the URL, and the Referer / Origin of the host's http proxy page. */
function overHttp(url: URL, headers: Record<string, string>): [URL, Record<string, string>] {
  const plain = new URL(url.href)
  plain.protocol = 'http:'
  const swap = (v: string | undefined) => (v?.startsWith(`https://${url.host}`) ? `http://${v.slice('https://'.length)}` : v)
  const out = { ...headers }
  for (const h of ['referer', 'origin'] as const) if (out[h] !== undefined) out[h] = swap(out[h])!
  return [plain, out]
}
/** `get()`'s body limit: offline pictures and files, which are bigger than any API answer. */
const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024

/**
 * One got instance and one tough-cookie jar for a session, exactly as a browser on w.qq.com
 * would hold them: cookies keyed by (name, domain, path), the real host names in URLs.
 * Every answer is size-limited, compressed and decompressed: got does not decompress
 * (it would inflate without a limit); the download is cancelled once it passes the limit and
 * the body is inflated here with the same limit as its maximum output.
 */
export class HttpClient {
  readonly jar: CookieJar
  /** Requests sent, and the most ever in flight at once: for benchmarks and diagnostics. */
  requestCount = 0
  peakInFlight = 0
  private inFlight = 0
  private readonly got: Got
  /** `got` with the jar as its cookieJar: streamed downloads, whose cookies got handles. */
  private readonly downloads: Got
  private readonly timeoutMs: number
  private readonly logger: Logger
  /** Hosts of HTTP_FALLBACK_HOSTS reached over http since their https did not answer. */
  private readonly httpOnly = new Set<string>()

  constructor(
    readonly profile: ServerProfile,
    opts: HttpClientOptions,
  ) {
    this.jar = opts.jar ?? new CookieJar()
    this.logger = opts.logger
    this.timeoutMs = opts.timeoutMs ?? 15_000
    // Without got's cookieJar option: `send` reads and keeps cookies itself, synchronously (the
    // jar's store is tough-cookie's MemoryCookieStore); got's own cookie steps cost ~0.1 ms of
    // CPU per request, a fifth of a poll answer (issue 13). Downloads (`stream`) keep the option.
    this.got = got.extend({
      dnsLookup: profile.dnsLookup as never,
      followRedirect: false,
      throwHttpErrors: false,
      retry: { limit: 0 },
      responseType: 'buffer',
      decompress: false,
      agent: { https: tlsAgent(profile.ca) },
      headers: {
        'user-agent': opts.userAgent ?? DEFAULT_USER_AGENT,
        accept: '*/*',
        'accept-encoding': ACCEPT_ENCODING,
        'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8',
      },
    })
    this.downloads = this.got.extend({ cookieJar: this.jar })
  }

  /** Calls an endpoint with its parameters and decodes the answer (errors are EngineErrors). */
  async call<P, R>(ep: Endpoint<P, R>, params: P, opts: CallOptions = {}): Promise<R> {
    return ep.decode(await this.fetch(ep, params, opts))
  }

  /**
   * An endpoint's answer, not decoded yet (`ep.decode` is the caller's): for a warm-up that
   * sends its next request as soon as the answers it waits for have arrived, and decodes them
   * while the server works on that one (§3.8, issue 13).
   */
  async fetch<P, R>(ep: Endpoint<P, R>, params: P, opts: CallOptions = {}): Promise<HttpResponse> {
    const url = new URL(ep.url)
    if (ep.query) {
      for (const [k, v] of Object.entries(ep.query(params))) if (v !== undefined) url.searchParams.set(k, String(v))
    }
    const headers: Record<string, string> = {}
    if (ep.referer !== null) headers.referer = ep.referer
    if (ep.origin) headers.origin = ep.origin
    let body: string | undefined
    if (ep.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded; charset=UTF-8'
      body = new URLSearchParams({ r: JSON.stringify(ep.form(params)) }).toString()
    }
    return this.exchange(ep, url, headers, body, opts)
  }

  /**
   * An endpoint's request over its own scheme, or over http on a host whose https did not answer
   * while its http did (HTTP_FALLBACK_HOSTS): tried once on the first failure, then kept.
   */
  private async exchange<P, R>(ep: Endpoint<P, R>, url: URL, headers: Record<string, string>, body: string | undefined, opts: CallOptions): Promise<HttpResponse> {
    if (this.httpOnly.has(url.hostname)) return this.attempts(ep, ...overHttp(url, headers), body, opts)
    try {
      return await this.attempts(ep, url, headers, body, opts)
    } catch (err) {
      if (url.protocol !== 'https:' || !HTTP_FALLBACK_HOSTS.has(url.hostname) || !isEngineError(err, 'network')) throw err
      let res: HttpResponse
      try {
        res = await this.attempts(ep, ...overHttp(url, headers), body, opts)
      } catch (second) {
        throw isEngineError(second, 'cancelled') ? second : err
      }
      this.logger.info(`${url.hostname}: https did not answer (${err.message}), http did: http from now on`)
      this.httpOnly.add(url.hostname)
      return res
    }
  }

  /** One request, repeated on a network failure or a retryable status as the endpoint allows. */
  private async attempts<P, R>(ep: Endpoint<P, R>, url: URL, headers: Record<string, string>, body: string | undefined, opts: CallOptions): Promise<HttpResponse> {
    const attempts = 1 + (ep.retries ?? 0)
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.send(ep.name, ep.method, url, headers, body, {
          timeoutMs: opts.timeoutMs ?? ep.timeoutMs ?? this.timeoutMs,
          maxBytes: ep.maxBytes ?? DEFAULT_MAX_BODY_BYTES,
          signal: opts.signal,
        })
        if (attempt < attempts && RETRYABLE_STATUS.has(res.status)) {
          await this.backoff(attempt, opts.signal)
          continue
        }
        return res
      } catch (err) {
        if (attempt < attempts && err instanceof EngineError && (err.kind === 'network' || err.kind === 'timeout')) {
          await this.backoff(attempt, opts.signal)
          continue
        }
        throw err
      }
    }
  }

  /**
   * A plain GET of an absolute URL (redirect targets: offline pictures). `address` pins the
   * connection to the address a policy approved (ServerProfile.allowsMediaHost), so a second
   * lookup of the name cannot lead elsewhere.
   */
  get(url: string, opts: { name: string; referer?: string | null; signal?: AbortSignal; timeoutMs?: number; maxBytes?: number; address?: string }): Promise<HttpResponse> {
    const headers: Record<string, string> = opts.referer ? { referer: opts.referer } : {}
    return this.send(opts.name, 'GET', new URL(url), headers, undefined, {
      timeoutMs: opts.timeoutMs ?? this.timeoutMs,
      maxBytes: opts.maxBytes ?? MAX_DOWNLOAD_BYTES,
      signal: opts.signal,
      address: opts.address,
    })
  }

  /**
   * A GET whose body is streamed, never held (a received file, §7.3). No total time limit (a
   * 1 GiB file takes as long as it takes): `idleMs` bounds the wait for the answer and between
   * chunks. Uncompressed (`identity`): the bytes are the file.
   */
  stream(url: URL, opts: { signal?: AbortSignal; idleMs: number }): Request {
    this.requestCount++
    return this.downloads.stream(this.profile.target(url), {
      headers: { 'accept-encoding': 'identity' },
      timeout: { connect: opts.idleMs, response: opts.idleMs, socket: opts.idleMs },
      signal: opts.signal,
    })
  }

  /** The value of a cookie that would be sent to `url`. */
  async cookie(name: string, url: string): Promise<string | undefined> {
    const cookies = await this.jar.getCookies(url)
    return cookies.find((c) => c.key === name)?.value
  }

  private async send(
    name: string,
    method: 'GET' | 'POST',
    canonical: URL,
    headers: Record<string, string>,
    body: string | undefined,
    { timeoutMs, maxBytes, signal, address }: { timeoutMs: number; maxBytes: number; signal: AbortSignal | undefined; address?: string | undefined },
  ): Promise<HttpResponse> {
    if (signal?.aborted) throw cancelled()
    const target = this.profile.target(canonical)
    const started = performance.now()
    this.requestCount++
    this.peakInFlight = Math.max(this.peakInFlight, ++this.inFlight)
    try {
      // The jar's cookies for the URL got requests, as got's cookieJar option would send them.
      const cookie = this.jar.getCookieStringSync(target.href)
      const req = this.got.stream(target, {
        method,
        headers: cookie ? { ...headers, cookie } : headers,
        // A POST's body, and none for a GET (got's stream ends a GET by itself).
        body: method === 'POST' ? (body ?? '') : undefined,
        timeout: { request: timeoutMs },
        signal,
        ...(address && { dnsLookup: pinnedLookup(address) }),
      })
      const answer = await readAnswer(req, maxBytes)
      if (answer === 'too-large') throw tooLarge(name, maxBytes)
      const { response: res, raw } = answer
      // Kept as got's cookieJar kept them: one the jar refuses fails the request.
      for (const line of res.headers['set-cookie'] ?? []) this.jar.setCookieSync(line, target.href)
      const decoded = await decodeContent(name, raw, res.headers['content-encoding'], maxBytes)
      this.logger.debug(
        `${name} ${method} ${canonical.host}${canonical.pathname} → ${res.statusCode}, ${raw.length}/${decoded.length} B in ${Math.round(performance.now() - started)} ms`,
      )
      return { status: res.statusCode, headers: res.headers, body: decoded, url: target.href }
    } catch (err) {
      if (err instanceof EngineError) throw err
      throw this.toEngineError(name, err, signal)
    } finally {
      this.inFlight--
    }
  }

  /** A request's failure as an EngineError (a streamed request's too: `stream`'s errors are got's). */
  toEngineError(name: string, err: unknown, signal: AbortSignal | undefined): EngineError {
    if (err instanceof EngineError) return err
    if (signal?.aborted) return cancelled()
    if (err instanceof RequestError) {
      if (err.name === 'TimeoutError' || err.code === 'ETIMEDOUT') {
        return new EngineError('timeout', `${name}: no answer in time`, { endpoint: name, cause: err })
      }
      if (err.name === 'AbortError') return cancelled()
      // Refused, reset, DNS, TLS: all mean "no usable answer"; the code says which.
      return new EngineError('network', `${name}: ${err.code || err.message}`, { endpoint: name, cause: err })
    }
    return new EngineError('network', `${name}: ${(err as Error)?.message ?? String(err)}`, { endpoint: name, cause: err })
  }

  private backoff(attempt: number, signal: AbortSignal | undefined): Promise<void> {
    return sleep(Math.min(4000, 300 * 2 ** (attempt - 1)), signal)
  }
}

/** A lookup that answers every name with one address (in both forms Node asks for). */
function pinnedLookup(address: string) {
  const family = isIP(address) || 4
  return ((_host: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === 'function' ? options : callback) as (err: null, a: unknown, f?: number) => void
    if (typeof options === 'object' && options && (options as { all?: boolean }).all) cb(null, [{ address, family }])
    else cb(null, address, family)
  }) as never
}
