import type { ContactKey } from '../../model'

/**
 * Stable contact keys (see ContactKey in the model): the per-login uins and gids change at
 * every login (§2.4), so local data is keyed by what does not — the QQ number when the protocol
 * gives it, otherwise names, disambiguated by an ordinal in list order.
 */

/** Hands out keys, adding `#2`, `#3` to look-alikes within one list. */
export class KeyAllocator {
  private readonly seen = new Set<string>()
  /** How many of a base were handed out, for the bases seen more than once. */
  private readonly repeats = new Map<string, number>()

  take(base: string): ContactKey {
    // The first of a name (nearly every one) costs one hash lookup, not a get and a set
    // (5,000 friends: ~1 of mapFriends' ~5.5 ms, issue 13).
    const before = this.seen.size
    this.seen.add(base)
    if (this.seen.size > before) return base
    const n = (this.repeats.get(base) ?? 1) + 1
    this.repeats.set(base, n)
    return `${base}#${n}`
  }
}

/**
 * The most of a name that goes into a key, in UTF-16 units (a pair is never split). A key must
 * fit the contract's 512 (electron/ipc/contract): a session key holds a group key and a member
 * name, 2 × 200 plus prefixes. Names were at most a few dozen characters on the service; a
 * 100 KB one (issue 8) must still key a conversation the app can open.
 */
const KEY_NAME_MAX = 200

const clean = (s: string) => {
  // Most names have nothing to replace: testing first skips a copy per name (5,000 friends, issue 13).
  const name = /[/#\s]/.test(s) ? s.replace(/[/#\s]+/g, ' ').trim() : s
  if (name.length <= KEY_NAME_MAX) return name
  const cut = name.slice(0, KEY_NAME_MAX)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

export function friendKeyBase(f: { qq?: string; markname?: string; nick: string; face: number }): string {
  if (f.qq) return `f:q:${f.qq}`
  return `f:n:${clean(f.markname || f.nick)}/${f.face}`
}

export function groupKeyBase(name: string): string {
  return `g:n:${clean(name)}`
}

export function discussionKey(did: string): ContactKey {
  return `d:${did}`
}

export function sessionKey(groupOrDiscussionKey: ContactKey, memberName: string): ContactKey {
  return `s:${groupOrDiscussionKey}/${clean(memberName)}`
}

/**
 * A temporary-session key taken apart: the group or discussion it goes through and the
 * member's name (which `clean` keeps free of `/`); undefined for any other key.
 */
export function parseSessionKey(key: ContactKey): { via: ContactKey; member: string } | undefined {
  const m = /^s:(.+)\/([^/]+)$/.exec(key)
  return m ? { via: m[1]!, member: m[2]! } : undefined
}

/** The display-name chain (UX.md point 6): card → remark → nick → number. */
export function displayName(...candidates: Array<string | undefined>): string {
  for (const c of candidates) if (c && c.trim()) return c
  return ''
}
