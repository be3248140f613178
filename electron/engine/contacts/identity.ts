import type { ContactKey } from '../../ipc/contract/model'

/**
 * Stable contact keys (see ContactKey in the model): the per-login uins and gids change at
 * every login (§2.4), so local data is keyed by what does not — the QQ number when the protocol
 * gives it, otherwise names, disambiguated by an ordinal in list order.
 */

/** Hands out keys, adding `#2`, `#3` to look-alikes within one list. */
export class KeyAllocator {
  private readonly seen = new Map<string, number>()

  take(base: string): ContactKey {
    const n = (this.seen.get(base) ?? 0) + 1
    this.seen.set(base, n)
    return n === 1 ? base : `${base}#${n}`
  }
}

const clean = (s: string) => s.replace(/[/#\s]+/g, ' ').trim()

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

/** The display-name chain (UX.md point 6): card → remark → nick → number. */
export function displayName(...candidates: Array<string | undefined>): string {
  for (const c of candidates) if (c && c.trim()) return c
  return ''
}
