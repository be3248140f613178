import { fileTypeFromBuffer } from 'file-type'

/** The picture formats a contact's phone sends (§7.1: "the image bytes (JPEG/PNG/GIF)"). */
export const PICTURE_MIMES = ['image/png', 'image/jpeg', 'image/gif'] as const
export type PictureMime = (typeof PICTURE_MIMES)[number]

/** A picture as the image server keeps it: its bytes and what they really are. */
export interface Picture {
  bytes: Buffer
  mime: PictureMime
}

/** The largest picture the control API takes (decoded). */
export const MAX_PICTURE_BYTES = 10 * 1024 * 1024

/** What the bytes are by their magic number, when they are a png, jpeg or gif; never by a name or a claim. */
export async function pictureMime(bytes: Buffer): Promise<PictureMime | undefined> {
  const type = await fileTypeFromBuffer(bytes)
  return (PICTURE_MIMES as readonly string[]).includes(type?.mime ?? '') ? (type!.mime as PictureMime) : undefined
}
