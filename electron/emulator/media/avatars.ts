import { defaultAvatar, groupAvatar, personAvatar } from './avatar-art'
import type { Picture } from './picture-bytes'

/** Whose avatar: a person by QQ number, a group by group number. */
export type AvatarOwner = { kind: 'person'; qq: string } | { kind: 'group'; number: string }

/** How many generated avatars are kept drawn (a benchmark world has thousands of people). */
const DRAWN_CACHE = 1000

/** The avatars getface serves (§7.6): a picture set through the control API, else a generated one. */
export class AvatarStore {
  private readonly chosen = new Map<string, Picture>()
  private readonly drawn = new Map<string, Picture>()
  private fallback: Picture | undefined

  set(owner: AvatarOwner, picture: Picture): void {
    this.chosen.set(keyOf(owner), picture)
  }

  of(owner: AvatarOwner): Picture {
    const key = keyOf(owner)
    const picture = this.chosen.get(key) ?? this.drawn.get(key)
    if (picture) return picture
    const bytes = owner.kind === 'person' ? personAvatar(owner.qq) : groupAvatar(owner.number)
    const made: Picture = { bytes, mime: 'image/png' }
    if (this.drawn.size >= DRAWN_CACHE) this.drawn.delete(this.drawn.keys().next().value!)
    this.drawn.set(key, made)
    return made
  }

  /** For a uin the asking login does not know. */
  unknown(): Picture {
    this.fallback ??= { bytes: defaultAvatar(), mime: 'image/png' }
    return this.fallback
  }
}

function keyOf(owner: AvatarOwner): string {
  return owner.kind === 'person' ? `person:${owner.qq}` : `group:${owner.number}`
}
