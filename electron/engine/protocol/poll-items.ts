import { z } from 'zod'
import { idSchema } from '../http/decode'
import { type DiscussionId, type GroupId, type QqNumber, type Uin } from './ids'

/**
 * poll2 result items (§6.2) as a discriminated union. Each item is parsed on its own: one
 * malformed item is dropped (and reported) without losing the others.
 */

const num = z.union([z.number(), z.string().regex(/^-?\d+$/).transform(Number)])
const uin = idSchema.transform((v) => v as Uin)
const text = z.string().catch('')

const common = { msg_id: num.catch(0), time: num.optional() }

const schemas = {
  message: z.object({ ...common, from_uin: uin, content: z.unknown() }),
  group_message: z.object({ ...common, from_uin: idSchema.transform((v) => v as GroupId), send_uin: uin, content: z.unknown() }),
  discu_message: z.object({
    ...common,
    from_uin: idSchema,
    did: idSchema.optional(),
    send_uin: uin,
    content: z.unknown(),
  }),
  sess_message: z.object({
    ...common,
    from_uin: uin,
    id: idSchema.optional(),
    ruin: idSchema.optional(),
    service_type: num.catch(0),
    content: z.unknown(),
  }),
  kick_message: z.object({ reason: text, show_reason: num.optional() }),
  buddies_status_change: z.object({ uin, status: text, client_type: num.optional() }),
  input_notify: z.object({ from_uin: uin }),
  shake_message: z.object({ from_uin: uin }),
  file_message: z.object({
    ...common,
    from_uin: uin,
    mode: text,
    type: num.catch(101),
    session_id: num,
    name: text,
    cancel_type: num.optional(),
  }),
  push_offfile: z.object({ ...common, from_uin: uin, rkey: text, ip: text, port: num, size: num.catch(0), name: text, expire_time: num.optional() }),
  notify_offfile: z.object({ ...common, from_uin: uin, action: num, filename: text, filesize: num.catch(0) }),
  filesrv_transfer: z.object({
    lc_id: num,
    from_uin: uin.optional(),
    operation: num.catch(0),
    file_infos: z.array(z.object({ file_name: text, file_status: num })).catch([]),
  }),
  system_message: z.object({ type: text, account: idSchema.transform((v) => v as QqNumber), from_uin: uin.optional(), msg: text.optional(), seq: num.optional() }),
  sys_g_msg: z.object({ type: text, from_uin: idSchema.transform((v) => v as GroupId), t_gcode: idSchema.optional() }),
  group_web_message: z.object({ from_uin: idSchema.transform((v) => v as GroupId), send_uin: uin.optional(), xml: text }),
  buddylist_change: z.object({
    added_friends: z.array(z.object({ uin, groupid: num.catch(0) })).catch([]),
    removed_friends: z.array(z.object({ uin })).catch([]),
  }),
  tips: z.unknown(),
} as const

type Schemas = typeof schemas
export type PollType = keyof Schemas
export type PollEvent = { [K in PollType]: { type: K; value: z.output<Schemas[K]> } }[PollType] | { type: 'unknown'; pollType: string }

export type DiscussionMessageValue = z.output<Schemas['discu_message']> & { did?: DiscussionId }

const itemShape = z.object({ poll_type: z.string(), value: z.unknown() })

/** Parses a poll2 `result` array; items that do not fit are returned as `rejected`. */
export function parsePollItems(result: unknown): { events: PollEvent[]; rejected: number } {
  const events: PollEvent[] = []
  let rejected = 0
  for (const raw of Array.isArray(result) ? result : []) {
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
  if (e.type === 'unknown' || e.type === 'tips') return [0, 0]
  const v = e.value as { time?: number; msg_id?: number }
  return [v.time ?? 0, v.msg_id ?? 0]
}
