import { z } from 'zod'
import { CGI } from '../../smartqq/constants'
import { friendHash } from '../../smartqq/hash'
import { rawNumber } from '../../smartqq/json'
import type { StatusName } from '../../smartqq/status'
import { envelope, idField, idSchema, intField, intOr, intSchema as num, optional, optionalInt, records, shape, textField } from '../http/decode'
import type { Endpoint, WithCredentials } from '../http/endpoint'
import { type GroupCode, type QqNumber, type DiscussionId, type Uin, didField, didSchema, gcodeField, gcodeSchema, gidField, gidSchema, qqField, qqSchema, uinField, uinSchema } from './ids'

/** Contact endpoints (§5). Wire shapes are validated here; names stay HTML-escaped (the codec unescapes). */

const text = textField.schema
/**
 * Lists of entries, each decoded on its own: a bad one is left out and counted, absent means
 * empty. Only the fields the engine reads are declared (zod drops the rest): the opaque `flag`
 * bitfields (§5.2) and vipinfo's `is_vip` are not, 15,000 fewer fields to check on 5,000
 * friends (issue 13), and never a reason to look twice at an entry.
 */
const list = records

/** s.web2 GET with the proxy Referer; `t` is a cache buster the server never checked (§2.1). */
function sGet<P, R>(name: string, query: (p: P) => Record<string, string | number | undefined>, result: z.ZodType<R>): Endpoint<P, R> {
  return { name, method: 'GET', url: `${CGI.s.origin}/api/${name}`, referer: CGI.s.referer, query: (p) => ({ ...query(p), t: Date.now() }), decode: envelope(name, result) }
}
function sPost<P, R>(name: string, form: (p: P) => Record<string, unknown>, result: z.ZodType<R>): Endpoint<P, R> {
  return { name, method: 'POST', url: `${CGI.s.origin}/api/${name}`, referer: CGI.s.referer, origin: CGI.s.origin, form, decode: envelope(name, result) }
}
function dGet<P, R>(name: string, query: (p: P) => Record<string, string | number | undefined>, result: z.ZodType<R>): Endpoint<P, R> {
  return { name, method: 'GET', url: `${CGI.d1.origin}/channel/${name}`, referer: CGI.d1.referer, query: (p) => ({ ...query(p), t: Date.now() }), decode: envelope(name, result) }
}

// ---- get_user_friends2 (§5.2) ----
/**
 * The fields of its lists' entries: the schema below is made of them, and the friends' one pass
 * (contacts/friends-pass.ts) reads a plain answer by the same fields.
 */
export const FRIENDS_FIELDS = {
  friends: { uin: uinField, categories: intOr(0) },
  marknames: { uin: uinField, markname: textField },
  categories: { index: intField, sort: optionalInt, name: textField },
  vipinfo: { u: uinField, vip_level: intOr(0) },
  info: { uin: uinField, nick: textField, face: intOr(0) },
}
const friendsResult = z.object({
  friends: list(FRIENDS_FIELDS.friends),
  marknames: list(FRIENDS_FIELDS.marknames),
  categories: list(FRIENDS_FIELDS.categories),
  vipinfo: list(FRIENDS_FIELDS.vipinfo),
  info: list(FRIENDS_FIELDS.info),
})
export type FriendsWire = z.infer<typeof friendsResult>
/** get_user_friends2's `result` (decode.ts envelopeResult) validated as its decode validates it. */
export const friendsWire = (result: unknown): FriendsWire => shape('get_user_friends2', friendsResult, result)

/** Both list calls carry the hash of self uin + the *current* ptwebqq (§5.1; 116 rotates it). */
const hashed = ({ cred }: WithCredentials) => ({ vfwebqq: cred.vfwebqq, hash: friendHash(cred.uin, cred.ptwebqq) })

/** Body limits (issue 8): 10× what the emulator sends for 5,000 friends (852 kB) / a 2,000-member group (444 kB). */
const MiB = 1024 * 1024

export const getUserFriends2 = { ...sPost<WithCredentials, FriendsWire>('get_user_friends2', hashed, friendsResult), maxBytes: 8 * MiB }

