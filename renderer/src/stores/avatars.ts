import { defineStore } from 'pinia'
import { ref, shallowReactive } from 'vue'
import type { AvatarSubject, Picture } from '@contract'
import { useApi } from '../bridge'

/** At most this many `avatar.get` in flight: a list scrolled fast asks for dozens at once. */
const CONCURRENCY = 4

/** Subjects lists pass again and again (keptAvatar's, one per conversation): their keys made once. */
const keys = new WeakMap<AvatarSubject, string>()

export function subjectKey(s: AvatarSubject): string {
  let key = keys.get(s)
  if (key === undefined) keys.set(s, (key = s.kind === 'member' ? `m:${s.uin}` : `${s.kind}:${s.key}`))
  return key
}

const isByUin = (key: string): boolean => key.startsWith('m:')

/**
 * Avatars (§7.6), asked for when a row comes into view: once per subject, queued and sent a few
 * at a time, the answer remembered for the session, `null` ("none, draw the letter tile")
 * included. A command that failed counts as `null` until `retryFailed()` (web mode's connection
 * came back); `newLogin()` drops what was asked by uin (a member's uin belongs to one login,
 * §2.4; friends and groups are asked by their lasting keys). Both make the rows in view ask
 * again, since they read `pictureOf`.
 */
export const useAvatarsStore = defineStore('avatars', () => {
  const api = useApi()
  /** `undefined`: not asked yet or on its way. */
  const known = shallowReactive(new Map<string, Picture | null>())
  /**
   * One Picture per picture: many people have the same avatar (a default one, a shared one), and
   * each answer came as its own object with its own copy of the 64-character hash (the memory
   * bench's heap held ~65 copies of each of 30 hashes after a day's chats). Bounded by the
   * distinct pictures asked for, as `known` is by the subjects.
   */
  const byHash = new Map<string, Picture>()
  function shared(picture: Picture): Picture {
    const kept = byHash.get(picture.hash)
    if (kept) return kept
    byHash.set(picture.hash, picture)
    return picture
  }
  const asked = new Set<string>()
  const failed = new Set<string>()
  const queue: Array<{ key: string; subject: AvatarSubject }> = []
  let running = 0
  /** Bumped by newLogin(): answers by uin to requests made before it are dropped. */
  let epoch = 0
  /** When the current login began (epoch ms): a member's uin from before it may be someone else's now. */
  const since = ref(0)

  function request(subject: AvatarSubject): void {
    const key = subjectKey(subject)
    if (asked.has(key)) return
    asked.add(key)
    queue.push({ key, subject })
    pump()
  }

  function pump(): void {
    while (running < CONCURRENCY && queue.length > 0) {
      const { key, subject } = queue.shift()!
      const mine = epoch
      running++
      api
        .invoke('avatar.get', { subject })
        .then(
          (picture) => ({ picture: picture ? shared(picture) : null, ok: true }),
          () => ({ picture: null, ok: false }),
        )
        .then(({ picture, ok }) => {
          if (mine !== epoch && isByUin(key)) return
          if (!ok) failed.add(key)
          known.set(key, picture)
        })
        .finally(() => {
          running--
          pump()
        })
    }
  }

  function retryFailed(): void {
    for (const key of failed) {
      asked.delete(key)
      known.delete(key)
    }
    failed.clear()
  }

  function newLogin(now = Date.now()): void {
    since.value = now
    epoch++
    for (let i = queue.length - 1; i >= 0; i--) if (isByUin(queue[i]!.key)) queue.splice(i, 1)
    for (const set of [asked, failed]) for (const key of set) if (isByUin(key)) set.delete(key)
    for (const key of [...known.keys()]) if (isByUin(key)) known.delete(key)
  }

  return {
    since,
    /**
     * What is known of each subject, by subjectKey: `pictureOf` without going through a store
     * action (Pinia wraps every function a store returns, a few allocations per call), for the
     * avatars a list draws again per keystroke.
     */
    pictures: known as ReadonlyMap<string, Picture | null>,
    request,
    retryFailed,
    newLogin,
    pictureOf: (subject: AvatarSubject) => known.get(subjectKey(subject)),
  }
})
