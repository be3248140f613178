import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto'
import type { Conversation } from '../notify'
import type { World } from '../state/world'
import type { PictureSegment } from '../web2/content'
import type { Picture } from './picture-bytes'

/**
 * The pictures contacts sent, as the real image servers held them (§7.1, §7.2): a friend's
 * "offline picture" by its file path, a group / discussion custom face by its file id and name.
 * Each is readable only by who received it; get_offpic2 and its kin hand out an rkey, the
 * image server's one-off ticket for the bytes.
 */

/** How a picture travels in a received message (§6.3). */
export type PictureElement = 'offpic' | 'cface'

interface SentPicture {
  picture: Picture
  from: string
  conv: Conversation
  /** offpic: `/<uuid>`. */
  filePath?: string
  /** cface: the element's fields. */
  cface?: { name: string; fileId: number; key: string; server: string }
}

/** rkeys on the real image server stopped working after a while; the spec says 10 minutes. */
const RKEY_TTL_MS = 10 * 60_000
/** The store forgets the oldest pictures beyond these (their paths then answer 103, as expired ones did). */
const MAX_PICTURES = 2000
const MAX_STORED_BYTES = 512 * 1024 * 1024
/** Live rkeys kept at most (a client that asks again and again gets a new one each time). */
const MAX_RKEYS = 10_000

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

export class PictureStore {
  private readonly sent = new Set<SentPicture>()
  private readonly byPath = new Map<string, SentPicture>()
  private readonly byFileId = new Map<number, SentPicture>()
  private readonly rkeys = new Map<string, { picture: Picture; expiresAt: number }>()
  private storedBytes = 0

  constructor(
    private readonly world: World,
    private readonly now: () => number,
  ) {}

  /**
   * A picture `from` sends in `conv`: the content element its recipients get. `server` is the
   * image server's `ip:port` a cface names (§7.2: clients pass it back as rip / rport).
   */
  attach(picture: Picture, from: string, conv: Conversation, element: PictureElement, server: string): PictureSegment {
    const record: SentPicture = { picture, from, conv }
    if (element === 'offpic') {
      record.filePath = `/${randomUUID()}`
      this.byPath.set(record.filePath, record)
    } else {
      // The name is the bytes' MD5 in upper-case hex with the odd-cased extension of the captures.
      const name = `${createHash('md5').update(picture.bytes).digest('hex').toUpperCase()}.jPg`
      let fileId = randomInt(100_000_000, 2_147_483_647)
      while (this.byFileId.has(fileId)) fileId = randomInt(100_000_000, 2_147_483_647)
      const key = Array.from({ length: 16 }, () => ALNUM[randomInt(ALNUM.length)]).join('')
      record.cface = { name, fileId, key, server }
      this.byFileId.set(fileId, record)
    }
    this.remember(record)
    return element === 'offpic'
      ? ['offpic', { success: 1, file_path: record.filePath }]
      : ['cface', { name: record.cface!.name, file_id: record.cface!.fileId, key: record.cface!.key, server }]
  }

  /** get_offpic2 (§7.1): the friend picture at `filePath` that `from` sent to `viewer`. */
  offpic(filePath: string | null, viewer: string, from: string | undefined): Picture | undefined {
    const r = filePath ? this.byPath.get(filePath) : undefined
    return r && r.from === from && this.received(r, viewer) ? r.picture : undefined
  }

  /**
   * get_group_pic (§7.2): the custom face `fileId` named `name` that `from` sent to the group
   * or discussion `room` (a group number or a discussion id), as `viewer`, a member, sees it.
   */
  groupPicture(q: { fileId: number; name: string | null; server: string; from: string | undefined; room: Conversation | undefined; viewer: string }): Picture | undefined {
    const r = this.byFileId.get(q.fileId)
    if (!r?.cface || r.cface.name !== q.name || r.cface.server !== q.server || r.from !== q.from || !q.room) return undefined
    return sameRoom(r.conv, q.room) && this.received(r, q.viewer) ? r.picture : undefined
  }

  /** get_cface2 (§7.2): a custom face named `name` that the friend `from` sent to `viewer`. */
  buddyCface(name: string | null, viewer: string, from: string | undefined): Picture | undefined {
    for (const r of this.sent) {
      if (r.cface?.name === name && r.from === from && r.conv.kind !== 'group' && r.conv.kind !== 'discussion' && this.received(r, viewer)) return r.picture
    }
    return undefined
  }

  /** A fresh ticket for the image server (64 hex digits). */
  issueRkey(picture: Picture): string {
    const now = this.now()
    for (const [k, v] of this.rkeys) if (v.expiresAt <= now || this.rkeys.size >= MAX_RKEYS) this.rkeys.delete(k)
    const rkey = randomBytes(32).toString('hex')
    this.rkeys.set(rkey, { picture, expiresAt: now + RKEY_TTL_MS })
    return rkey
  }

  /** The picture an unexpired rkey stands for. */
  byRkey(rkey: string | null): Picture | undefined {
    const entry = rkey ? this.rkeys.get(rkey) : undefined
    return entry && entry.expiresAt > this.now() ? entry.picture : undefined
  }

  private received(r: SentPicture, viewer: string): boolean {
    const conv = r.conv
    switch (conv.kind) {
      case 'friend':
      case 'session':
        return conv.to === viewer
      case 'group':
        return this.world.groups.get(conv.group)?.members.some((m) => m.qq === viewer) ?? false
      case 'discussion':
        return this.world.discussions.get(conv.did)?.members.includes(viewer) ?? false
    }
  }

  private remember(record: SentPicture): void {
    this.sent.add(record)
    this.storedBytes += record.picture.bytes.length
    for (const old of this.sent) {
      if (this.sent.size <= MAX_PICTURES && this.storedBytes <= MAX_STORED_BYTES) break
      this.sent.delete(old)
      this.storedBytes -= old.picture.bytes.length
      if (old.filePath) this.byPath.delete(old.filePath)
      if (old.cface) this.byFileId.delete(old.cface.fileId)
    }
  }
}

function sameRoom(a: Conversation, b: Conversation): boolean {
  if (a.kind === 'group' && b.kind === 'group') return a.group === b.group
  if (a.kind === 'discussion' && b.kind === 'discussion') return a.did === b.did
  return false
}