// ---- get_group_name_list_mask2 (§5.3) ----
const groupsResult = z.object({
  gmasklist: list({ gid: gidField, mask: intOr(0) }),
  gnamelist: list({ gid: gidField, code: gcodeField, name: textField }),
  gmarklist: list({ uin: gidField, markname: textField }),
})
export type GroupsWire = z.infer<typeof groupsResult>
export const getGroupNameListMask2 = sPost<WithCredentials, GroupsWire>('get_group_name_list_mask2', hashed, groupsResult)

// ---- get_discus_list (§5.4) ----
const discusResult = z.object({ dnamelist: list({ did: didField, name: textField }) })
export const getDiscusList = sGet<WithCredentials, z.infer<typeof discusResult>>(
  'get_discus_list',
  ({ cred }) => ({ clientid: cred.clientid, psessionid: cred.psessionid, vfwebqq: cred.vfwebqq }),
  discusResult,
)

// ---- get_group_info_ext2 (§5.5): needs the group *code*; a gid answers retcode 6 ----
const groupInfoResult = z.object({
  ginfo: z.object({
    gid: gidSchema,
    code: gcodeSchema,
    name: text,
    memo: text,
    owner: uinSchema.optional().catch(undefined),
    level: num.catch(0),
    createtime: num.catch(0),
    face: num.catch(0),
    members: list({ muin: uinField, mflag: intOr(0) }),
  }),
  minfo: list({ uin: uinField, nick: textField, gender: textField, province: textField, city: textField, country: textField }),
  stats: list({ uin: uinField, stat: intField, client_type: intOr(0) }),
  cards: list({ muin: uinField, card: textField }),
  vipinfo: list({ u: uinField, vip_level: intOr(0) }),
})
export type GroupInfoWire = z.infer<typeof groupInfoResult>
export const getGroupInfoExt2 = {
  ...sGet<WithCredentials<{ code: GroupCode }>, GroupInfoWire>('get_group_info_ext2', ({ cred, code }) => ({ gcode: code, vfwebqq: cred.vfwebqq }), groupInfoResult),
  maxBytes: 4 * MiB,
}

// ---- get_discu_info (§5.6) ----
const discuInfoResult = z.object({
  info: z.object({
    did: didSchema,
    discu_name: text,
    discu_owner: uinSchema.optional().catch(undefined),
    mem_list: list({ mem_uin: uinField, ruin: optional(qqField) }),
  }),
  mem_status: list({ uin: uinField, status: textField, client_type: intOr(0) }),
  mem_info: list({ uin: uinField, nick: textField }),
})
export type DiscuInfoWire = z.infer<typeof discuInfoResult>
export const getDiscuInfo = dGet<WithCredentials<{ did: DiscussionId }>, DiscuInfoWire>(
  'get_discu_info',
  ({ cred, did }) => ({ did, vfwebqq: cred.vfwebqq, clientid: cred.clientid, psessionid: cred.psessionid }),
  discuInfoResult,
)

// ---- get_online_buddies2 (§5.7): also the session's "registration" call (§3.8, §8.3) ----
/** Its entries' fields: the schema's, and the first load's presence pass (contacts/online-pass.ts) reads a plain answer by them. */
export const ONLINE_FIELDS = { uin: uinField, status: textField, client_type: intOr(0) }
const onlineResult = list(ONLINE_FIELDS)
export type OnlineWire = z.infer<typeof onlineResult>
/** get_online_buddies2's `result` validated as its decode validates it. */
export const onlineWire = (result: unknown): OnlineWire => shape('get_online_buddies2', onlineResult, result)
export const getOnlineBuddies2 = {
  ...dGet<WithCredentials, OnlineWire>(
    'get_online_buddies2',
    ({ cred }) => ({ vfwebqq: cred.vfwebqq, clientid: cred.clientid, psessionid: cred.psessionid }),
    onlineResult,
  ),
  // 136 kB for 5,000 friends in the emulator.
  maxBytes: 2 * MiB,
}

