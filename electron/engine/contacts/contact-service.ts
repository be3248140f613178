import { EventEmitter } from 'node:events'
import { setImmediate as nextTurn } from 'node:timers/promises'
import type {
  ContactKey,
  ContactPart,
  ContactsSnapshot,
  Discussion,
  DiscussionDetails,
  Friend,
  Group,
  GroupDetails,
  RecentItem,
  StatusName,
} from '../../model'
import type { FriendRequestView } from '../../model/views'
import { EngineError, isEngineError } from '../errors'
import { droppedEntries, envelopeResult, plainEnvelopeResult, type PlainResult } from '../http/decode'
import type { Endpoint, HttpResponse } from '../http/endpoint'
import type { Logger } from '../log'
import {
  allowAddedRequest2,
  allowAndAdd2,
  changeStatus2,
  denyAddedRequest2,
  getDiscuInfo,
  getFriendInfo2,
  getSingleLongNick2,
  getStrangerInfo2,
  getDiscusList,
  getGroupInfoExt2,
  getGroupNameListMask2,
  getOnlineBuddies2,
  getRecentList2,
  getSelfInfo2,
  getUserFriends2,
  onlineWire,
  setLongNick2,
  type OnlineWire,
} from '../endpoints/contact-endpoints'
import type { DiscussionId, GroupCode, QqNumber, Uin } from '../endpoints/ids'
import { htmlUnescape } from '../codec/html'
import type { Session } from '../session'
import { toErrorView } from '../../model'
import { friendsPass, type FriendsPass } from './friends-pass'
import { layPlainPresence, layWirePresence } from './online-pass'
import { mapDiscussionDetails, mapDiscussions, mapGroupDetails, mapGroups, mapSelf, toClient, toStatus } from './mappers'

type GroupEntry = Group & { code: string }

/** A friends answer mapped (friends-pass.ts), to be laid; with its lookup by uin when the first load made it. */
interface MappedFriends extends FriendsPass {
  byUin?: Map<string, Friend>
}

/** A list's entries by one of their fields (no pair array per entry: 5,000 friends). */
function index<T, K extends keyof T>(list: readonly T[], field: K): Map<T[K], T> {
  const map = new Map<T[K], T>()
  for (const x of list) map.set(x[field], x)
  return map
}

/** A list's two lookups, by its per-login id and by its key, in one pass (no pair array per entry: 5,000 friends). */
function lookups<T extends { key: ContactKey }, K extends keyof T>(list: readonly T[], id: K): [Map<string, T>, Map<ContactKey, T>] {
  const byId = new Map<string, T>()
  const byKey = new Map<ContactKey, T>()
  for (const x of list) {
    byId.set(x[id] as string, x)
    byKey.set(x.key, x)
  }
  return [byId, byKey]
}

/**
 * How long the first load's friends list, mapped, waits for the online answer to be laid with
 * it: that answer is asked once the lists' answers are in and usually arrives while the friends
 * decode (issue 13). The app pushes presence changes at most this often too.
 */
export const PRESENCE_WAIT_MS = 250

/** Resolves once `p` has settled, or after `ms` if it has not by then. */
async function settledWithin(p: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  await Promise.race([p, new Promise<void>((done) => (timer = setTimeout(done, ms)))])
  clearTimeout(timer)
}

/**
 * An answer, handed over one turn after it arrived: the request its arrival lets go (the next
 * step of §3.8) is sent before the answer's decoding holds the thread.
 */
async function decodeLater(answer: Promise<HttpResponse>): Promise<HttpResponse> {
  const res = await answer
  await nextTurn()
  return res
}

interface Timed<T> {
  value: T
  ms: number
  /** This thread's CPU: on a busy machine a synchronous step can take far longer than its work (the thread waits for a core), and only the CPU says which. */
  cpuMs: number
}

/**
 * This thread's CPU time where Node has it (22.15 / 23.9 on): the project runs on 22.12, whose
 * process-wide figure also counts the thread pool — still a fair measure of a synchronous step.
 */
