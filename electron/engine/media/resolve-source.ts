import type { ContactService } from '../contacts/contact-service'
import type { MediaSource } from './media-source'

/**
 * A stored picture source with the ids of the login that fetches it. A relogin hands out new
 * uins, gids and group codes (§2.4): a picture received before it, fetched after, must name the
 * sender and the group as the service knows them now. The stable references stored beside the
 * ids (media-source.ts) are looked up in the current lists; what cannot be found keeps the ids
 * as stored (the same login, or a peer the lists no longer hold).
 */
export async function currentSource(source: MediaSource, contacts: ContactService): Promise<MediaSource> {
  const friendUin = source.peer ? contacts.friend(source.peer)?.uin : undefined
  switch (source.via) {
    case 'offpic':
      return { ...source, fromUin: friendUin ?? source.fromUin }
    case 'cface':
      return { ...source, to: friendUin ?? source.to }
    case 'group-pic': {
      if (!source.room) return source
      const room = source.type === 0 ? contacts.group(source.room) : contacts.discussion(source.room)
      if (!room) return source
      // get_group_pic names a group by its code, a discussion by its did (§7.2).
      const gid = 'code' in room ? room.code : room.did
      return { ...source, gid, uin: friendUin ?? (await memberUin(contacts, source.type, source.room, source.member)) ?? source.uin }
    }
  }
}

/** A member's current uin by the name their list showed (their card, remark or nick). */
async function memberUin(contacts: ContactService, type: 0 | 1, room: string, member: string | undefined): Promise<string | undefined> {
  if (!member) return undefined
  try {
    const details = type === 0 ? await contacts.groupDetails(room) : await contacts.discussionDetails(room)
    return details.members.find((m) => m.displayName === member)?.uin
  } catch {
    return undefined
  }
}
