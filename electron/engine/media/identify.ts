import { fileTypeFromBuffer } from 'file-type'
import { imageSize } from 'image-size'
import { imageMimeSchema, type ImageMime } from '../../model'
import { EngineError } from '../errors'

/** The largest picture accepted, in bytes (a service answer past it is cut off unread). */
export const PICTURE_MAX_BYTES = 20 * 1024 * 1024
/** Sides beyond this are not a chat picture but a decompression bomb for the renderer. */
const SIDE_MAX = 32_768

/**
 * What a picture's bytes are, by their magic numbers (`file-type`), never by the Content-Type a
 * server put on them (the emulator's `lying-type` sends HTML as image/png); only the formats the
 * renderer shows (png, jpeg, gif, webp, bmp), with their dimensions (`image-size`).
 */
export async function identifyPicture(bytes: Uint8Array, what = 'picture'): Promise<{ mime: ImageMime; width: number; height: number }> {
  if (bytes.length > PICTURE_MAX_BYTES) throw new EngineError('malformed', `${what}: over ${PICTURE_MAX_BYTES} bytes`)
  const type = await fileTypeFromBuffer(bytes)
  const mime = imageMimeSchema.safeParse(type?.mime)
  if (!mime.success) throw new EngineError('malformed', `${what}: not a picture (${type?.mime ?? 'unknown bytes'})`)
  let size: { width?: number; height?: number }
  try {
    size = imageSize(bytes)
  } catch {
    throw new EngineError('malformed', `${what}: ${mime.data} without readable dimensions`)
  }
  const { width = 0, height = 0 } = size
  if (!(width > 0 && height > 0 && width <= SIDE_MAX && height <= SIDE_MAX)) throw new EngineError('malformed', `${what}: dimensions ${width}×${height} not shown`)
  return { mime: mime.data, width, height }
}
