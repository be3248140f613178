import { z } from 'zod'

/**
 * Where a received picture is fetched from, as the message delivered it (§6.3) with the context
 * the CGI needs (§7.1, §7.2). Stored per picture (`media_sources`), so a picture not yet fetched
 * when the app stopped can still be fetched when its message is read.
 */
/** The longest stable reference kept (contact keys fit 512, the contract's limit). */
export const MEDIA_REF_MAX = 512
const ref = z.string().min(1).max(MEDIA_REF_MAX)
/**
 * Who and where, in stable terms (contact keys, a member's display name), beside the uins of the
 * login that received it: a relogin hands out new uins, gids and codes (§2.4), so the ids are
 * looked up again when the picture is fetched (resolve-source.ts). Rows stored before these
 * existed have none and use the ids as they were.
 */
const peers = {
  /** The friend who sent it (offpic, cface) or the sender when a friend (group-pic). */
  peer: ref.optional(),
  /** group-pic: the group's or discussion's key, and the sender as that list named them. */
  room: ref.optional(),
  member: ref.optional(),
}
export const mediaSourceSchema = z.discriminatedUnion('via', [
  /** `offpic` in a friend (or temporary-session) message → get_offpic2. */
  z.object({ via: z.literal('offpic'), filePath: z.string().min(1).max(1024), fromUin: z.string().regex(/^\d{1,32}$/), ...peers }),
  /** `cface` in a friend message → get_cface2 (lcid = the message's msg_id). */
  z.object({ via: z.literal('cface'), lcid: z.string().max(40), name: z.string().min(1).max(256), to: z.string().regex(/^\d{1,32}$/), ...peers }),
  /** `cface` in a group (type 0, the group's code) or discussion (type 1, the did) message → get_group_pic. */
  z.object({
    via: z.literal('group-pic'),
    type: z.union([z.literal(0), z.literal(1)]),
    gid: z.string().regex(/^\d{1,32}$/),
    uin: z.string().regex(/^\d{1,32}$/),
    server: z.string().max(64),
    fileId: z.string().max(40),
    name: z.string().min(1).max(256),
    ...peers,
  }),
])
export type MediaSource = z.infer<typeof mediaSourceSchema>

/** A picture element as the codec read it (content.ts), before the message's context is known. */
export type WirePicture = { kind: 'offpic'; path: string } | { kind: 'cface'; name: string; fileId?: string; server?: string }
