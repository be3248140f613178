import { spawn } from 'node:child_process'
import { request as httpRequest, Agent } from 'node:http'
import got from 'got'
import { CookieJar } from 'tough-cookie'
import { poll2 } from '../../electron/engine/endpoints/message-endpoints'
import { HttpClient } from '../../electron/engine/http/client'
import type { Credentials } from '../../electron/engine/http/endpoint'
import { emulatorProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { min, median, type Report, type Scenario } from './bench'

/**
 * One poll2 answer's cost in the engine, as CPU time per request (issue 13): HttpClient.call(poll2)
 * with a logged-in session's cookie jar, against a server in another process that answers every
 * poll at once with one buddies_status_change; beside it the same request through got's stream
 * API alone and through bare node:http (the floors), the jar's Cookie lookup and poll2's decode
 * alone. CPU time of this process only, the minimum of ROUNDS rounds: what other processes on
 * the machine do inflates a round, never shrinks one.
 */

const ROUNDS = 40
const PER_ROUND = 100
const ANSWER = JSON.stringify({ retcode: 0, result: [{ poll_type: 'buddies_status_change', value: { uin: 3021134567, status: 'away', client_type: 1 } }] })
/** The server: every request answered at once (keep-alive); GET /headers gives the last POST's headers. */
const SERVER = `
const http = require('node:http')
const body = ${JSON.stringify(ANSWER)}
let last = {}
const srv = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/headers') return res.end(JSON.stringify(last))
  last = req.headers
  req.resume()
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': Buffer.byteLength(body) }); res.end(body) })
})
srv.keepAliveTimeout = 60000
srv.listen(0, '127.0.0.1', () => process.stdout.write(srv.address().port + '\\n'))
`

/** A logged-in session's cookies on their real domains (§2.5): what poll2's lookup walks. */
async function sessionJar(qq: string): Promise<CookieJar> {
  const jar = new CookieJar()
  const o = `o${qq.padStart(10, '0')}`
  const set = (line: string, url: string) => jar.setCookie(line, url)
  for (const c of [`ptwebqq=${'a'.repeat(64)}`, `uin=${o}`, 'skey=@Ab3dE5gHi', `pt2gguin=${o}; Expires=Fri, 02-Jan-2037 00:00:00 GMT`, 'ptisp=ctc', 'RK=Ab3dE5gHi0', `ptcz=${'b'.repeat(64)}`]) await set(`${c}; Domain=qq.com; Path=/`, 'https://ptlogin2.qq.com/')
  for (const c of [`p_uin=${o}`, `p_skey=${'c'.repeat(43)}_`, `pt4_token=${'d'.repeat(43)}_`]) await set(`${c}; Domain=web2.qq.com; Path=/`, 'https://web2.qq.com/')
  for (const c of [`superuin=${o}`, 'superkey=xyz; HttpOnly', 'supertoken=1234567890', `pt_recent_uins=${'e'.repeat(80)}`]) await set(`${c}; Domain=ptlogin2.qq.com; Path=/`, 'https://ptlogin2.qq.com/')
  return jar
}

const scenario: Scenario = {
  name: 'poll-path',
  title: 'CPU per poll2 answer in the engine, against got alone and bare node:http (one buddies_status_change per answer)',
  async run(report: Report) {
    const server = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
    try {
      const port = await new Promise<number>((r) => server.stdout.once('data', (d) => r(Number(String(d).trim()))))
      const profile = emulatorProfile({ address: '127.0.0.1', httpPort: port })
      const qq = '2851234567'
      const jar = await sessionJar(qq)
      const client = new HttpClient(profile, { logger: new Logger(), jar })
      const cred: Credentials = { uin: qq, ptwebqq: 'a'.repeat(64), vfwebqq: 'v'.repeat(64), psessionid: `8368046764001d636f6e6e7365727665725f77656271715f${'f'.repeat(32)}`, clientid: 53999199 }
      await client.call(poll2, { cred })
      // The floors send what the engine sent: its headers (cookie included) and its body.
      const headers = (await got(`http://127.0.0.1:${port}/headers`).json()) as Record<string, string>
      delete headers.host
      delete headers.connection
      const body = new URLSearchParams({ r: JSON.stringify(poll2.form!({ cred })) }).toString()
      const url = `http://d1.web2.qq.com:${port}/channel/poll2`
      const bare = got.extend({ dnsLookup: profile.dnsLookup as never, followRedirect: false, throwHttpErrors: false, retry: { limit: 0 }, decompress: false })
      const agent = new Agent({ keepAlive: true })
      const answer = await client.fetch(poll2, { cred })
      const variants: Array<[string, () => Promise<unknown>]> = [
        ['engine: HttpClient.call(poll2)', () => client.call(poll2, { cred })],
        ["got's stream API alone (same headers, body and timeout)", () =>
          new Promise((resolve, reject) => {
            const req = bare.stream(url, { method: 'POST', headers, body, timeout: { request: 120_000 } })
            const chunks: Buffer[] = []
            req.on('data', (c: Buffer) => chunks.push(c))
            req.on('end', () => resolve(Buffer.concat(chunks)))
            req.on('error', reject)
          })],
        ['bare node:http (floor)', () =>
          new Promise((resolve, reject) => {
            const req = httpRequest(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: profile.dnsLookup as never, agent }, (res) => {
              const chunks: Buffer[] = []
              res.on('data', (c: Buffer) => chunks.push(c))
              res.on('end', () => resolve(Buffer.concat(chunks)))
            })
            req.setTimeout(120_000)
            req.on('error', reject)
            req.end(body)
          })],
        ["tough-cookie's lookup of poll2's Cookie header", async () => jar.getCookieStringSync(answer.url)],
        ["poll2's decode of the answer", async () => poll2.decode(answer)],
      ]
      const perRequest = new Map<string, number[]>()
      for (let round = 0; round < ROUNDS; round++) {
        for (const [name, run] of variants) {
          for (let i = 0; i < 20; i++) await run()
          const c0 = process.cpuUsage()
          for (let i = 0; i < PER_ROUND; i++) await run()
          const c = process.cpuUsage(c0)
          perRequest.set(name, [...(perRequest.get(name) ?? []), (c.user + c.system) / 1000 / PER_ROUND])
        }
      }
      report.note(`${ROUNDS} rounds of ${PER_ROUND} requests each, one after the other over one keep-alive connection; this process's CPU time per request (user + system: the socket writes are system time), minimum of the rounds (median beside it); plain http (the app's poll2 is https: TLS comes on top of every variant)`)
      const floor = min(perRequest.get('bare node:http (floor)')!)
      for (const [name] of variants) {
        const runs = perRequest.get(name)!
        report.line(min(runs) * 1000, 'µs', `${name} (median ${(median(runs) * 1000).toFixed(0)}; ${(min(runs) / floor).toFixed(2)}× the floor)`)
      }
      const engine = min(perRequest.get('engine: HttpClient.call(poll2)')!)
      const gotAlone = min(perRequest.get("got's stream API alone (same headers, body and timeout)")!)
      report.line((engine - gotAlone) * 1000, 'µs', 'the engine beyond got: URL and form, Cookie lookup and Set-Cookie, body limit, decode, logging')
      report.line((gotAlone - floor) * 1000, 'µs', "got beyond node:http: its Options and Request, timers, stream plumbing")
      report.summary(`poll2 answer ${engine.toFixed(3)} ms CPU (got alone ${gotAlone.toFixed(3)}, node:http ${floor.toFixed(3)}): ${(engine / floor).toFixed(2)}× the floor; 100 answers a second would cost ${(engine * 10).toFixed(1)} % of one core`)
    } finally {
      server.kill()
    }
  },
}

export default scenario
