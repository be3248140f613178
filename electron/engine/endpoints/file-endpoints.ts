import { EngineError, protocolError } from '../errors'
import { jsonBody, statusOf } from '../http/decode'
import type { Endpoint, HttpResponse, WithCredentials } from '../http/endpoint'
import { CGI } from '../../smartqq/constants'

/** Receiving an online file (§7.3): get_file2 answers a redirect to the file host, refuse_file2 declines. */

export type FileAnswer =
  /** 302 to file1.web.qq.com: `location` as the header came (latin1-read bytes, see file-url.ts). */
  | { kind: 'redirect'; location: string }
  /** `{"retcode":102}`: the offer expired (or is unknown). */
  | { kind: 'expired' }

function decodeGetFile(res: HttpResponse): FileAnswer {
  if (res.status >= 300 && res.status < 400) {
    const location = res.headers.location
    if (typeof location !== 'string' || !location) throw new EngineError('malformed', 'get_file2: redirect without a Location', { endpoint: 'get_file2' })
    return { kind: 'redirect', location }
  }
  const status = statusOf(jsonBody('get_file2', res))
  if (status === 102) return { kind: 'expired' }
  if (status === undefined) throw new EngineError('malformed', 'get_file2: answer has no retcode', { endpoint: 'get_file2' })
  throw protocolError('get_file2', status)
}

/** `guid` is the offered name, URL-encoded (lwqq; the official page did not encode it, §7.3). */
export const getFile2: Endpoint<WithCredentials<{ lcid: number; name: string; to: string }>, FileAnswer> = {
  name: 'get_file2',
  method: 'GET',
  url: `${CGI.d1.origin}/channel/get_file2`,
  referer: CGI.d1.referer,
  query: ({ cred, lcid, name, to }) => ({ lcid, guid: name, to, psessionid: cred.psessionid, count: 1, time: Date.now(), clientid: cred.clientid }),
  timeoutMs: 60_000,
  maxBytes: 64 * 1024,
  decode: decodeGetFile,
}

export const refuseFile2: Endpoint<WithCredentials<{ lcid: number; to: string }>, void> = {
  name: 'refuse_file2',
  method: 'GET',
  url: `${CGI.d1.origin}/channel/refuse_file2`,
  referer: CGI.d1.referer,
  query: ({ cred, lcid, to }) => ({ to, lcid, clientid: cred.clientid, psessionid: cred.psessionid, t: Date.now() }),
  timeoutMs: 15_000,
  retries: 1,
  decode: (res) => {
    // lwqq checks only the retcode (§7.3).
    const status = statusOf(jsonBody('refuse_file2', res))
    if (status !== 0) throw status === undefined ? new EngineError('malformed', 'refuse_file2: answer has no retcode', { endpoint: 'refuse_file2' }) : protocolError('refuse_file2', status)
  },
}
