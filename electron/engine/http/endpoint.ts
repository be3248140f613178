import type { EngineError } from '../errors'

/** What the engine knows about the logged-in session that requests need (§0 table). */
export interface Credentials {
  /** Self uin from login2: the QQ number in SmartQQ. */
  uin: string
  ptwebqq: string
  vfwebqq: string
  psessionid: string
  clientid: number
}

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
  /** The URL that was requested (after profile rewriting). */
  url: string
}

type QueryValue = string | number | undefined

/**
 * The body limit of an endpoint that sets none. The small answers (login steps, a profile, a
 * send's status) are a few hundred bytes; a group's member list of 2,000 is ~200 kB (emulator).
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024

/**
 * One protocol endpoint, defined once: URL, method, headers, how to encode parameters and how
 * to decode the answer (STYLE.md "the protocol lives in one place").
 */
export interface Endpoint<P, R> {
  name: string
  method: 'GET' | 'POST'
  /** Canonical URL on the real host with the real scheme; the profile decides where it goes. */
  url: string
  /** The Referer to send; null sends none at all (check_sig, §2.2). */
  referer: string | null
  /** POSTs carry Origin: <scheme>://<host> (§2.2). */
  origin?: string
  query?: (p: P) => Record<string, QueryValue>
  /** The `r` object of a POST form (§2.1). */
  form?: (p: P) => Record<string, unknown>
  timeoutMs?: number
  /**
   * The largest answer body accepted, in bytes, as sent and once decompressed (default
   * DEFAULT_MAX_BODY_BYTES). A bigger one is a `malformed` answer, never held in memory.
   */
  maxBytes?: number
  /** Extra attempts for idempotent calls on network errors and 404/502/503/504. */
  retries?: number
  decode: (res: HttpResponse) => R
}

/** Ambient values endpoints' encoders need besides their own parameters. */
export type WithCredentials<P = object> = P & { cred: Credentials }

export type EndpointError = EngineError
