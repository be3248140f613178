export interface Size {
  width: number
  height: number
}

/** A picture in a bubble: at most this big (a tall or wide one keeps its shape inside). */
export const BUBBLE_MAX: Size = { width: 240, height: 240 }

/** The box a picture still being fetched holds (its size is not known until it arrives). */
export const LOADING_SIZE: Size = { width: 160, height: 120 }

/** `size` scaled down to fit `max`, keeping its aspect ratio; never scaled up (a tiny picture stays tiny), never below one pixel. */
export function fitWithin(size: Size, max: Size): Size {
  const scale = Math.min(1, max.width / size.width, max.height / size.height)
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) }
}
