import { getEventListeners } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../electron/engine/http/client'
import type { Credentials } from '../../electron/engine/http/endpoint'
import { emulatorProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { poll2 } from '../../electron/engine/endpoints/message-endpoints'

/**
 * Every request lets go of the caller's AbortSignal once its answer is read (got's stream API
 * destroys nothing by itself): the poll loop passes one signal for the whole session, and each
 * poll left a listener on it holding its request — the backend heap grew ~17 KB a request, +100 MB
 * over the memory bench. Keep-alive still holds: the answers come over one connection.
 */

const cred: Credentials = { uin: '10001', ptwebqq: 'p', vfwebqq: 'v', psessionid: 's', clientid: 53999199 }
const IDLE = JSON.stringify({ retcode: 102, errmsg: '' })
let server: Server
let http: HttpClient
let body = IDLE
const sockets = new Set<Socket>()

beforeAll(async () => {
  server = createServer((req, res) => {
    sockets.add(req.socket)
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(body)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  http = new HttpClient(emulatorProfile({ address: '127.0.0.1', httpPort: port }), { logger: new Logger(), timeoutMs: 2000 })
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})

describe('engine HTTP requests release what they hold', () => {
  it('leaves no listener on a long-lived AbortSignal after 50 answers, over one keep-alive connection', async () => {
    const session = new AbortController()
    sockets.clear()
    body = IDLE
    for (let i = 0; i < 50; i++) await http.call(poll2, { cred }, { signal: session.signal })
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0)
    expect(sockets.size).toBe(1)
  })

  it('leaves none after answers that fail: one over the body limit, one that does not decode', async () => {
    const session = new AbortController()
    body = 'x'.repeat(2 * 1024 * 1024)
    await expect(http.call(poll2, { cred }, { signal: session.signal })).rejects.toMatchObject({ kind: expect.any(String) })
    body = '{"retcode": '
    await expect(http.call(poll2, { cred }, { signal: session.signal })).rejects.toMatchObject({ kind: expect.any(String) })
    expect(getEventListeners(session.signal, 'abort')).toHaveLength(0)
  })
})
