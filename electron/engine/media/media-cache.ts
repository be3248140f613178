import { createHash, randomBytes } from 'node:crypto'
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { mediaHashSchema, type ImageMime, type Picture } from '../../model'
import type { HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import { privateDir } from '../private-files'
import { identifyPicture } from './identify'

/** The cache's default size cap (media-spec: 512 MiB). */
export const MEDIA_CACHE_MAX_BYTES = 512 * 1024 * 1024

/** A cached picture as the hosts serve it: the file, and the type it was identified as. */
export interface CachedFile {
  path: string
  mime: ImageMime
  size: number
}

/**
 * The account's pictures and avatars, content-addressed: `media/<first 2 hex>/<sha-256 hex>`
 * under the account folder, owner-only, indexed in the history database (`media`, migration 3)
 * with each file's type, size, dimensions and a use counter. Past the size cap the least
 * recently used files go. Only a valid hash ever becomes a path: nothing a renderer sends does.
 */
export class MediaCache {
  constructor(
    private readonly dir: string,
    private readonly history: HistoryStore,
    private readonly logger: Logger,
    private readonly maxBytes = MEDIA_CACHE_MAX_BYTES,
  ) {}

  /** Identifies the bytes (only real pictures are kept), stores them and returns the picture. */
  async put(bytes: Buffer, what = 'picture'): Promise<Picture> {
    const { mime, width, height } = await identifyPicture(bytes, what)
    const hash = createHash('sha256').update(bytes).digest('hex')
    const file = this.pathOf(hash)
    if (!existsSync(file)) {
      privateDir(join(this.dir, hash.slice(0, 2)))
      // Written whole under a temporary name, then renamed: a reader never sees half a picture.
      const tmp = `${file}.${randomBytes(6).toString('hex')}.part`
      writeFileSync(tmp, bytes, { mode: 0o600, flag: 'wx' })
      renameSync(tmp, file)
    }
    this.history.tx(() => {
      this.history
        .statement(
          `INSERT INTO media (hash, mime, size, width, height, last_used) VALUES (?, ?, ?, ?, ?, (SELECT COALESCE(MAX(last_used), 0) + 1 FROM media))
           ON CONFLICT (hash) DO UPDATE SET last_used = excluded.last_used`,
        )
        .run(hash, mime, bytes.length, width, height)
      this.evict(hash)
    })
    return { hash, mime, width, height }
  }

  /** The cached file for a hash (marking it used), or undefined: not a hash, not cached, or its file gone. */
  file(hash: string): CachedFile | undefined {
    if (!mediaHashSchema.safeParse(hash).success) return undefined
    const row = this.history.statement('SELECT mime, size FROM media WHERE hash = ?').get(hash) as { mime: ImageMime; size: number } | undefined
    if (!row) return undefined
    const path = this.pathOf(hash)
    if (!existsSync(path)) {
      this.history.statement('DELETE FROM media WHERE hash = ?').run(hash)
      return undefined
    }
    this.history.statement('UPDATE media SET last_used = (SELECT MAX(last_used) + 1 FROM media) WHERE hash = ?').run(hash)
    return { path, mime: row.mime, size: row.size }
  }

  /** Bytes in the cache, by the index. */
  get totalBytes(): number {
    return (this.history.statement('SELECT COALESCE(SUM(size), 0) AS n FROM media').get() as { n: number }).n
  }

  private pathOf(hash: string): string {
    return join(this.dir, hash.slice(0, 2), hash)
  }

  /** Removes the least recently used pictures (never `keep`, just added) until the cache fits its cap. */
  private evict(keep: string): void {
    let total = this.totalBytes
    while (total > this.maxBytes) {
      const old = this.history.statement('SELECT hash, size FROM media WHERE hash != ? ORDER BY last_used LIMIT 1').get(keep) as { hash: string; size: number } | undefined
      if (!old) return
      this.history.statement('DELETE FROM media WHERE hash = ?').run(old.hash)
      rmSync(this.pathOf(old.hash), { force: true })
      total -= old.size
      this.logger.debug(`media cache: evicted ${old.hash.slice(0, 12)}… (${old.size} B)`)
    }
  }
}
