import type { AvatarSubject, Picture } from '../../model'
import type { ContactService } from '../contacts/contact-service'
import { getFace } from '../endpoints/media-endpoints'
import type { Logger } from '../log'
import type { Session } from '../session'
import { fetchMedia, type MediaFetchOptions } from './fetch-media'
import type { MediaCache } from './media-cache'

/** How long an avatar is remembered per contact (media-spec: a day). */
const AVATAR_TTL_MS = 24 * 60 * 60_000
/** How long "no avatar" is remembered before asking again. */
const MISSING_TTL_MS = 10 * 60_000

/**
 * Avatars (§7.6), fetched when the UI first asks for one (getface: type 1 a person by uin, 4 a
 * group by gid), cached like pictures and remembered per contact key for a day. `null` when
 * there is none to be had: the UI keeps its letter tile.
 */
export class AvatarService {
  private readonly known = new Map<string, { at: number; picture: Promise<Picture | null> }>()

  constructor(
    private readonly session: Session,
    private readonly contacts: ContactService,
    private readonly cache: MediaCache,
    private readonly logger: Logger,
    private readonly opts: MediaFetchOptions,
    private readonly signal: AbortSignal,
  ) {}

  /** A new web login hands out new uins (§2.4): what was remembered by uin names someone else now. */
  forget(): void {
    this.known.clear()
  }

  get(subject: AvatarSubject): Promise<Picture | null> {
    const key = subject.kind === 'member' ? `member:${subject.uin}` : `${subject.kind}:${subject.key}`
    const hit = this.known.get(key)
    const now = Date.now()
    if (hit && now - hit.at < AVATAR_TTL_MS) return hit.picture
    const entry = { at: now, picture: this.fetch(subject) }
    this.known.set(key, entry)
    void entry.picture.then((p) => {
      // A miss is asked again sooner than a day.
      if (p === null) entry.at = now - AVATAR_TTL_MS + MISSING_TTL_MS
    })
    return entry.picture
  }

  private async fetch(subject: AvatarSubject): Promise<Picture | null> {
    const target =
      subject.kind === 'friend'
        ? { type: 1 as const, uin: this.contacts.friend(subject.key)?.uin }
        : subject.kind === 'group'
          ? { type: 4 as const, uin: this.contacts.group(subject.key)?.gid }
          : { type: 1 as const, uin: subject.uin }
    if (!target.uin || !/^\d{1,32}$/.test(target.uin)) return null
    try {
      const bytes = await fetchMedia(this.session, getFace(target.type, target.uin), { cred: this.session.cred }, { ...this.opts, retries: 0 }, this.signal)
      return await this.cache.put(bytes, 'avatar')
    } catch (err) {
      this.logger.debug(`avatar ${subject.kind}: none (${(err as Error).message})`)
      return null
    }
  }
}
