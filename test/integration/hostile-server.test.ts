import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, createGzip, deflateSync, gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeContent } from '../../electron/engine/codec/content'
import { EngineError } from '../../electron/engine/errors'
import { HttpClient } from '../../electron/engine/http/client'
import { DEFAULT_MAX_BODY_BYTES, type Credentials } from '../../electron/engine/http/endpoint'
import { emulatorProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { getSelfInfo2, getUserFriends2 } from '../../electron/engine/endpoints/contact-endpoints'
import { poll2 } from '../../electron/engine/endpoints/message-endpoints'

/**
 * The engine against a server that means harm (issue 8): every answer body is capped, as sent
 * and decompressed; each attack ends in a clear EngineError, memory stays bounded, and the
 * next call works. The profile points every *.qq.com name at this test's own server.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler
let server: Server
let http: HttpClient
/** 256 MB of zeros, gzipped (≈255 kB): the bomb that once took 1.5 GB of RSS. */
let bomb: Buffer

const cred: Credentials = { uin: '10001', ptwebqq: 'p', vfwebqq: 'v', psessionid: 's', clientid: 53999199 }
const SELF = JSON.stringify({ retcode: 0, result: { uin: 10001, nick: 'me', face: 0, gender: '', country: '', province: '', city: '', lnick: '', birthday: {} } })

async function gzipZeros(bytes: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 })
  const out: Buffer[] = []
  gz.on('data', (c: Buffer) => out.push(c))
  const done = new Promise((r) => gz.on('end', r))
  const chunk = Buffer.alloc(1024 * 1024)
  for (let written = 0; written < bytes; written += chunk.length) {
    if (!gz.write(chunk)) await new Promise((r) => gz.once('drain', r))
  }
  gz.end()
  await done
  return Buffer.concat(out)
}

