import type { AvatarSubject, ConversationRef } from '@contract'

/** A stable hue per contact key, so a person keeps their colour across logins and lists. */
export function hueOf(key: string): number {
  let h = 2166136261
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i)
    h = Math.imul(h, 16777619)
  }
  return (h >>> 0) % 360
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : undefined

const initials = new Map<string, string>()

/**
 * The first user-perceived character (an emoji with modifiers stays whole); cached, lists redraw
 * often. Invisible format characters before it (a right-to-left override, a zero-width space)
 * are skipped: they would make a blank avatar.
 */
export function initialOf(name: string): string {
  let initial = initials.get(name)
  if (initial === undefined) {
    const trimmed = name.replace(/^[\p{Cf}\s]+/u, '').trimEnd()
    const first = segmenter ? segmenter.segment(trimmed)[Symbol.iterator]().next().value?.segment : Array.from(trimmed)[0]
    initial = (first ?? '?').toUpperCase()
    if (initials.size > 20_000) initials.clear()
    initials.set(name, initial)
  }
  return initial
}

/**
 * Whose avatar a conversation shows: a friend's or a group's (§7.6 getface type 1 and 4).
 * Discussions have none in SmartQQ, and a temporary session's peer is known by name only.
 */
export function conversationAvatar(ref: ConversationRef): AvatarSubject | undefined {
  return ref.kind === 'friend' || ref.kind === 'group' ? { kind: ref.kind, key: ref.key } : undefined
}

/**
 * A person in a group or discussion: as the friend they are when they are one (one cache entry
 * for both lists), else by this login's uin. Only a uin of this login may be asked for: another
 * login's may now be someone else's (§2.4).
 */
export function memberAvatar(uin: string, friendKey?: string): AvatarSubject | undefined {
  if (friendKey?.startsWith('f:')) return { kind: 'friend', key: friendKey }
  return /^\d{1,32}$/.test(uin) ? { kind: 'member', uin } : undefined
}

/** A friend key that outlives the login (`f:u:<uin>` is a stranger's, per login: ContactKey). */
const STABLE_FRIEND = /^f:[qn]:/

/** Who said a group message: by their lasting key, or by uin when the message came during this login (`since`). */
export function senderAvatar(sender: { key?: string; uin: string }, time: number, since: number): AvatarSubject | undefined {
  if (sender.key && STABLE_FRIEND.test(sender.key)) return { kind: 'friend', key: sender.key }
  return time >= since ? memberAvatar(sender.uin, sender.key) : undefined
}
