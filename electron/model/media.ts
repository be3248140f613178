import { z } from 'zod'
import type { ErrorView } from './errors'
import type { ConversationRef } from './messages'

/** The picture formats the app shows (identified by their bytes, never by a Content-Type). */
export const imageMimeSchema = z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp'])
export type ImageMime = z.infer<typeof imageMimeSchema>

/** A sha-256 of a picture's bytes, hex: its name in the media cache. */
export const mediaHashSchema = z.string().regex(/^[0-9a-f]{64}$/)

/** A picture in the media cache: the renderer shows it through the host's media URL for `hash`. */
export const pictureSchema = z.object({
  hash: mediaHashSchema,
  mime: imageMimeSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
})
export type Picture = z.infer<typeof pictureSchema>

/** Whose avatar (§7.6: getface type 1 for a person by uin, type 4 for a group by gid). */
export const avatarSubjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('friend'), key: z.string().min(1).max(512) }),
  z.object({ kind: z.literal('group'), key: z.string().min(1).max(512) }),
  /** A member of a group or discussion, by this login's uin. */
  z.object({ kind: z.literal('member'), uin: z.string().regex(/^\d{1,32}$/) }),
])
export type AvatarSubject = z.infer<typeof avatarSubjectSchema>

/** Where a file offered to the user stands (§7.3). */
export const fileStateSchema = z.enum(['offered', 'receiving', 'done', 'refused', 'cancelled', 'expired', 'failed'])
export type FileState = z.infer<typeof fileStateSchema>

/** A file a contact offered (`file_message`, mode recv, type 101), as the UI shows it. */
export interface FileTransferView {
  /** Local id (the message's `file` segment names it as `transfer`). */
  id: string
  conversation: ConversationRef
  /** The name as offered: untrusted text, shown bidi-isolated, never used as a path. */
  name: string
  /** Bytes, once the file server said (Content-Length). */
  size?: number
  state: FileState
  /** Bytes received so far. */
  received: number
  /** Bytes per second over the last few seconds, while receiving. */
  rate?: number
  /** Expected time left, while receiving. */
  remainingMs?: number
  /** Who cancelled it. */
  cancelledBy?: 'me' | 'sender'
  /** The name it was saved under in the download folder (sanitised), once done. */
  savedName?: string
  error?: ErrorView
  /** Epoch ms of the offer. */
  time: number
}
