import { randomBytes } from 'node:crypto'
import { PNG } from 'pngjs'

/** A real PNG of noise (so it does not compress away): distinct bytes on every call. */
export function noisePng(width = 16, height = 16): Buffer {
  const png = new PNG({ width, height })
  randomBytes(width * height * 4).copy(png.data)
  return PNG.sync.write(png)
}