// ---- get_recent_list2 (§5.8) ----
const recentResult = list({ type: intField, uin: idField(idSchema) })
export const getRecentList2: Endpoint<WithCredentials, z.infer<typeof recentResult>> = {
  name: 'get_recent_list2',
  method: 'POST',
  url: `${CGI.d1.origin}/channel/get_recent_list2`,
  referer: CGI.d1.referer,
  origin: CGI.d1.origin,
  form: ({ cred }) => ({ vfwebqq: cred.vfwebqq, clientid: cred.clientid, psessionid: cred.psessionid }),
  decode: envelope('get_recent_list2', recentResult),
}

// ---- get_self_info2 (§5.9): cookie-authenticated ----
const profileShape = {
  nick: text,
  face: num.catch(0),
  gender: text,
  country: text,
  province: text,
  city: text,
  birthday: z.object({ year: num, month: num, day: num }).partial().catch({}),
}
const selfResult = z.object({ ...profileShape, uin: uinSchema, account: qqSchema.optional(), lnick: text })
export type SelfWire = z.infer<typeof selfResult>
export const getSelfInfo2 = sGet<void, SelfWire>('get_self_info2', () => ({}), selfResult)

// ---- get_friend_info2 (§5.10), get_single_long_nick2 (§5.11) ----
const friendInfoResult = z.object({ ...profileShape, uin: uinSchema, stat: num.catch(20) })
export const getFriendInfo2 = sGet<WithCredentials<{ uin: Uin }>, z.infer<typeof friendInfoResult>>(
  'get_friend_info2',
  ({ cred, uin }) => ({ tuin: uin, vfwebqq: cred.vfwebqq, clientid: cred.clientid, psessionid: cred.psessionid }),
  friendInfoResult,
)
/**
 * get_stranger_info2: a non-friend's profile (§5.10, WebQQ form; the same shape plus `token` and
 * `client_type`), here for who asks to be a friend. Only the nick is read.
 */
const strangerInfoResult = z.object({ uin: uinSchema.optional().catch(undefined), nick: text })
export const getStrangerInfo2 = sGet<WithCredentials<{ uin: Uin }>, z.infer<typeof strangerInfoResult>>(
  'get_stranger_info2',
  ({ cred, uin }) => ({ tuin: uin, verifysession: '', gid: 0, code: '', vfwebqq: cred.vfwebqq }),
  strangerInfoResult,
)
export const getSingleLongNick2 = sGet<WithCredentials<{ uin: Uin }>, Array<{ uin: Uin; lnick: string }>>(
  'get_single_long_nick2',
  ({ cred, uin }) => ({ tuin: uin, vfwebqq: cred.vfwebqq }),
  list({ uin: uinField, lnick: textField }),
)

// ---- writes: set_long_nick2 (§5.13), change_status2 (§5.15), friend requests (§5.14) ----
const anyResult = z.unknown()
export const setLongNick2 = sPost<WithCredentials<{ text: string }>, unknown>('set_long_nick2', ({ cred, text }) => ({ nlk: text, vfwebqq: cred.vfwebqq }), anyResult)
export const changeStatus2 = dGet<WithCredentials<{ status: StatusName }>, unknown>(
  'change_status2',
  ({ cred, status }) => ({ newstatus: status, clientid: cred.clientid, psessionid: cred.psessionid }),
  anyResult,
)
export const allowAndAdd2 = sPost<WithCredentials<{ account: QqNumber; category: number; markname: string }>, unknown>(
  'allow_and_add2',
  ({ cred, account, category, markname }) => ({ account: rawNumber(account), gid: category, mname: markname, vfwebqq: cred.vfwebqq }),
  anyResult,
)
export const allowAddedRequest2 = sPost<WithCredentials<{ account: QqNumber }>, unknown>(
  'allow_added_request2',
  ({ cred, account }) => ({ account: rawNumber(account), vfwebqq: cred.vfwebqq }),
  anyResult,
)
export const denyAddedRequest2 = sPost<WithCredentials<{ account: QqNumber; reason: string }>, unknown>(
  'deny_added_request2',
  ({ cred, account, reason }) => ({ account: rawNumber(account), vfwebqq: cred.vfwebqq, msg: reason }),
  anyResult,
)
