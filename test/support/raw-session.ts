import { request, type IncomingHttpHeaders } from 'node:http'
import { expect } from 'vitest'
import type { Session } from '../../electron/engine/session'
import { CGI } from '../../electron/smartqq/constants'
import type { TestEmulator } from './emulator'
import { rForm } from './raw-http'

/**
 * Raw HTTP to the emulator as a logged-in session would send it (its jar's cookies for the URL),
 * with the body as bytes: for the media endpoints, whose exact answers (302 Location, headers,
 * bytes) are what the tests check.
 */

export interface BytesResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
  json(): any
}

/** GET `url` (any host: it goes to the emulator's port with that Host header), optionally with a session's cookies. */
export function getBytes(emu: TestEmulator, url: string, opts: { session?: Session; headers?: Record<string, string>; cookie?: string } = {}): Promise<BytesResponse> {
  return send(emu, url, 'GET', opts)
}

async function send(emu: TestEmulator, url: string, method: string, opts: { session?: Session; headers?: Record<string, string>; cookie?: string; body?: string }): Promise<BytesResponse> {
  const u = new URL(url)
  const cookie = opts.cookie ?? (opts.session ? await opts.session.http.jar.getCookieString(url) : '')
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: emu.port, path: u.pathname + u.search, method, setHost: false, headers: { host: u.host, ...(cookie && { cookie }), ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const body = Buffer.concat(chunks)
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body.toString('utf8')) })
        })
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    if (opts.body) req.write(opts.body)
    req.end()
  })
}

/** Cookies of the session for `url` with some of them left out (to check which ones a route needs). */
export async function cookiesWithout(session: Session, url: string, names: string[]): Promise<string> {
  const all = await session.http.jar.getCookies(url)
  return all
    .filter((c) => !names.includes(c.key))
    .map((c) => `${c.key}=${c.value}`)
    .join('; ')
}

/** A query string from numbers and strings. */
export function queryString(params: Record<string, string | number>): string {
  return new URLSearchParams(Object.entries(params).map(([k, v]): [string, string] => [k, String(v)])).toString()
}

/** A d1 channel call's query: `extra`, then clientid and psessionid. */
export function channelQuery(session: Session, extra: Record<string, string | number>): string {
  return queryString({ ...extra, clientid: session.cred.clientid, psessionid: session.cred.psessionid })
}

/** get_online_buddies2: attaches the session in strict mode (§8.3), so poll2 answers. */
export async function attach(emu: TestEmulator, session: Session): Promise<void> {
  const res = await getBytes(emu, `http://d1.web2.qq.com/channel/get_online_buddies2?vfwebqq=${session.cred.vfwebqq}&${channelQuery(session, { t: Date.now() })}`, {
    session,
    headers: { referer: CGI.d1.referer },
  })
  expect(res.json().retcode).toBe(0)
}

export interface PollItem {
  poll_type: string
  value: Record<string, any>
}

/** One poll2; its items (newest first), or [] when it idled. */
export async function poll(emu: TestEmulator, session: Session): Promise<PollItem[]> {
  const url = 'http://d1.web2.qq.com/channel/poll2'
  const form = rForm({ ptwebqq: '', clientid: session.cred.clientid, psessionid: session.cred.psessionid, key: '' })
  const res = await send(emu, url, 'POST', { session, headers: { ...form.headers, referer: CGI.d1.referer }, body: form.body })
  const body = res.json()
  return body.retcode === 0 && Array.isArray(body.result) ? body.result : []
}

let msgId = 81_000_000

/** The account writes `text` to a friend (send_buddy_msg2, §6.4), as a client would. */
export async function sendBuddy(emu: TestEmulator, session: Session, toUin: string, text: string): Promise<any> {
  const content = JSON.stringify([text, ['font', { name: '宋体', size: 10, style: [0, 0, 0], color: '000000' }]])
  const form = rForm({ to: Number(toUin), content, face: 603, clientid: session.cred.clientid, msg_id: ++msgId, psessionid: session.cred.psessionid })
  const res = await send(emu, 'http://d1.web2.qq.com/channel/send_buddy_msg2', 'POST', { session, headers: { ...form.headers, referer: CGI.d1Https.referer }, body: form.body })
  return res.json()
}

/** Polls until an item of `pollType` (matching `where`) arrives; the poll hold should be short. */
export async function nextItem(emu: TestEmulator, session: Session, pollType: string, where: (v: Record<string, any>) => boolean = () => true): Promise<PollItem> {
  for (let i = 0; i < 50; i++) {
    const found = (await poll(emu, session)).find((item) => item.poll_type === pollType && where(item.value))
    if (found) return found
  }
  throw new Error(`no ${pollType} item arrived`)
}
