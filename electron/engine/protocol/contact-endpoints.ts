import { z } from 'zod'
import { D_REFERER } from '../../protocol/constants'
import { envelope, idSchema } from '../http/decode'
import type { Endpoint, WithCredentials } from '../http/endpoint'

/** Contact endpoints (§5). */

const onlineBuddy = z.object({
  uin: idSchema,
  status: z.string(),
  client_type: z.number().optional(),
})
export type OnlineBuddyWire = z.infer<typeof onlineBuddy>

/**
 * get_online_buddies2 (§5.7). Also the call that "registers" the session on the connection
 * server: without it, poll2 answered 103 (§3.8, §8.3). Cheap, so it doubles as a liveness check.
 */
export const getOnlineBuddies2: Endpoint<WithCredentials, OnlineBuddyWire[]> = {
  name: 'get_online_buddies2',
  method: 'GET',
  url: 'http://d1.web2.qq.com/channel/get_online_buddies2',
  referer: D_REFERER,
  query: ({ cred }) => ({ vfwebqq: cred.vfwebqq, clientid: cred.clientid, psessionid: cred.psessionid, t: Date.now() }),
  decode: envelope('get_online_buddies2', z.array(onlineBuddy).nullable().transform((v) => v ?? [])),
}