const cpuUsage: (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage = typeof process.threadCpuUsage === 'function' ? (p) => process.threadCpuUsage(p) : (p) => process.cpuUsage(p)

function timed<T>(run: () => T): Timed<T> {
  const t0 = performance.now()
  const cpu0 = cpuUsage()
  const value = run()
  const cpu = cpuUsage(cpu0)
  return { value, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 }
}

/** A friend's presence after buddies_status_change (§6.2): the one friend, not the whole list. */
export type PresenceChange = Pick<Friend, 'key' | 'status' | 'client'>

export interface ContactServiceEvents {
  /**
   * The snapshot after the lists, self, failures or loading changed: at most one per turn of
   * the event loop, however many changes the turn made (a part that settles changes its list,
   * its loading and its failure at once; with 5,000 friends each snapshot is ~1 MB to the
   * renderer, issue 13).
   */
  changed: [ContactsSnapshot]
  /** One friend's presence changed; the snapshot holds it too, but `changed` is not sent for it. */
  presence: [PresenceChange]
}

/**
 * One load per key, shared by every caller until it is refreshed; a failure is not kept, so
 * the next call tries again.
 */
function shared<T>(cache: Map<ContactKey, Promise<T>>, key: ContactKey, refresh: boolean | undefined, kept: number, load: () => Promise<T>): Promise<T> {
  if (refresh) cache.delete(key)
  let p = cache.get(key)
  // The Map's order is the order of use: the least recently used goes first when it is full.
  if (p) cache.delete(key)
  else {
    const loading = load()
    loading.catch(() => cache.get(key) === loading && cache.delete(key))
    p = loading
  }
  cache.set(key, p)
  if (cache.size > kept) cache.delete(cache.keys().next().value!)
  return p
}

/**
 * Member lists kept per kind, the most recently used (a 2,000-member group's is about a
 * megabyte): every group chat opened fetches its members (the renderer's prefetch), and a day
 * of them must not all stay. One used again after it went is simply fetched again.
 */
export const DETAILS_KEPT = 40

/**
 * The contact lists of a logged-in session. Loading follows the official warm-up order (§3.8):
 * friends, groups and discussions in parallel (self info independently), then
 * get_online_buddies2 (which also registers the session for polling), then the recent list.
 * Each request goes out as soon as the answers the order makes it wait for have arrived; they
 * are decoded and mapped while the server works on it (issue 13).
 * A part that fails is reported with a retry and never blocks the rest (UX.md point 5).
 */
export class ContactService extends EventEmitter<ContactServiceEvents> {
  private snap: ContactsSnapshot = { self: undefined, categories: [], friends: [], groups: [], discussions: [], recent: [], failures: [], loading: [] }
  /**
   * The friends by uin and by key, each made from the list when first asked for (undefined: not
   * made since the list was laid): "lists ready" waits for no lookup of 5,000 friends but the one
   * by uin the first load lays presence through, and the presence laid over a fresh list changes
   * no entry (issue 13).
   */
  private uinLookup: Map<string, Friend> | undefined
  private keyLookup: Map<ContactKey, Friend> | undefined
  private get friendsByUin(): Map<string, Friend> {
    return (this.uinLookup ??= index(this.snap.friends, 'uin'))
  }
  private get friendsByKey(): Map<ContactKey, Friend> {
    return (this.keyLookup ??= index(this.snap.friends, 'key'))
  }
  private groupsByGid = new Map<string, GroupEntry>()
  private groupsByKey = new Map<ContactKey, GroupEntry>()
  private discussionsByDid = new Map<string, Discussion>()
  private discussionsByKey = new Map<ContactKey, Discussion>()
  private readonly groupDetailsCache = new Map<ContactKey, Promise<GroupDetails>>()
  /** Every member each group's lists named this session, by uin: a list loaded since no longer names who left. */
  private readonly memberNames = new Map<ContactKey, Map<string, string>>()
  private readonly discussionDetailsCache = new Map<ContactKey, Promise<DiscussionDetails>>()
  private recentRaw: Array<{ type: number; uin: string }> = []
  /** Friend requests of this session not answered yet, by the requester's QQ number. */
  private readonly requests = new Map<string, FriendRequestView>()

  constructor(
    private readonly session: Session,
    private readonly logger: Logger,
    private readonly detailsKept = DETAILS_KEPT,
  ) {
    super()
  }

  /** Whether the session is online (setOnline); while it is not, the snapshot shows nobody present. */
  private reachable = true
  /** The snapshot as shown while not online (made once per change). */
  private unreachableView: ContactsSnapshot | undefined
  /** snap.friends while no snapshot holding it was handed out: presence changes it in place. */
  private ownFriends: Friend[] | undefined

  /**
   * The lists as the UI shows them. While the session is not online (reconnecting, offline,
   * kicked), nobody's presence is known: every friend reads offline, the last known presence is
   * kept for when it is online again.
   */
  get snapshot(): ContactsSnapshot {
    // Handed out: the friends array is no longer ours to change in place (applyPresence).
    this.ownFriends = undefined
    if (this.reachable) return this.snap
    this.unreachableView ??= { ...this.snap, friends: this.snap.friends.map((f) => (f.status === 'offline' ? f : { ...f, status: 'offline' })) }
    return this.unreachableView
  }

  /**
   * The poll loop's view of the connection changed. Going offline shows every friend offline;
   * back online shows what was known and asks for presence again (buddies_status_change items
   * that were not polled meanwhile are gone, §6.2).
   */
  setOnline(online: boolean): void {
    if (online === this.reachable) return
    this.reachable = online
    this.unreachableView = undefined
    // Shown at once, in step with the session's health that said it.
    this.changed()
    this.emitChanged()
    if (online) void this.retry('online').catch(() => undefined)
  }

  private get cred() {
    return this.session.cred
  }

  private update(patch: Partial<ContactsSnapshot>): void {
    this.snap = { ...this.snap, ...patch }
    this.unreachableView = undefined
    this.changed()
  }

  private changePending = false

  /** `changed` with the snapshot as it is at the end of this turn (one for all of the turn's changes). */
  private changed(): void {
    if (this.changePending) return
    this.changePending = true
    setImmediate(() => this.emitChanged())
  }

  /** The pending `changed`, now (nothing when none is pending). */
  private emitChanged(): void {
    if (!this.changePending) return
    this.changePending = false
    this.emit('changed', this.snapshot)
  }

  private setLoading(part: ContactPart, on: boolean): void {
    const loading = this.snap.loading.filter((p) => p !== part)
    if (on) loading.push(part)
    this.update({ loading, failures: on ? this.snap.failures.filter((f) => f.part !== part) : this.snap.failures })
  }

  /** Runs one part; a failure is recorded (with its retry) rather than thrown. */
  private async part(part: ContactPart, run: () => Promise<void>, signal?: AbortSignal): Promise<boolean> {
    this.setLoading(part, true)
    try {
      await run()
      return true
    } catch (err) {
      if (isEngineError(err, 'cancelled') || signal?.aborted) throw err
      const error = toErrorView(err)
      this.logger.warn(`contacts: ${part} failed: ${error.message}`)
      this.update({ failures: [...this.snap.failures.filter((f) => f.part !== part), { part, error }] })
      return false
    } finally {
      this.setLoading(part, false)
    }
  }

  /** Entries of an answer that did not fit were left out (decode.ts `entries`): said in the log, the rest loads. */
  private reportDropped(what: string, ...lists: ReadonlyArray<readonly unknown[]>): void {
    this.reportLeftOut(what, droppedEntries(...lists))
  }

  private reportLeftOut(what: string, n: number): void {
    if (n) this.logger.warn(`contacts: ${what}: left out ${n} entries that did not fit`)
  }

  /** An endpoint's answer for this session, to be decoded by its part. */
  private fetch<P, R>(ep: Endpoint<P, R>, params: P, signal: AbortSignal | undefined): Promise<HttpResponse> {
    return this.session.http.fetch(ep, params, { signal })
  }

  /**
   * The whole warm-up (§3.8). Resolves when every part has answered or failed. The order is the
   * official one on the wire: get_online_buddies2 is sent once the three lists have answered
   * (not at all after a restore that has just asked it: Session.takeOnlineAnswer),
   * get_recent_list2 once it has; each answer is decoded in a later turn, after the request it
   * let go out has been sent.
   */
  async load(signal?: AbortSignal): Promise<ContactsSnapshot> {
    const cred = { cred: this.cred }
    // All at once, the small answers asked first: a server that takes requests in the order they
    // come sends them while it builds the friend list (~850 kB for 5,000), and they are decoded
    // meanwhile; self info, needed by none of the rest, last.
    const groups = this.fetch(getGroupNameListMask2, cred, signal)
    const discussions = this.fetch(getDiscusList, cred, signal)
    const friends = this.fetch(getUserFriends2, cred, signal)
    const self = this.part('self', () => this.loadSelf(signal), signal)
    // A restore's liveness check asked get_online_buddies2 a moment ago (restore.ts): its answer
    // is the presence, and the channel is registered already (§8.3).
    const known = this.session.takeOnlineAnswer()
    // The online answer once it has arrived: the friends list laid after it carries its presence.
    let onlineRes = known
    let onlineSettled!: () => void
    const onlineIn = new Promise<void>((settled) => (onlineSettled = settled))
    const friendsLaid = this.part(
      'friends',
      async () => {
        const res = await decodeLater(friends)
        const decoded = timed(() => plainEnvelopeResult(getUserFriends2.name, res))
        const mapped = timed(() => this.mapFriends(decoded.value, true))
        this.logTimes('friends', decoded, mapped)
        // The server answers get_online_buddies2 (asked once the lists' answers were in) while the
        // list decodes and maps: laid with it, the friends are one list and one snapshot already
        // with their presence, not 5,000 offline friends and a second pass. Waited for briefly,
        // so a slow answer never hides the friends for long (then it is laid after them).
        const waitFrom = performance.now()
        await settledWithin(onlineIn, PRESENCE_WAIT_MS)
        const waited = performance.now() - waitFrom
        const online = onlineRes
        const laid = timed(() => this.layFriends(mapped.value, online))
        if (laid.value) this.presenceLaid = online
        // What is left once the online answer is in (its decode and the presence): the warm-up's tail.
        this.logger.debug(
          `contacts: friends laid in ${laid.ms.toFixed(1)} ms (thread CPU ${laid.cpuMs.toFixed(1)} ms) after ${waited.toFixed(1)} ms for the online answer, ${laid.value ? 'with' : 'without'} presence`,
        )
      },
      signal,
    )
    const lists = Promise.all([
      friendsLaid,
      this.part('groups', async () => this.applyGroups(await decodeLater(groups)), signal),
      this.part('discussions', async () => this.applyDiscussions(await decodeLater(discussions)), signal),
    ])
    // Awaited at the end: one cancelled meanwhile must not be a rejection nobody handles.
    lists.catch(() => undefined)
    self.catch(() => undefined)
    await Promise.allSettled([friends, groups, discussions])
    const online = known ? Promise.resolve(known) : this.fetch(getOnlineBuddies2, cred, signal)
    online
      .then((res) => (onlineRes = res))
      .catch(() => undefined)
      .finally(onlineSettled)
    // Presence is laid over the friends list, so it waits for that list to be mapped.
    const presence = this.part(
      'online',
      async () => {
        const res = await online
        await friendsLaid
        // Laid with the list: done in the same turn (the snapshot that shows it says loading no more).
        if (this.presenceLaid === res) return
        await nextTurn()
        this.applyOnline(res)
      },
      signal,
    )
    presence.catch(() => undefined)
    await online.catch(() => undefined)
    const recent = this.part(
      'recent',
      async () => {
        // That answer usually completes the lists' first snapshot (the friends laid with it, in
        // this turn): the recent list is loading in that snapshot, not in one more of its own, and
        // is asked once it is out, so that sending it (got's request, ~1 ms) does not hold the
        // lists back (issue 13). After a restore it goes out at once, as before.
        if (!known) {
          await friendsLaid.catch(() => undefined)
          await nextTurn()
        }
        this.applyRecent(await decodeLater(this.fetch(getRecentList2, cred, signal)))
      },
      signal,
    )
    await Promise.all([lists, presence, recent, self])
    this.ownFriends = undefined
    return this.snap
  }

  /** Loads one part again (the UI's retry, or a refresh after buddylist_change). */
  async retry(part: ContactPart, signal?: AbortSignal): Promise<boolean> {
    const run = {
      self: () => this.loadSelf(signal),
      // Presence follows the new list as its own part: its failure (or a stale one) is its own.
      friends: async () => {
        await this.loadFriends(signal)
        await this.part('online', () => this.loadOnline(signal), signal)
      },
      groups: () => this.loadGroups(signal),
      discussions: () => this.loadDiscussions(signal),
      online: () => this.loadOnline(signal),
      recent: () => this.loadRecent(signal),
    }[part]
    return this.part(part, run, signal)
  }

  private async loadSelf(signal?: AbortSignal): Promise<void> {
    const w = await this.session.http.call(getSelfInfo2, undefined, { signal })
    this.update({ self: mapSelf(w, this.session.info.status) })
  }

  private async loadFriends(signal?: AbortSignal): Promise<void> {
    this.applyFriends(await this.fetch(getUserFriends2, { cred: this.cred }, signal))
  }

  /**
   * Decodes a part's answer and lays it into the lists, saying in the debug log how long each
   * took: the warm-up's own work, which the benchmark puts beside the server's (issue 13).
   */
  private apply<R>(part: ContactPart, ep: Endpoint<never, R>, res: HttpResponse, lay: (wire: R) => void): void {
    const decoded = timed(() => ep.decode(res))
    this.logTimes(part, decoded, timed(() => lay(decoded.value)))
  }

  private logTimes(part: ContactPart, decoded: Timed<unknown>, laid: Timed<unknown>): void {
    this.logger.debug(`contacts: ${part} decoded in ${decoded.ms.toFixed(1)} ms, mapped in ${laid.ms.toFixed(1)} ms (thread CPU ${decoded.cpuMs.toFixed(1)} + ${laid.cpuMs.toFixed(1)} ms)`)
  }

  /** The answer that was laid over the friends list in its own pass (load), if one was. */
  private presenceLaid: HttpResponse | undefined

  /**
   * An online answer's presence laid over friends just mapped (the first load's one pass), in
   * place; false, and nobody changed, when it does not decode (the online part then says why).
   */
  private layPresence(res: HttpResponse, byUin: Map<string, Friend>): boolean {
    let online: OnlineWire
    try {
      const result = envelopeResult(getOnlineBuddies2.name, res)
      if (layPlainPresence(result, byUin)) return true
      online = onlineWire(result)
    } catch {
      return false
    }
    this.reportDropped('online', online)
    layWirePresence(online, byUin)
    return true
  }

  private applyFriends(res: HttpResponse): void {
    const decoded = timed(() => plainEnvelopeResult(getUserFriends2.name, res))
    this.logTimes('friends', decoded, timed(() => this.layFriends(this.mapFriends(decoded.value))))
  }

  /**
   * A friends answer (and its friends, mapped already by the first load) laid into the lists;
   * with an online answer, its presence too (the first load's one pass). Without, a reload keeps
   * the presence it knew until get_online_buddies2 says otherwise.
   */
  private layFriends(mapped: MappedFriends, online?: HttpResponse): boolean {
    this.reportLeftOut('friends', mapped.dropped)
    let friends = mapped.list
    let byUin = mapped.byUin
    // The objects are new and nobody holds them yet: presence is set in place, no copy per friend (the lookup stays true).
    const withPresence = online !== undefined && this.layPresence(online, (byUin ??= index(friends, 'uin')))
    if (!withPresence && this.snap.friends.length) {
      const previous = this.friendsByUin
      friends = friends.map((f) => {
        const before = previous.get(f.uin)
        return before ? { ...f, status: before.status, client: before.client } : f
      })
      byUin = undefined
    }
    this.uinLookup = byUin
    this.keyLookup = undefined
    this.update({ friends, categories: mapped.categories })
    this.resolveRecent()
    return withPresence
  }

  /**
   * A friends answer's `result` checked and mapped to the model in one pass (friends-pass.ts: its
   * JSON is what the debug line calls decoded), not laid yet; with its lookup by uin when
   * `withLookup` (the first load makes it while get_online_buddies2 is on the wire, and its
   * presence is laid through it: the work left once that answer is in is its own).
   */
  private mapFriends(answer: PlainResult, withLookup = false): MappedFriends {
    const pass = friendsPass(answer, this.cred.uin)
    return withLookup ? { ...pass, byUin: index(pass.list, 'uin') } : pass
  }

  private async loadGroups(signal?: AbortSignal): Promise<void> {
    this.applyGroups(await this.fetch(getGroupNameListMask2, { cred: this.cred }, signal))
  }

  private applyGroups(res: HttpResponse): void {
    this.apply('groups', getGroupNameListMask2, res, (w) => {
      this.reportDropped('groups', w.gmasklist, w.gnamelist, w.gmarklist)
      const groups = mapGroups(w)
      ;[this.groupsByGid, this.groupsByKey] = lookups(groups, 'gid')
      this.groupDetailsCache.clear()
      this.update({ groups })
      this.resolveRecent()
    })
  }

  private async loadDiscussions(signal?: AbortSignal): Promise<void> {
    this.applyDiscussions(await this.fetch(getDiscusList, { cred: this.cred }, signal))
  }

  private applyDiscussions(res: HttpResponse): void {
    this.apply('discussions', getDiscusList, res, (w) => {
      this.reportDropped('discussions', w.dnamelist)
      const discussions = mapDiscussions(w.dnamelist)
      ;[this.discussionsByDid, this.discussionsByKey] = lookups(discussions, 'did')
      this.discussionDetailsCache.clear()
      this.update({ discussions })
      this.resolveRecent()
    })
  }

  private async loadOnline(signal?: AbortSignal): Promise<void> {
    this.applyOnline(await this.fetch(getOnlineBuddies2, { cred: this.cred }, signal))
  }

  private applyOnline(res: HttpResponse): void {
    this.apply('online', getOnlineBuddies2, res, (online) => {
      this.reportDropped('online', online)
      const states = new Map<string, (typeof online)[number]>()
      for (const o of online) states.set(o.uin, o)
      // Lookups made already follow the changed friends; none made yet are made from the new list.
      const [byUin, byKey] = [this.uinLookup, this.keyLookup]
      const friends = this.snap.friends.map((f) => {
        const o = states.get(f.uin)
        const status = o ? toStatus(o.status) : 'offline'
        const client = toClient(o?.client_type)
        // A friend whose presence is what the list already says stays the same object (most of 5,000 are offline).
        if (f.status === status && f.client === client) return f
        const next: Friend = { ...f, status, client }
        byUin?.set(next.uin, next)
        byKey?.set(next.key, next)
        return next
      })
      this.update({ friends })
    })
  }

  private async loadRecent(signal?: AbortSignal): Promise<void> {
    this.applyRecent(await this.fetch(getRecentList2, { cred: this.cred }, signal))
  }

  private applyRecent(res: HttpResponse): void {
    this.recentRaw = getRecentList2.decode(res)
    this.reportDropped('recent', this.recentRaw)
    this.resolveRecent()
  }

  /** The recent list names uins / gids / dids (§5.8); keep the entries we can resolve. */
  private resolveRecent(): void {
    if (!this.recentRaw.length) return
    const recent: RecentItem[] = []
    for (const r of this.recentRaw) {
      const key =
        r.type === 0 ? this.friendsByUin.get(r.uin)?.key : r.type === 1 ? this.groupsByGid.get(r.uin)?.key : this.discussionsByDid.get(r.uin)?.key
      const kind = r.type === 0 ? 'friend' : r.type === 1 ? 'group' : 'discussion'
      if (key && !recent.some((x) => x.key === key)) recent.push({ kind, key })
    }
    this.update({ recent })
  }

  // ---- lookups (for the poll dispatcher and the UI) ----

  friendByUin(uin: string): Friend | undefined {
    return this.friendsByUin.get(uin)
  }
  friend(key: ContactKey): Friend | undefined {
    return this.friendsByKey.get(key)
  }
  groupByGid(gid: string): GroupEntry | undefined {
    return this.groupsByGid.get(gid)
  }
  group(key: ContactKey): GroupEntry | undefined {
    return this.groupsByKey.get(key)
  }
  discussionByDid(did: string): Discussion | undefined {
    return this.discussionsByDid.get(did)
  }
  discussion(key: ContactKey): Discussion | undefined {
    return this.discussionsByKey.get(key)
  }

  /** A group's members, loaded on first use and cached (by code, never by gid: §5.5). */
  groupDetails(key: ContactKey, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<GroupDetails> {
    const group = this.groupsByKey.get(key)
    if (!group) return Promise.reject(new EngineError('bad-input', `no group ${key}`))
    return shared(this.groupDetailsCache, key, opts.refresh, this.detailsKept, async () => {
      const w = await this.session.http.call(getGroupInfoExt2, { cred: this.cred, code: group.code as GroupCode }, { signal: opts.signal })
      this.reportDropped('group members', w.ginfo.members, w.minfo, w.stats, w.cards, w.vipinfo)
      const details = mapGroupDetails(key, w, this.friendsByUin)
      const names = this.memberNames.get(key) ?? new Map<string, string>()
      for (const m of details.members) names.set(m.uin, m.displayName)
      this.memberNames.set(key, names)
      return details
    })
  }

  /** How a group's lists last named a member this session, also one who has left since. */
  knownMemberName(key: ContactKey, uin: string): string | undefined {
    return this.memberNames.get(key)?.get(uin)
  }

  discussionDetails(key: ContactKey, opts: { refresh?: boolean; signal?: AbortSignal } = {}): Promise<DiscussionDetails> {
    const disc = this.discussionsByKey.get(key)
    if (!disc) return Promise.reject(new EngineError('bad-input', `no discussion ${key}`))
    return shared(this.discussionDetailsCache, key, opts.refresh, this.detailsKept, async () => {
      const w = await this.session.http.call(getDiscuInfo, { cred: this.cred, did: disc.did as DiscussionId }, { signal: opts.signal })
      this.reportDropped('discussion members', w.info.mem_list, w.mem_status, w.mem_info)
      return mapDiscussionDetails(key, w, this.friendsByUin)
    })
  }

  /** A friend's profile card: get_friend_info2 and the signature (§5.10, §5.11), in parallel. */
  async friendProfile(key: ContactKey): Promise<Friend & { lnick: string; gender: string; city: string }> {
    const f = this.friendsByKey.get(key)
    if (!f) throw new EngineError('bad-input', `no friend ${key}`)
    const uin = f.uin as Uin
    const [info, nicks] = await Promise.all([
      this.session.http.call(getFriendInfo2, { cred: this.cred, uin }),
      this.session.http.call(getSingleLongNick2, { cred: this.cred, uin }).catch(() => []),
    ])
    return { ...f, lnick: htmlUnescape(nicks[0]?.lnick ?? ''), gender: info.gender, city: htmlUnescape(info.city) }
  }

  // ---- changes pushed by the poll loop ----

  /**
   * buddies_status_change (§6.2). Sent as a delta (`presence`), not a snapshot: with thousands
   * of friends a whole list per status change would be most of the traffic.
   */
  applyPresence(uin: string, status: string, clientType: number | undefined): void {
    const f = this.friendsByUin.get(uin)
    if (!f) return
    const next: Friend = { ...f, status: toStatus(status), client: clientType === undefined ? f.client : toClient(clientType) }
    this.friendsByUin.set(uin, next)
    this.friendsByKey.set(next.key, next)
    // The list holds `f` itself (the lookups and the list are set together). It is copied once
    // after it was last handed out, then changed in place: a poll answer of ~20 changes on 5,000
    // friends is one copy, not twenty (100 changes a second, issue 13).
    if (this.ownFriends !== this.snap.friends) {
      this.ownFriends = this.snap.friends.slice()
      this.snap = { ...this.snap, friends: this.ownFriends }
    }
    const at = this.ownFriends.indexOf(f)
    const i = at >= 0 ? at : this.ownFriends.findIndex((x) => x.uin === uin)
    if (i >= 0) this.ownFriends[i] = next
    this.unreachableView = undefined
    // Not online: kept for later, but nobody is shown present.
    if (this.reachable) this.emit('presence', { key: next.key, status: next.status, client: next.client })
  }

  // ---- friend requests (system_message verify_required, §5.14) ----

  /** The pending friend requests of this session, oldest first. */
  get pendingRequests(): FriendRequestView[] {
    return [...this.requests.values()]
  }

  /**
   * A friend request arrived: it is pending at once, and its requester's nick is asked of
   * get_stranger_info2 (§5.10) by the uin the item carried. The nick is '' when the service
   * could not tell (no uin, a failed call): the UI shows the number then.
   */
  async requestArrived(r: { account: string; fromUin?: string; message: string }): Promise<FriendRequestView> {
    const pending: FriendRequestView = { account: r.account, nick: '', message: r.message, time: Date.now() }
    this.requests.delete(r.account)
    this.requests.set(r.account, pending)
    const nick = r.fromUin ? await this.strangerNick(r.fromUin as Uin) : ''
    const view = { ...pending, nick }
    // Answered while the nick was being asked: it is no longer pending.
    if (this.requests.get(r.account) === pending) this.requests.set(r.account, view)
    return view
  }

  private async strangerNick(uin: Uin): Promise<string> {
    try {
      return htmlUnescape((await this.session.http.call(getStrangerInfo2, { cred: this.cred, uin })).nick)
    } catch (err) {
      this.logger.info(`contacts: a requester's nick is unknown (${toErrorView(err).message})`)
      return ''
    }
  }

  // ---- writes ----

  async setLongNick(text: string): Promise<void> {
    await this.session.http.call(setLongNick2, { cred: this.cred, text })
    if (this.snap.self) this.update({ self: { ...this.snap.self, lnick: text } })
  }

  async setStatus(status: StatusName): Promise<void> {
    await this.session.http.call(changeStatus2, { cred: this.cred, status })
    this.session.info.status = status
    if (this.snap.self) this.update({ self: { ...this.snap.self, status } })
    // The official client refreshes presence right after (§5.15).
    await this.retry('online')
  }

  /** Answers a friend request (system_message verify_required, §5.14); the service says when there is none (100001). */
  async answerRequest(account: string, answer: { kind: 'accept'; category: number; markname: string } | { kind: 'allow' } | { kind: 'deny'; reason: string }): Promise<void> {
    const qq = account as QqNumber
    if (answer.kind === 'accept') {
      await this.session.http.call(allowAndAdd2, { cred: this.cred, account: qq, category: answer.category, markname: answer.markname })
      await this.retry('friends')
    } else if (answer.kind === 'allow') {
      await this.session.http.call(allowAddedRequest2, { cred: this.cred, account: qq })
    } else {
      await this.session.http.call(denyAddedRequest2, { cred: this.cred, account: qq, reason: answer.reason })
    }
    this.requests.delete(account)
  }
}
