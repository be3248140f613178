import { EngineError } from '../errors'
import { jsonBody, statusOf } from '../http/decode'
import type { Endpoint, HttpResponse, WithCredentials } from '../http/endpoint'
import { PICTURE_MAX_BYTES } from '../media/identify'

/** The picture and avatar CGIs (§7.1, §7.2, §7.6). Their answers are bytes, a redirect, or a JSON refusal. */

export type MediaAnswer =
  /** The bytes themselves (get_group_pic may answer so; getface does). */
  | { kind: 'bytes'; body: Buffer }
  /** 302 to the image host: `location` as the header came (Node reads header bytes as latin1). */
  | { kind: 'redirect'; location: string }
  /** The service has no such picture (or no session for it): `{"retcode":103}`, 404. Not worth retrying. */
  | { kind: 'gone'; retcode?: number; status?: number }

const REDIRECTS = new Set([301, 302, 303, 307, 308])

export function mediaAnswer(name: string) {
  return (res: HttpResponse): MediaAnswer => {
    if (REDIRECTS.has(res.status)) {
      const location = res.headers.location
      if (typeof location !== 'string' || !location) throw new EngineError('malformed', `${name}: redirect without a Location`, { endpoint: name })
      return { kind: 'redirect', location }
    }
    if (res.status === 404) return { kind: 'gone', status: 404 }
    if (res.status !== 200) throw new EngineError('http', `${name}: HTTP ${res.status}`, { endpoint: name, status: res.status })
    const type = String(res.headers['content-type'] ?? '')
    // §7.1: an expired path or a dead session is a 200 JSON body, not an image.
    if (/json|javascript|text\//i.test(type) || res.body.subarray(0, 1).toString() === '{') {
      let retcode: number | undefined
      try {
        retcode = statusOf(jsonBody(name, res))
      } catch {
        // Text that is no JSON: not a picture either.
      }
      return { kind: 'gone', ...(retcode !== undefined && { retcode }) }
    }
    return { kind: 'bytes', body: res.body }
  }
}

/** The CGI's answer can take 10–45 s before the 302 (§7.1). */
const CGI_TIMEOUT_MS = 60_000

/**
 * A friend's offline picture (§7.1), through w.qq.com/d/channel as the official page loaded it
 * (an <img>: Referer the page, the jar's cookies; p_skey / p_uin copied onto w.qq.com, §2.5).
 */
export const getOffpic2: Endpoint<WithCredentials<{ filePath: string; fromUin: string }>, MediaAnswer> = {
  name: 'get_offpic2',
  method: 'GET',
  url: 'http://w.qq.com/d/channel/get_offpic2',
  referer: 'http://w.qq.com/',
  query: ({ cred, filePath, fromUin }) => ({ file_path: filePath, f_uin: fromUin, clientid: cred.clientid, psessionid: cred.psessionid }),
  timeoutMs: CGI_TIMEOUT_MS,
  maxBytes: 64 * 1024,
  decode: mediaAnswer('get_offpic2'),
}

/** A group (type 0, by the group's code) or discussion (type 1, by did) picture (§7.2). */
export const getGroupPic: Endpoint<
  WithCredentials<{ type: 0 | 1; gid: string; uin: string; rip: string; rport: string; fileId: string; name: string }>,
  MediaAnswer
> = {
  name: 'get_group_pic',
  method: 'GET',
  url: 'http://web2.qq.com/cgi-bin/get_group_pic',
  referer: 'http://web2.qq.com/webqq.html',
  query: (p) => ({
    type: p.type,
    gid: p.gid,
    uin: p.uin,
    rip: p.rip,
    rport: p.rport,
    fid: p.fileId,
    pic: p.name,
    vfwebqq: p.cred.vfwebqq,
    t: Math.floor(Date.now() / 1000),
  }),
  timeoutMs: CGI_TIMEOUT_MS,
  maxBytes: PICTURE_MAX_BYTES,
  decode: mediaAnswer('get_group_pic'),
}

/** A custom face in a friend message (§7.2): `lcid` is the message's msg_id. */
export const getCface2: Endpoint<WithCredentials<{ lcid: string; name: string; to: string }>, MediaAnswer> = {
  name: 'get_cface2',
  method: 'GET',
  url: 'http://d.web2.qq.com/channel/get_cface2',
  referer: 'http://web2.qq.com/webqq.html',
  query: ({ cred, lcid, name, to }) => ({ lcid, guid: name, to, count: 5, time: 1, clientid: cred.clientid, psessionid: cred.psessionid }),
  timeoutMs: CGI_TIMEOUT_MS,
  maxBytes: 64 * 1024,
  decode: mediaAnswer('get_cface2'),
}

/**
 * An avatar (§7.6): type 1 a person by uin, 4 a group by gid, on face1…face10, the host picked
 * from the uin as the WebQQ page spread them (`uin % 10 + 1`).
 */
export function getFace(type: 1 | 4, uin: string): Endpoint<WithCredentials, MediaAnswer> {
  const n = Number(BigInt(uin) % 10n) + 1
  return {
    name: 'getface',
    method: 'GET',
    url: `http://face${n}.web.qq.com/cgi/svr/face/getface`,
    referer: 'http://w.qq.com/',
    query: ({ cred }) => ({ cache: 1, type, f: 40, uin, t: Math.floor(Date.now() / 1000), vfwebqq: cred.vfwebqq }),
    timeoutMs: 20_000,
    maxBytes: 2 * 1024 * 1024,
    decode: mediaAnswer('getface'),
  }
}
