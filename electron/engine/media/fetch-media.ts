import { EngineError, isEngineError } from '../errors'
import type { Endpoint } from '../http/endpoint'
import type { MediaAnswer } from '../endpoints/media-endpoints'
import type { Session } from '../session'
import { sleep } from '../sleep'
import { PICTURE_MAX_BYTES } from './identify'

export interface MediaFetchOptions {
  /** The CGI's time limit (default its endpoint's: 60 s, the CGI may take 45 s, §7.1). */
  cgiTimeoutMs?: number
  /** The image host's time limit. */
  imageTimeoutMs: number
  /** Extra attempts after a network error, a timeout or a 5xx (media-spec: 2). */
  retries: number
  /** The first pause before a retry; doubled each time. */
  backoffMs: number
}

export const MEDIA_FETCH_DEFAULTS: MediaFetchOptions = { imageTimeoutMs: 60_000, retries: 2, backoffMs: 2_000 }

/**
 * Calls a picture CGI and returns the picture's bytes: directly, or behind exactly one redirect,
 * followed by hand, over http(s), to a host the profile allows (ServerProfile.allowsMediaHost),
 * connecting to the address it approved. Another redirect, a refused host, a refusal by the
 * service, more than PICTURE_MAX_BYTES: an EngineError. Only transient failures are retried.
 */
export async function fetchMedia<P>(session: Session, ep: Endpoint<P, MediaAnswer>, params: P, opts: MediaFetchOptions, signal?: AbortSignal): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetchOnce(session, ep, params, opts, signal)
    } catch (err) {
      if (attempt >= opts.retries || !transient(err)) throw err
      await sleep(opts.backoffMs * 2 ** attempt, signal)
    }
  }
}

function transient(err: unknown): boolean {
  return isEngineError(err) && (err.kind === 'network' || err.kind === 'timeout' || (err.kind === 'http' && (err.status ?? 0) >= 500))
}

async function fetchOnce<P>(session: Session, ep: Endpoint<P, MediaAnswer>, params: P, opts: MediaFetchOptions, signal: AbortSignal | undefined): Promise<Buffer> {
  const answer = await session.http.call(ep, params, { signal, ...(opts.cgiTimeoutMs !== undefined && { timeoutMs: opts.cgiTimeoutMs }) })
  if (answer.kind === 'bytes') return answer.body
  if (answer.kind === 'gone') {
    throw new EngineError('unavailable', `${ep.name}: the service has no such picture`, {
      endpoint: ep.name,
      ...(answer.retcode !== undefined && { retcode: answer.retcode }),
      ...(answer.status !== undefined && { status: answer.status }),
    })
  }
  let url: URL
  try {
    url = new URL(answer.location)
  } catch {
    throw new EngineError('malformed', `${ep.name}: redirect to something that is not a URL`, { endpoint: ep.name })
  }
  const address = await session.http.profile.allowsMediaHost(url)
  if (!address) throw new EngineError('malformed', `${ep.name}: redirect to ${url.protocol}//${url.host} refused`, { endpoint: ep.name })
  const name = `${ep.name} image`
  const res = await session.http.get(url.href, { name, referer: null, signal, timeoutMs: opts.imageTimeoutMs, maxBytes: PICTURE_MAX_BYTES, address })
  if (res.status >= 300 && res.status < 400) throw new EngineError('malformed', `${name}: a second redirect (only one is followed)`, { endpoint: ep.name, status: res.status })
  if (res.status === 404) throw new EngineError('unavailable', `${name}: gone (HTTP 404)`, { endpoint: ep.name, status: 404 })
  if (res.status !== 200) throw new EngineError('http', `${name}: HTTP ${res.status}`, { endpoint: ep.name, status: res.status })
  return res.body
}
