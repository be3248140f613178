import { getEventListeners } from 'node:events'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import type { Credentials } from '../../electron/engine/http/endpoint'
import { poll2 } from '../../electron/engine/endpoints/message-endpoints'
import { useLocalServer } from '../support/use-local-server'

/**
 * Every request lets go of the caller's AbortSignal once its answer is read (got's stream API
 * destroys nothing by itself): the poll loop passes one signal for the whole session, and each
 * poll left a listener on it holding its request — the backend heap grew ~17 KB a request, +100 MB
 * over the memory bench. Keep-alive still holds: the answers come over one connection.
 */

const cred: Credentials = { uin: '10001', ptwebqq: 'p', vfwebqq: 'v', psessionid: 's', clientid: 53999199 }
const IDLE = JSON.stringify({ retcode: 102, errmsg: '' })
let body = IDLE
const sockets = new Set<Socket>()
const { http } = await useLocalServer((req, res) => {
  sockets.add(req.socket)
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(body)
  })
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
