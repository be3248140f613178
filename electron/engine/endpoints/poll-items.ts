import { z } from 'zod'
import { entries, idSchema, intSchema as num } from '../http/decode'
import { type DiscussionId, type GroupId, type QqNumber, type Uin } from './ids'

/**
 * poll2 result items (§6.2) as a discriminated union. Each item is parsed on its own: one
 * malformed item is dropped (and reported) without losing the others.
 */

const uin = idSchema.transform((v) => v as Uin)
const text = z.string().catch('')

/** The earliest server time believed (seconds): SmartQQ and WebQQ items are from 2009 on. */
export const SERVER_TIME_MIN_S = Date.UTC(2000, 0, 1) / 1000
/** How far ahead of the receive clock a server time may be (a skewed server clock, not a broken one). */
export const SERVER_TIME_AHEAD_S = 24 * 60 * 60
/** How much of a value as it came (a rejected `time`, an odd `msg_id`) is kept. */
const RAW_MAX = 40

/** A JSON value as text, cut short: how an item's `time` and `msg_id` came. */
function wireText(raw: unknown): string {
  return (typeof raw === 'string' ? raw : (JSON.stringify(raw) ?? String(raw))).slice(0, RAW_MAX)
}

/**
 * The `time` of a message-like item (§6.2, seconds since the epoch) as the engine uses it. A
 * value that is not a finite integer (parseJson hands unsafe integers such as 2^53 + 1 over as
 * digit strings), is before 2000, or is more than a day ahead of the receive clock is not a time
 * the service meant: the receive time takes its place, so nothing downstream (SQLite integers,
 * `Date`) meets it. The value as it came is kept as `rawTime`, for the record and for the
 * dedupe key (§6.5), which must not change when the same item is delivered twice.
 */
export function serverTime(raw: unknown, receivedAtMs: number): { time: number; rawTime?: string } {
  const rawTime = raw === undefined ? undefined : wireText(raw)
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN
  const sane = Number.isSafeInteger(n) && n >= SERVER_TIME_MIN_S && n <= receivedAtMs / 1000 + SERVER_TIME_AHEAD_S
  return { time: sane ? n : Math.floor(receivedAtMs / 1000), ...(rawTime !== undefined && { rawTime }) }
}

/**
 * The `msg_id` of a message-like item: a safe integer for ordering (§6.1; 0 when it is not one),
 * and as it came for the dedupe key (§6.5, `msgIdKey`), so that two messages whose ids are beyond
 * 2^53 (parseJson keeps their digits) or otherwise odd never share a key and lose one to the other.
 */
export function messageId(raw: unknown): { msg_id: number; msgIdKey: string } {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{1,16}$/.test(raw) ? Number(raw) : NaN
  return { msg_id: Number.isSafeInteger(n) ? n : 0, msgIdKey: raw === undefined ? '' : wireText(raw) }
}

const common = { msg_id: z.unknown().optional(), time: z.unknown().optional() }

/** A message-like item's `time` made sane (see serverTime) and its `msg_id` read (messageId), on receipt. */
function stamp<V extends { time?: unknown; msg_id?: unknown }>({
  time,
  msg_id,
  ...rest
}: V): Omit<V, 'time' | 'msg_id'> & { time: number; rawTime?: string; msg_id: number; msgIdKey: string } {
  return { ...rest, ...serverTime(time, Date.now()), ...messageId(msg_id) }
}

