import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { EngineError } from '../../electron/engine/errors'
import type { Credentials } from '../../electron/engine/http/endpoint'
import { getSelfInfo2 } from '../../electron/engine/endpoints/contact-endpoints'
import { poll2 } from '../../electron/engine/endpoints/message-endpoints'
import { useLocalServer } from '../support/use-local-server'

/**
 * The engine's requests read and keep cookies themselves (issue 13: got's cookieJar option cost
 * a fifth of a poll answer): what an answer sets is in the jar and goes with the next request it
 * matches by domain and path, a deletion takes a cookie out, and a cookie the jar refuses fails
 * the request as got's option did. Every *.qq.com name reaches this test's own server.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void
let handler: Handler
const seen: Array<{ path: string; cookie: string | undefined }> = []
const cred: Credentials = { uin: '10001', ptwebqq: 'p', vfwebqq: 'v', psessionid: 's', clientid: 53999199 }
const SELF = JSON.stringify({ retcode: 0, result: { uin: 10001, nick: 'me', face: 0, gender: '', country: '', province: '', city: '', lnick: '', birthday: {} } })
const IDLE = JSON.stringify({ retcode: 102, errmsg: '' })

function answer(body: string, setCookie: string[] = []): Handler {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...(setCookie.length && { 'set-cookie': setCookie }) })
    res.end(body)
  }
}

const { http } = await useLocalServer((req, res) => {
  seen.push({ path: new URL(req.url!, 'http://x').pathname, cookie: req.headers.cookie })
  handler(req, res)
})

describe('engine HTTP cookies', () => {
  it('keeps what an answer sets and sends it with the next request it matches, by domain and path', async () => {
    handler = answer(SELF, ['skey=@Ab3dE5gHi; PATH=/; DOMAIN=qq.com;', 'p_skey=tok_; PATH=/; DOMAIN=web2.qq.com;', 'only=here; PATH=/api/; DOMAIN=s.web2.qq.com;'])
    await http.call(getSelfInfo2, undefined)
    expect(await http.cookie('skey', 'https://d1.web2.qq.com/channel/poll2')).toBe('@Ab3dE5gHi')
    seen.length = 0
    handler = answer(IDLE)
    await http.call(poll2, { cred })
    // poll2 is on d1.web2.qq.com/channel: the qq.com and web2.qq.com cookies, not s.web2's /api/ one.
    expect(seen[0]!.cookie?.split('; ').sort()).toEqual(['p_skey=tok_', 'skey=@Ab3dE5gHi'])
    seen.length = 0
    handler = answer(SELF)
    await http.call(getSelfInfo2, undefined)
    expect(seen[0]!.cookie?.split('; ').sort()).toEqual(['only=here', 'p_skey=tok_', 'skey=@Ab3dE5gHi'])
  })

  it('takes a cookie out when an answer deletes it, and sends the changed value after a change', async () => {
    handler = answer(IDLE, ['skey=@Zz9yX8wVu; PATH=/; DOMAIN=qq.com;', 'p_skey=; EXPIRES=Fri, 02-Jan-1970 00:00:00 GMT; PATH=/; DOMAIN=web2.qq.com;'])
    await http.call(poll2, { cred })
    seen.length = 0
    await http.call(poll2, { cred })
    expect(seen[0]!.cookie).toBe('skey=@Zz9yX8wVu')
  })

  it('fails a request whose answer sets a cookie for another site, as a network error, and the next call works', async () => {
    handler = answer(SELF, ['evil=1; PATH=/; DOMAIN=example.com;'])
    const err = await http.call(getSelfInfo2, undefined).then(() => undefined, (e: unknown) => e)
    expect(err).toBeInstanceOf(EngineError)
    expect((err as EngineError).kind).toBe('network')
    expect(await http.cookie('evil', 'https://example.com/')).toBeUndefined()
    handler = answer(SELF)
    await expect(http.call(getSelfInfo2, undefined)).resolves.toMatchObject({ nick: 'me' })
  })
})
