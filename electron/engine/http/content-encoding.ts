import { promisify } from 'node:util'
import { brotliDecompress, gunzip, inflate, inflateRaw, type ZlibOptions } from 'node:zlib'
import { EngineError } from '../errors'

const decoders: Record<string, (buf: Buffer, opts: ZlibOptions) => Promise<Buffer>> = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  br: promisify(brotliDecompress),
  // "deflate" should be zlib-wrapped; some servers sent it raw. A zlib header has CM = 8.
  deflate: (buf, opts) => (buf.length > 0 && (buf[0]! & 0x0f) === 8 ? promisify(inflate)(buf, opts) : promisify(inflateRaw)(buf, opts)),
}

/** The encodings the engine asks for: the ones it can undo within a size limit. */
export const ACCEPT_ENCODING = 'gzip, deflate, br'

export function tooLarge(name: string, maxBytes: number): EngineError {
  return new EngineError('malformed', `${name}: answer larger than ${maxBytes} bytes`, { endpoint: name })
}

/**
 * Undoes a Content-Encoding (`gzip`, `deflate`, `br`, or a list of them, last applied first),
 * stopping at `maxBytes` of output: a 255 kB gzip bomb that would inflate to 256 MB fails after
 * `maxBytes`, never holding more. A body that does not decode is `malformed`.
 */
export async function decodeContent(name: string, body: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  // Most answers come as they are (the emulator never compresses): nothing to parse.
  if (encoding === undefined || encoding === '' || encoding === 'identity') return body
  const codings = (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity')
  let out = body
  for (const coding of codings.reverse()) {
    const decode = decoders[coding]
    if (!decode) throw new EngineError('malformed', `${name}: unknown content encoding ${JSON.stringify(coding.slice(0, 32))}`, { endpoint: name })
    try {
      out = await decode(out, { maxOutputLength: maxBytes })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(name, maxBytes)
      throw new EngineError('malformed', `${name}: ${coding} body does not decode`, { endpoint: name, cause: err })
    }
  }
  return out
}