beforeAll(async () => {
  bomb = await gzipZeros(256 * 1024 * 1024)
  server = createServer((req, res) => handler(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  http = new HttpClient(emulatorProfile({ address: '127.0.0.1', httpPort: port }), { logger: new Logger(), timeoutMs: 2000 })
}, 60_000)
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

function serve(status: number, headers: Record<string, string | number>, body: Buffer | string): Handler {
  return (_req, res) => {
    res.writeHead(status, headers)
    res.end(body)
  }
}

async function failure(p: Promise<unknown>): Promise<EngineError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(EngineError)
  return err as EngineError
}

async function nextCallWorks(): Promise<void> {
  handler = serve(200, { 'content-type': 'application/json' }, SELF)
  await expect(http.call(getSelfInfo2, undefined)).resolves.toMatchObject({ nick: 'me' })
}

describe('engine HTTP against a hostile server', () => {
  it('reads gzip, deflate (wrapped and raw) and brotli answers', async () => {
    for (const [encoding, body] of [
      ['gzip', gzipSync(SELF)],
      ['deflate', deflateSync(SELF)],
      ['deflate', deflateSync(SELF).subarray(2, -4)],
      ['br', brotliCompressSync(SELF)],
    ] as const) {
      handler = serve(200, { 'content-type': 'application/json', 'content-encoding': encoding }, body)
      await expect(http.call(getSelfInfo2, undefined), encoding).resolves.toMatchObject({ nick: 'me' })
    }
  })

  it('stops a gzip bomb at the limit: malformed, memory bounded, and the next call works', async () => {
    expect(bomb.length).toBeLessThan(300 * 1024)
    handler = serve(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, bomb)
    const before = process.memoryUsage().rss
    const err = await failure(http.call(getSelfInfo2, undefined))
    const grown = process.memoryUsage().rss - before
    console.info(`gzip bomb: RSS grew by ${(grown / 1024 / 1024).toFixed(1)} MB (limit ${DEFAULT_MAX_BODY_BYTES} B)`)
    expect(err.kind).toBe('malformed')
    expect(err.message).toMatch(/larger than/)
    // Loose: the bomb inflates to 256 MB; the limit is 1 MiB.
    expect(grown).toBeLessThan(64 * 1024 * 1024)
    await nextCallWorks()
  })

  it('stops brotli and deflate bombs too', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024)
    for (const [encoding, body] of [
      ['br', brotliCompressSync(zeros)],
      ['deflate', deflateSync(zeros)],
    ] as const) {
      handler = serve(200, { 'content-encoding': encoding }, body)
      expect((await failure(http.call(getSelfInfo2, undefined))).message, encoding).toMatch(/larger than/)
    }
    await nextCallWorks()
  })

  it('refuses a 10 MB body, by its Content-Length and by counting when it sends none', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x20)
    handler = serve(200, { 'content-length': big.length }, big)
    expect((await failure(http.call(getSelfInfo2, undefined))).message).toMatch(/larger than/)
    handler = (_req, res) => {
      res.writeHead(200, { 'transfer-encoding': 'chunked' })
      res.end(big)
    }
    expect((await failure(http.call(getSelfInfo2, undefined))).message).toMatch(/larger than/)
    await nextCallWorks()
  })

  it('cancels an endless body once it passes the limit', async () => {
    let closed = false
    handler = (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const chunk = Buffer.alloc(64 * 1024, 0x5b)
      const pump = () => {
        while (!closed && res.write(chunk));
        if (!closed) res.once('drain', pump)
      }
      req.socket.once('close', () => (closed = true))
      pump()
    }
    const err = await failure(http.call(getSelfInfo2, undefined))
    expect(err.kind).toBe('malformed')
    expect(err.message).toMatch(/larger than/)
    await nextCallWorks()
    expect(closed).toBe(true)
  })

  it('ends a lying Content-Length in an EngineError either way', async () => {
    // Says 1 GB, sends a little and waits: refused on the header, before any body.
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': 1024 ** 3 })
      res.write('{"retcode":0')
    }
    expect((await failure(http.call(getSelfInfo2, undefined))).message).toMatch(/larger than/)
    // Says 40 bytes, sends 10 and hangs up: the answer is cut off.
    handler = (req, res) => {
      res.writeHead(200, { 'content-length': 40 })
      res.write('{"retcode"')
      setTimeout(() => req.socket.destroy(), 20)
    }
    expect((await failure(http.call(getSelfInfo2, undefined))).kind).toBe('network')
    // Says 12 bytes and sends 2 MB: the 12 are not an answer, and the rest is no response at all
    // (which of the two Node's parser reports first is its business).
    handler = (req, res) => {
      req.socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 12\r\n\r\n{"retcode":0${' '.repeat(2 * 1024 * 1024)}`)
      req.socket.end()
      void res
    }
    expect(['malformed', 'network']).toContain((await failure(http.call(getSelfInfo2, undefined))).kind)
    await nextCallWorks()
  })

  it('gives up on a body that stalls, with a timeout', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{"retcode":0,"result":')
    }
    const err = await failure(http.call(getSelfInfo2, undefined, { timeoutMs: 300 }))
    expect(err.kind).toBe('timeout')
    await nextCallWorks()
  })

  it('calls a body that does not decompress malformed', async () => {
    handler = serve(200, { 'content-encoding': 'gzip' }, 'not gzip at all')
    expect((await failure(http.call(getSelfInfo2, undefined))).kind).toBe('malformed')
    handler = serve(200, { 'content-encoding': 'compress' }, SELF)
    expect((await failure(http.call(getSelfInfo2, undefined))).message).toMatch(/unknown content encoding/)
    await nextCallWorks()
  })

  it('takes the friend list of a big account: its limit is above the default', async () => {
    const friends = Array.from({ length: 5000 }, (_, i) => ({ uin: 1_000_000 + i, categories: 0, flag: 0 }))
    const info = friends.map((f) => ({ uin: f.uin, nick: `好友${f.uin}`.repeat(20), face: 0, flag: 0 }))
    const body = JSON.stringify({ retcode: 0, result: { friends, marknames: [], categories: [], vipinfo: [], info } })
    expect(body.length).toBeGreaterThan(DEFAULT_MAX_BODY_BYTES)
    expect(body.length).toBeLessThan(getUserFriends2.maxBytes)
    handler = serve(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(body))
    expect((await http.call(getUserFriends2, { cred })).friends).toHaveLength(5000)
    // The same answer is too big for an endpoint with the default limit.
    handler = serve(200, { 'content-type': 'application/json' }, body)
    expect((await failure(http.call(getSelfInfo2, undefined))).message).toMatch(/larger than/)
  })

  it('survives a poll2 answer of 100,000-deep nested arrays, as the result and as a message content', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000)
    handler = serve(200, { 'content-type': 'application/json' }, `{"retcode":0,"result":${deep}}`)
    const a = await http.call(poll2, { cred }).catch((e: unknown) => e)
    expect(a instanceof EngineError || (a as { kind: string }).kind === 'events').toBe(true)
    const item = `{"poll_type":"message","value":{"msg_id":1,"from_uin":1,"to_uin":10001,"msg_type":0,"reply_ip":0,"time":1,"content":${deep}}}`
    handler = serve(200, { 'content-type': 'application/json' }, `{"retcode":0,"result":[${item}]}`)
    const b = await http.call(poll2, { cred })
    expect(b.kind).toBe('events')
    // The content decoder walks what the poll let through: one element it does not know.
    for (const e of b.kind === 'events' ? b.events : []) {
      if (e.type === 'message') expect(decodeContent(e.value.content).segments).toEqual([{ type: 'unsupported', label: 'unknown' }])
    }
    // With an escape that needs the reviver, whose walk is recursive: a clear malformed answer.
    handler = serve(200, { 'content-type': 'application/json' }, `{"retcode":0,"p":"\\u0000","result":${deep}}`)
    const c = await http.call(poll2, { cred }).catch((e: unknown) => e)
    expect(c instanceof EngineError ? c.kind : (c as { kind: string }).kind).toMatch(/^(malformed|events)$/)
    await nextCallWorks()
  })
})
