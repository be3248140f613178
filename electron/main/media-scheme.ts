import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { protocol } from 'electron'
import { mediaHashSchema } from '../model'
import type { CachedFile } from '../engine/media/media-cache'

/**
 * `qq-media://m/<sha-256>` serves the account's cached pictures and avatars to the renderer
 * (the engine fetched them; the renderer never touches the network). The hash is the path: a
 * standard scheme's host label is at most 63 characters, a sha-256 is 64. Only a valid hash is
 * looked up, and only in the cache: nothing the renderer sends becomes a path.
 */
export const MEDIA_SCHEME = 'qq-media'
const MEDIA_HOST = 'm'

/** The hash a media URL names, or undefined when it is not exactly `qq-media://m/<64 hex>`. */
export function mediaHashOf(rawUrl: string): string | undefined {
  const url = URL.parse(rawUrl)
  if (!url || url.protocol !== `${MEDIA_SCHEME}:` || url.host !== MEDIA_HOST || url.search || url.username || url.password) return undefined
  const hash = url.pathname.slice(1)
  return mediaHashSchema.safeParse(hash).success ? hash : undefined
}

/** Answers `qq-media://` requests from the cache that `lookup` reads (the logged-in account's). */
export function serveMedia(lookup: (hash: string) => CachedFile | undefined): void {
  protocol.handle(MEDIA_SCHEME, (request) => {
    const hash = request.method === 'GET' ? mediaHashOf(request.url) : undefined
    const file = hash ? lookup(hash) : undefined
    if (!file) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' } })
    return new Response(Readable.toWeb(createReadStream(file.path)) as ReadableStream, {
      status: 200,
      headers: {
        'content-type': file.mime,
        'content-length': String(file.size),
        'x-content-type-options': 'nosniff',
        // Content-addressed: the bytes behind a hash never change.
        'cache-control': 'private, max-age=31536000, immutable',
      },
    })
  })
}
