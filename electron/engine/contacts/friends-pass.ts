import type { Friend, FriendCategory } from '../../model'
import { htmlUnescape as un } from '../codec/html'
import { droppedEntries, isEntry, record, type PlainResult } from '../http/decode'
import { FRIENDS_FIELDS, friendsWire } from '../endpoints/contact-endpoints'
import { KeyAllocator } from './identity'
import { friendOf, mapCategories, mapFriends } from './mappers'

/**
 * get_user_friends2's `result` (§5.2) to the model's friends in one pass over the parsed JSON
 * (issue 13). The usual answer — every entry in the plainest form the service sends (safe
 * integers as numbers, texts as strings) and info / vipinfo in the friends' order — is read
 * straight into the friends, without FriendsWire's ~15,000 intermediate entries (~1.3 MB of
 * young objects on 5,000 friends: a scavenge landing in the pass copies them all). Any other
 * answer, a hostile one too, goes through the endpoint's schema and mapFriends exactly as
 * before: the one pass only ever answers what they would answer, or declines.
 */

export interface FriendsPass {
  list: Friend[]
  categories: FriendCategory[]
  /** Entries left out because they did not fit (decode.ts `entries`). */
  dropped: number
}

/** The answer's `result` as decode.ts plainEnvelopeResult reads it: the schema pass reads its exact form. */
export function friendsPass(answer: PlainResult, selfUin: string): FriendsPass {
  return plainFriendsPass(answer.result, selfUin) ?? schemaPass(answer.exact(), selfUin)
}

/** The schema's way: a malformed `result` is the endpoint's EngineError, an unusable entry is left out and counted. */
function schemaPass(result: unknown, selfUin: string): FriendsPass {
  const w = friendsWire(result)
  return { list: mapFriends(w, selfUin), categories: mapCategories(w.categories), dropped: droppedEntries(w.friends, w.marknames, w.categories, w.vipinfo, w.info) }
}

const { friends: FRIEND, info: INFO, vipinfo: VIP } = FRIENDS_FIELDS
/** The two short lists as records (20 categories, a share of the friends with a remark): their plain shortcut, no zod. */
const categoryEntry = record(FRIENDS_FIELDS.categories).plain
const marknameEntry = record(FRIENDS_FIELDS.marknames).plain

/**
 * The pass over a plain answer, or undefined as soon as anything is not plain: a field's
 * shortcut declines, a list is absent or not a list, or info / vipinfo do not pair with the
 * friends by position (mapFriends then pairs them by uin). Every field it reads takes a safe
 * integer or a text only, so a number that lost digits (plainEnvelopeResult) is declined too.
 * Exported for its test against the schema.
 */
export function plainFriendsPass(result: unknown, selfUin: string): FriendsPass | undefined {
  if (!isEntry(result)) return undefined
  const { friends, marknames, categories, vipinfo, info } = result
  if (!Array.isArray(friends) || !Array.isArray(marknames) || !Array.isArray(categories) || !Array.isArray(vipinfo) || !Array.isArray(info)) return undefined
  const n = friends.length
  if (info.length !== n || vipinfo.length !== n) return undefined
  const cats: Array<NonNullable<ReturnType<typeof categoryEntry>>> = []
  for (const c of categories) {
    const entry = categoryEntry(c)
    if (!entry) return undefined
    cats.push(entry)
  }
  const marks = new Map<string, string>()
  for (const m of marknames) {
    const entry = marknameEntry(m)
    if (!entry) return undefined
    marks.set(entry.uin, un(entry.markname))
  }
  const keys = new KeyAllocator()
  const list: Friend[] = []
  for (let i = 0; i < n; i++) {
    const f = friends[i]
    const inf = info[i]
    const vip = vipinfo[i]
    if (!isEntry(f) || !isEntry(inf) || !isEntry(vip)) return undefined
    const id = f.uin
    // The same id as a plain number in all three: the same uin once decoded (two different
    // plain numbers never decode alike), so theirs need no decoding of their own.
    if (inf.uin !== id || vip.u !== id) return undefined
    const uin = FRIEND.uin.plain(id)
    const category = FRIEND.categories.plain(f.categories)
    const nick = INFO.nick.plain(inf.nick)
    const face = INFO.face.plain(inf.face)
    const vipLevel = VIP.vip_level.plain(vip.vip_level)
    // Anything else is a shortcut's decline (or a field it leaves out, which none of these do).
    if (typeof uin !== 'string' || typeof category !== 'number' || typeof nick !== 'string' || typeof face !== 'number' || typeof vipLevel !== 'number') return undefined
    if (uin === selfUin) continue // the list may hold the account itself
    list.push(friendOf(keys, uin, category, un(nick), face, marks.get(uin) || undefined, vipLevel))
  }
  return { list, categories: mapCategories(cats), dropped: 0 }
}
