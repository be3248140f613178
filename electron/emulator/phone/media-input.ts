import { z } from 'zod'
import { MAX_PICTURE_BYTES, pictureMime, type Picture } from '../media/picture-bytes'
import { jsonError } from './control-api'

/** Bytes the control API takes as base64 (standard alphabet, padding optional), at most `maxBytes` decoded. */
export function base64Bytes(maxBytes: number) {
  return z
    .string()
    .max(Math.ceil(maxBytes / 3) * 4, `at most ${maxBytes} bytes`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
    .transform((s) => Buffer.from(s, 'base64'))
    .refine((b) => b.length > 0 && b.length <= maxBytes, `1 to ${maxBytes} bytes`)
}

// Built on first use, as the control API's other schemas (not at every start of the app).
export const pictureData = z.lazy(() => base64Bytes(MAX_PICTURE_BYTES))

/** The bytes as a picture, when they really are a png, jpeg or gif (by their magic number); 400 otherwise. */
export async function pictureOf(bytes: Buffer): Promise<Picture> {
  const mime = await pictureMime(bytes)
  if (!mime) throw jsonError(400, 'the data is not a png, jpeg or gif picture')
  return { bytes, mime }
}
