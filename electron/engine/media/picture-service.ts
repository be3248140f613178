import { EventEmitter } from 'node:events'
import type { ContactService } from '../contacts/contact-service'
import { toErrorView, type ChatMessage, type ErrorView, type Picture, type Segment } from '../../model'
import { getCface2, getGroupPic, getOffpic2 } from '../endpoints/media-endpoints'
import { EngineError, isEngineError } from '../errors'
import { publicMessage, type HistoryStore } from '../history/history-store'
import type { Logger } from '../log'
import type { Session } from '../session'
import { fetchMedia, MEDIA_FETCH_DEFAULTS, type MediaFetchOptions } from './fetch-media'
import type { MediaCache } from './media-cache'
import { mediaSourceSchema, type MediaSource } from './media-source'
import { currentSource } from './resolve-source'

export interface PictureOptions extends MediaFetchOptions {
  /** Pictures fetched at once. */
  concurrency: number
  /** Pictures waiting at most; past it a picture waits in history until its message is read or retried. */
  maxQueued: number
}

export const PICTURE_DEFAULTS: PictureOptions = { ...MEDIA_FETCH_DEFAULTS, concurrency: 3, maxQueued: 500 }

type Job = { messageId: string; index: number }

/**
 * Received pictures (§7.1, §7.2): fetched beside message dispatch, never in its way (a small
 * queue, a few at a time; the CGI can take 45 s), into the media cache. When one is had, or
 * finally is not, its message's segment is updated in history (`picture` / `failure`) and
 * `updated` carries the message. Where each picture comes from is stored with it, so one not
 * fetched before the app stopped is fetched when its message is read, or retried.
 */
export class PictureService extends EventEmitter<{ updated: [ChatMessage] }> {
  private readonly queue: Job[] = []
  private readonly pending = new Set<string>()
  private active = 0
  private readonly abort = new AbortController()
  private readonly opts: PictureOptions

  /** The fetch options in force (avatars use the same). */
  get options(): PictureOptions {
    return this.opts
  }

  constructor(
    private readonly session: Session,
    private readonly contacts: ContactService,
    private readonly history: HistoryStore,
    private readonly cache: MediaCache,
    private readonly logger: Logger,
    opts: Partial<PictureOptions> = {},
  ) {
    super()
    this.opts = { ...PICTURE_DEFAULTS, ...opts }
  }

  /** Where the pictures of a message being stored come from (call inside the storing transaction). */
  remember(messageId: string, sources: ReadonlyArray<{ index: number; source: MediaSource }>): void {
    const insert = this.history.statement('INSERT OR REPLACE INTO media_sources (message_id, idx, source) VALUES (?, ?, ?)')
    for (const { index, source } of sources) insert.run(messageId, index, JSON.stringify(source))
  }

  /** Starts fetching the pictures of a message just stored. */
  fetchFor(message: ChatMessage): void {
    message.segments.forEach((s, index) => {
      if (s.type === 'image' && !s.picture && !s.failure) this.enqueue({ messageId: message.id, index })
    })
  }

  /**
   * Messages being shown: what is still missing is fetched (not fetched before a restart, or
   * evicted from the cache since; such a picture shows as loading again). Returns the messages
   * as they now are.
   */
  read(messages: ChatMessage[]): ChatMessage[] {
    return messages.map((m) => {
      let segments: Segment[] | undefined
      m.segments.forEach((s, index) => {
        if (s.type !== 'image' || s.failure || !this.hasSource(m.id, index)) return
        if (s.picture && this.cache.file(s.picture.hash)) return
        if (s.picture) {
          segments ??= [...m.segments]
          segments[index] = imageSegment(s, {})
        }
        this.enqueue({ messageId: m.id, index })
      })
      if (!segments) return m
      this.history.setSegments(m.id, segments)
      return { ...m, segments }
    })
  }

  /** The user asks again for a picture that failed (or is slow): it shows as loading and is fetched anew. */
  retry(messageId: string, index: number): void {
    const m = this.history.get(messageId)
    const s = m?.segments[index]
    if (!m || m.damaged || s?.type !== 'image') throw new EngineError('bad-input', 'no such picture')
    if (!this.hasSource(messageId, index)) throw new EngineError('bad-input', 'this picture cannot be fetched (the service stripped it, §6.3)')
    // Had and still on disk: nothing to fetch (a picture whose file went is fetched again).
    if (s.picture && this.cache.file(s.picture.hash)) return
    this.store(m.id, index, {})
    this.enqueue({ messageId, index }, true)
  }

  /** Stops fetching (logout, quit): what was not had stays to fetch on the next read. */
  stop(): void {
    this.abort.abort()
    this.queue.length = 0
  }

