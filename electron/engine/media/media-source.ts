import { z } from 'zod'

/**
 * Where a received picture is fetched from, as the message delivered it (§6.3) with the context
 * the CGI needs (§7.1, §7.2). Stored per picture (`media_sources`), so a picture not yet fetched
 * when the app stopped can still be fetched when its message is read.
 */
export const mediaSourceSchema = z.discriminatedUnion('via', [
  /** `offpic` in a friend (or temporary-session) message → get_offpic2. */
  z.object({ via: z.literal('offpic'), filePath: z.string().min(1).max(1024), fromUin: z.string().regex(/^\d{1,32}$/) }),
  /** `cface` in a friend message → get_cface2 (lcid = the message's msg_id). */
  z.object({ via: z.literal('cface'), lcid: z.string().max(40), name: z.string().min(1).max(256), to: z.string().regex(/^\d{1,32}$/) }),
  /** `cface` in a group (type 0, the group's code) or discussion (type 1, the did) message → get_group_pic. */
  z.object({
    via: z.literal('group-pic'),
    type: z.union([z.literal(0), z.literal(1)]),
    gid: z.string().regex(/^\d{1,32}$/),
    uin: z.string().regex(/^\d{1,32}$/),
    server: z.string().max(64),
    fileId: z.string().max(40),
    name: z.string().min(1).max(256),
  }),
])
export type MediaSource = z.infer<typeof mediaSourceSchema>

/** A picture element as the codec read it (content.ts), before the message's context is known. */
export type WirePicture = { kind: 'offpic'; path: string } | { kind: 'cface'; name: string; fileId?: string; server?: string }