const schemas = {
  // to_uin: the friend, when the account wrote from another device (from_uin 0 or its own, §6.6).
  message: z.object({ ...common, from_uin: uin, to_uin: uin.optional().catch(undefined), content: z.unknown() }).transform(stamp),
  group_message: z.object({ ...common, from_uin: idSchema.transform((v) => v as GroupId), send_uin: uin, content: z.unknown() }).transform(stamp),
  discu_message: z
    .object({
      ...common,
      from_uin: idSchema,
      did: idSchema.optional(),
      send_uin: uin,
      content: z.unknown(),
    })
    .transform(stamp),
  sess_message: z
    .object({
      ...common,
      from_uin: uin,
      id: idSchema.optional(),
      ruin: idSchema.optional(),
      service_type: num.catch(0),
      content: z.unknown(),
    })
    .transform(stamp),
  kick_message: z.object({ reason: text, show_reason: num.optional() }),
  buddies_status_change: z.object({ uin, status: text, client_type: num.optional() }),
  input_notify: z.object({ from_uin: uin }),
  shake_message: z.object({ ...common, from_uin: uin }).transform(stamp),
  file_message: z
    .object({
      ...common,
      from_uin: uin,
      mode: text,
      type: num.catch(101),
      session_id: num,
      name: text,
      cancel_type: num.optional(),
    })
    .transform(stamp),
  push_offfile: z
    .object({ ...common, from_uin: uin, rkey: text, ip: text, port: num, size: num.catch(0), name: text, expire_time: num.optional() })
    .transform(stamp),
  notify_offfile: z.object({ ...common, from_uin: uin, action: num, filename: text, filesize: num.catch(0) }).transform(stamp),
  filesrv_transfer: z.object({
    lc_id: num,
    from_uin: uin.optional(),
    operation: num.catch(0),
    file_infos: entries(z.object({ file_name: text, file_status: num })).catch([]),
  }),
  // A friend request is still one without a usable from_uin: only the requester's nick is then unknown.
  system_message: z.object({ type: text, account: idSchema.transform((v) => v as QqNumber), from_uin: uin.optional().catch(undefined), msg: text.optional(), seq: num.optional() }),
  /**
   * Group system messages (§6.2): group_join (`new_member`, `admin_uin` who let them in),
   * group_leave (`op_type` 2 left / 3 removed, `old_member`, `admin_uin`), group_admin_op (`uin`,
   * `uin_flag` the admin bit). Each field is read on its own: an odd one is absent, never the item.
   */
  sys_g_msg: z
    .object({
      ...common,
      type: text,
      from_uin: idSchema.transform((v) => v as GroupId),
      t_gcode: idSchema.optional().catch(undefined),
      op_type: num.optional().catch(undefined),
      new_member: uin.optional().catch(undefined),
      old_member: uin.optional().catch(undefined),
      admin_uin: uin.optional().catch(undefined),
      admin_nick: z.string().optional().catch(undefined),
      uin: uin.optional().catch(undefined),
      uin_flag: num.optional().catch(undefined),
    })
    .transform(stamp),
  group_web_message: z.object({ from_uin: idSchema.transform((v) => v as GroupId), send_uin: uin.optional(), xml: text }),
  buddylist_change: z.object({
    added_friends: entries(z.object({ uin, groupid: num.catch(0) })).catch([]),
    removed_friends: entries(z.object({ uin })).catch([]),
  }),
  /** System tips: undocumented (§6.2); a `text` is shown when there is one, by whom it names (`from_uin`, 10000 the system). */
  tips: z
    .object({ ...common, from_uin: idSchema.optional().catch(undefined), text: z.string().optional().catch(undefined) })
    .transform(stamp),
} as const

type Schemas = typeof schemas
export type PollType = keyof Schemas
export type PollEvent = { [K in PollType]: { type: K; value: z.output<Schemas[K]> } }[PollType] | { type: 'unknown'; pollType: string }

export type DiscussionMessageValue = z.output<Schemas['discu_message']> & { did?: DiscussionId }

const itemShape = z.object({ poll_type: z.string(), value: z.unknown() })

/** Parses a poll2 `result` array; items that do not fit (or a result that is no list) are counted as `rejected`. */
export function parsePollItems(result: unknown): { events: PollEvent[]; rejected: number } {
  const events: PollEvent[] = []
  if (!Array.isArray(result)) return { events, rejected: result == null ? 0 : 1 }
  let rejected = 0
  for (const raw of result) {
    const item = itemShape.safeParse(raw)
    if (!item.success) {
      rejected++
      continue
    }
    const type = item.data.poll_type
    if (!Object.hasOwn(schemas, type)) {
      events.push({ type: 'unknown', pollType: type.slice(0, 64) })
      continue
    }
    const parsed = schemas[type as PollType].safeParse(item.data.value ?? {})
    if (parsed.success) events.push({ type, value: parsed.data } as PollEvent)
    else rejected++
  }
  return { events, rejected }
}

/** The time and msg_id of message-like events, for ordering (§6.1: sort by time, msg_id). */
export function orderKey(e: PollEvent): [number, number] {
  if (e.type === 'unknown') return [0, 0]
  const v = e.value as { time?: number; msg_id?: number }
  return [v.time ?? 0, v.msg_id ?? 0]
}
