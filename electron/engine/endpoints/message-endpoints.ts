import { z } from 'zod'
import { CGI } from '../../smartqq/constants'
import { rawNumber } from '../../smartqq/json'
import { EngineError, protocolError } from '../errors'
import { envelope, jsonBody, statusOf } from '../http/decode'
import type { Endpoint, HttpResponse, WithCredentials } from '../http/endpoint'
import type { DiscussionId, GroupId, Uin } from './ids'
import { parsePollItems, type PollEvent } from './poll-items'

/** poll2 (§6.1) and the sends (§6.4, §6.7). */

/** What one poll2 answer means for the loop (§6.1 table). */
export type PollAnswer =
  | { kind: 'events'; events: PollEvent[]; rejected: number }
  /** Nothing arrived: 102 (≤2016), HTTP 504 / 502 (2017), 100012 (2017–2018). */
  | { kind: 'idle' }
  /** 2018's {"retcode":0,"retmsg":"ok","errmsg":"error"} with no result. */
  | { kind: 'anomaly' }
  /** 116: ptwebqq rotated, new value in "p" (§3.10). */
  | { kind: 'rotate'; ptwebqq: string }
  | { kind: 'retcode'; retcode: number }

function decodePoll(res: HttpResponse): PollAnswer {
  // 2017's idle poll: nginx gave up on the held request (§6.1); nothing is wrong with the session.
  if (res.status === 504 || res.status === 502) return { kind: 'idle' }
  const body = jsonBody('poll2', res)
  const retcode = statusOf(body)
  const o = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  if (retcode === undefined) throw new EngineError('malformed', 'poll2: answer has no retcode', { endpoint: 'poll2' })
  if (retcode === 0) {
    if (o.result === undefined && o.errmsg === 'error') return { kind: 'anomaly' }
    return { kind: 'events', ...parsePollItems(o.result) }
  }
  if (retcode === 102 || retcode === 100012) return { kind: 'idle' }
  if (retcode === 116) {
    if (typeof o.p !== 'string') throw new EngineError('malformed', 'poll2: 116 without a new ptwebqq', { endpoint: 'poll2' })
    return { kind: 'rotate', ptwebqq: o.p }
  }
  return { kind: 'retcode', retcode }
}

/**
 * The long poll. `ptwebqq` as the doc's table has it (§6.1, §3.10): the login's value, which the
 * service of 2018 handed out empty; a non-empty one drew an error answer from 2018-01, after
 * which the poll loop sends "" (poll-loop.ts). The read timeout is the official client's 120 s.
 */
export const poll2: Endpoint<WithCredentials<{ ptwebqq?: string }>, PollAnswer> = {
  name: 'poll2',
  method: 'POST',
  url: `${CGI.d1Https.origin}/channel/poll2`,
  referer: CGI.d1Https.referer,
  origin: CGI.d1Https.origin,
  form: ({ cred, ptwebqq }) => ({ ptwebqq: ptwebqq ?? cred.ptwebqq, clientid: cred.clientid, psessionid: cred.psessionid, key: '' }),
  timeoutMs: 120_000,
  // One item is ≲1 kB (a 720-byte message, §6.4, in its envelope); a poll takes everything
  // queued, so after an outage it can carry thousands. 8 MiB ≈ 8,000 full-length messages.
  maxBytes: 8 * 1024 * 1024,
  decode: decodePoll,
}

/** How a send ended: accepted (`delivered` for 100100, which the service sent for delivered messages). */
export type SendAnswer = { kind: 'ok' } | { kind: 'delivered-odd'; retcode: number }

function decodeSend(name: string) {
  return (res: HttpResponse): SendAnswer => {
    const body = jsonBody(name, res)
    const status = statusOf(body)
    if (status === undefined) throw new EngineError('malformed', `${name}: answer has no status`, { endpoint: name })
    if (status === 0) return { kind: 'ok' }
    // 100100: "error!!!" although the message was delivered (§2.6, §6.4).
    if (status === 100100) return { kind: 'delivered-odd', retcode: status }
    throw protocolError(name, status)
  }
}

interface SendCommon {
  content: string
  msgId: number
  face: number
}

function sendEndpoint<P extends SendCommon>(name: string, target: (p: P) => Record<string, unknown>): Endpoint<WithCredentials<P>, SendAnswer> {
  return {
    name,
    method: 'POST',
    url: `${CGI.d1Https.origin}/channel/${name}`,
    referer: CGI.d1Https.referer,
    origin: CGI.d1Https.origin,
    form: (p) => ({
      ...target(p),
      content: p.content,
      face: p.face,
      clientid: p.cred.clientid,
      msg_id: p.msgId,
      psessionid: p.cred.psessionid,
    }),
    timeoutMs: 30_000,
    decode: decodeSend(name),
  }
}

export const sendBuddyMsg2 = sendEndpoint<SendCommon & { to: Uin }>('send_buddy_msg2', (p) => ({ to: rawNumber(p.to) }))
export const sendQunMsg2 = sendEndpoint<SendCommon & { gid: GroupId }>('send_qun_msg2', (p) => ({ group_uin: rawNumber(p.gid) }))
export const sendDiscuMsg2 = sendEndpoint<SendCommon & { did: DiscussionId }>('send_discu_msg2', (p) => ({ did: rawNumber(p.did) }))
export const sendSessMsg2 = sendEndpoint<SendCommon & { to: Uin; groupSig: string; serviceType: 0 | 1 }>('send_sess_msg2', (p) => ({
  to: rawNumber(p.to),
  group_sig: p.groupSig,
  service_type: p.serviceType,
}))

/** The signature a temporary session needs (§6.7): `id` is the gid (group) or did (discussion). */
export const getC2cmsgSig2: Endpoint<WithCredentials<{ id: string; to: Uin; serviceType: 0 | 1 }>, string> = {
  name: 'get_c2cmsg_sig2',
  method: 'GET',
  url: `${CGI.d1.origin}/channel/get_c2cmsg_sig2`,
  referer: CGI.d1.referer,
  query: ({ cred, id, to, serviceType }) => ({ id, to_uin: to, service_type: serviceType, clientid: cred.clientid, psessionid: cred.psessionid, t: Date.now() }),
  decode: (res) => envelope('get_c2cmsg_sig2', z.object({ value: z.string().catch('') }))(res).value,
}
