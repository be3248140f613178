import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Fault } from '../faults'
import type { RequestContext } from '../http/context'

/**
 * How the media servers answer (§7.1–7.3, §7.6): the CGI's 302 to the image or file server and
 * that server's body — or, under a hostile fault (faults.ts, set through `--fault` or
 * /control/media/hostile), what a client must survive instead of them.
 */

/** A body to stream: never more than a chunk of it in memory. */
export interface MediaBody {
  type: string
  length: number
  /** Its first bytes (what a magic-number check reads). */
  head: Buffer
  open(): Readable
}

export function bufferBody(bytes: Buffer, type: string): MediaBody {
  return { type, length: bytes.length, head: bytes.subarray(0, 16), open: () => Readable.from([bytes]) }
}

const OVERSIZED_BYTES = 64 * 1024 * 1024
const TRICKLE_MS = 200
const FILLER = Buffer.alloc(64 * 1024)
/** What a CDN's error page under the picture's Content-Type looks like. */
const LYING_HTML = Buffer.from('<!DOCTYPE html><html><head><title>404</title><script>alert(document.cookie)</script></head><body><img src=x onerror=alert(1)></body></html>')

/** The Location a 302 carries: the real one, or where a hostile fault sends the client instead. */
export function redirectLocation(location: string, fault: Fault | undefined): string {
  if (fault?.kind === 'redirect-scheme') return fault.scheme === 'javascript' ? 'javascript:alert(1)' : 'file:///etc/passwd'
  if (fault?.kind !== 'redirect-elsewhere') return location
  const url = new URL(location)
  const port = Number(url.port || 80)
  switch (fault.to) {
    case 'loopback':
      return `http://127.0.0.2:${port}${url.pathname}${url.search}`
    case 'private':
      return `http://10.0.0.1${url.pathname}${url.search}`
    case 'other-port':
      url.port = String(port === 65535 ? port - 1 : port + 1)
      return url.href
  }
}

/** The body a hostile fault makes of the real one (the rest of the faults leave it alone). */
function hostile(body: MediaBody, fault: Fault | undefined): { type: string; length: number | undefined; open(): Readable } {
  switch (fault?.kind) {
    case 'lying-type':
      return bufferBody(LYING_HTML, body.type)
    case 'endless':
      return { type: body.type, length: undefined, open: () => Readable.from(filled(body.head, Infinity)) }
    case 'oversized':
      return { type: body.type, length: OVERSIZED_BYTES, open: () => Readable.from(filled(body.head, OVERSIZED_BYTES)) }
    case 'trickle':
      return { type: body.type, length: body.length, open: () => Readable.from(trickle(body.open())) }
    default:
      return body
  }
}

/** The real first bytes (so the magic number still says picture), then zeros up to `total`. */
function* filled(head: Buffer, total: number): Generator<Buffer> {
  yield head
  for (let sent = head.length; sent < total; sent += FILLER.length) yield total - sent < FILLER.length ? FILLER.subarray(0, total - sent) : FILLER
}

async function* trickle(source: Readable): AsyncGenerator<Buffer> {
  for await (const chunk of source as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      await sleep(TRICKLE_MS, undefined, { ref: false })
      yield Buffer.of(byte)
    }
  }
}

/**
 * Answers 200 with the body, streamed with backpressure; `onBytes` hears every chunk handed to
 * the socket. True once all of it was written, false when the client went away first.
 */
export async function sendBody(ctx: RequestContext, body: MediaBody, fault?: Fault, onBytes?: (n: number) => void): Promise<boolean> {
  const out = hostile(body, fault)
  const res = ctx.res
  ctx.answered = true
  res.statusCode = 200
  res.setHeader('Content-Type', out.type)
  if (out.length !== undefined) res.setHeader('Content-Length', String(out.length))
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes?.(chunk.length)
      done(null, chunk)
    },
  })
  try {
    await pipeline(out.open(), count, res)
    return true
  } catch {
    return false
  }
}