  private hasSource(messageId: string, index: number): boolean {
    return this.history.statement('SELECT 1 AS x FROM media_sources WHERE message_id = ? AND idx = ?').get(messageId, index) !== undefined
  }

  private source(job: Job): MediaSource | undefined {
    const row = this.history.statement('SELECT source FROM media_sources WHERE message_id = ? AND idx = ?').get(job.messageId, job.index) as { source: string } | undefined
    if (!row) return undefined
    try {
      const parsed = mediaSourceSchema.safeParse(JSON.parse(row.source))
      return parsed.success ? parsed.data : undefined
    } catch {
      return undefined
    }
  }

  private enqueue(job: Job, first = false): void {
    const id = `${job.messageId}#${job.index}`
    if (this.abort.signal.aborted || this.pending.has(id)) return
    if (this.queue.length >= this.opts.maxQueued) {
      this.logger.debug('pictures: queue full; this one waits until its message is read')
      return
    }
    this.pending.add(id)
    if (first) this.queue.unshift(job)
    else this.queue.push(job)
    this.pump()
  }

  private pump(): void {
    while (this.active < this.opts.concurrency && this.queue.length) {
      const job = this.queue.shift()!
      this.active++
      void this.run(job).finally(() => {
        this.active--
        this.pending.delete(`${job.messageId}#${job.index}`)
        this.pump()
      })
    }
  }

  private async run(job: Job): Promise<void> {
    const source = this.source(job)
    if (!source) return
    let outcome: { picture: Picture } | { failure: ErrorView }
    try {
      const bytes = await this.fetch(source)
      outcome = { picture: await this.cache.put(bytes) }
    } catch (err) {
      if (this.abort.signal.aborted) return
      if (!isEngineError(err)) this.logger.error(`pictures: ${(err as Error).stack ?? String(err)}`)
      this.logger.info(`pictures: ${source.via} not had: ${(err as Error).message}`)
      outcome = { failure: toErrorView(err) }
    }
    if (this.abort.signal.aborted) return
    this.store(job.messageId, job.index, outcome)
  }

  private async fetch(stored: MediaSource): Promise<Buffer> {
    // The ids of this login (a relogin since it was stored changed them, §2.4).
    const source = await currentSource(stored, this.contacts)
    const { cred } = this.session
    const signal = this.abort.signal
    switch (source.via) {
      case 'offpic':
        await copyWebCookies(this.session)
        return fetchMedia(this.session, getOffpic2, { cred, filePath: source.filePath, fromUin: source.fromUin }, this.opts, signal)
      case 'cface':
        return fetchMedia(this.session, getCface2, { cred, lcid: source.lcid, name: source.name, to: source.to }, this.opts, signal)
      case 'group-pic': {
        // `server` is "<ip>:<port>" (§7.2: rip/rport are its halves).
        const at = source.server.lastIndexOf(':')
        const [rip, rport] = at > 0 ? [source.server.slice(0, at), source.server.slice(at + 1)] : [source.server, '80']
        return fetchMedia(this.session, getGroupPic, { cred, type: source.type, gid: source.gid, uin: source.uin, rip, rport, fileId: source.fileId, name: source.name }, this.opts, signal)
      }
    }
  }

  /** Writes a picture's outcome into its stored message and tells the UI. */
  private store(messageId: string, index: number, outcome: { picture?: Picture; failure?: ErrorView }): void {
    const m = this.history.get(messageId)
    const s = m?.segments[index]
    if (!m || m.damaged || s?.type !== 'image') return
    const segments = [...m.segments]
    segments[index] = imageSegment(s, outcome)
    this.history.setSegments(messageId, segments)
    this.emit('updated', publicMessage({ ...m, segments }))
  }
}

function imageSegment(s: Extract<Segment, { type: 'image' }>, outcome: { picture?: Picture; failure?: ErrorView }): Segment {
  return { type: 'image', ref: s.ref, ...(s.name !== undefined && { name: s.name }), ...outcome }
}

/**
 * §2.5: check_sig sets p_skey and p_uin on web2.qq.com; the official page's <img> requests to
 * w.qq.com/d/channel/get_offpic2 carried them because Mojo-Webqq-style clients copied them onto
 * w.qq.com, and the service is assumed to want them (§7.1 [U]).
 */
async function copyWebCookies(session: Session): Promise<void> {
  const jar = session.http.jar
  const cookies = await jar.getCookies('http://web2.qq.com/')
  for (const c of cookies) {
    if (c.key === 'p_skey' || c.key === 'p_uin') await jar.setCookie(`${c.key}=${c.value}; Path=/`, 'http://w.qq.com/')
  }
}
