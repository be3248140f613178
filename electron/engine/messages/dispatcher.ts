import { randomUUID } from 'node:crypto'
import { EventEmitter } from 'node:events'
import type { ChatMessage, ConversationRef, Notice, Segment } from '../../model'
import type { FriendRequestView } from '../../model/views'
import { decodeContent } from '../codec/content'
import { htmlUnescape } from '../codec/html'
import type { ContactService } from '../contacts/contact-service'
import { sessionKey } from '../contacts/identity'
import type { HistoryStore, NewMessage } from '../history/history-store'
import { publicMessage } from '../history/history-store'
import type { Logger } from '../log'
import type { PollEvent } from '../endpoints/poll-items'
import type { FileService } from '../files/file-service'
import { MEDIA_REF_MAX, type MediaSource, type WirePicture } from '../media/media-source'
import type { PictureService } from '../media/picture-service'
import { memberByUin } from './member-lookup'
import { messageText } from './names'
import type { SessionPeers } from './session-peers'

type MessageEvent = Extract<PollEvent, { type: 'message' | 'group_message' | 'discu_message' | 'sess_message' | 'file_message' }>
/** Items stored as system lines (a `notice` segment): a window shake, a tip, a group's membership (§6.2). */
type NoticeEvent = Extract<PollEvent, { type: 'shake_message' | 'tips' | 'sys_g_msg' }>
type StoredEvent = MessageEvent | NoticeEvent
type Built = { message: NewMessage; title: string; face: number; extra: Extras; mentioned?: boolean }

function isNotice(e: PollEvent): e is NoticeEvent {
  return e.type === 'shake_message' || e.type === 'tips' || e.type === 'sys_g_msg'
}
function isMessage(e: PollEvent): e is MessageEvent {
  return e.type === 'message' || e.type === 'group_message' || e.type === 'discu_message' || e.type === 'sess_message' || (e.type === 'file_message' && e.value.mode === 'recv')
}

/** How long the first message from a group may wait for its member list (for sender names). */
const NAMES_WAIT_MS = 3_000
/** How far back an own outgoing message can be matched to its echo (§6.6). */
const ECHO_WINDOW_MS = 10 * 60_000
/** file_message `type` 161: an audio/video call invitation, not a file (§7.3). */
const CALL_INVITE_TYPE = 161
/** Characters of a tip kept (its payload was never documented, §6.2). */
const TIP_MAX = 1000
/** The system's uin in poll items (kick_message, tips: `from_uin` 10000). */
const SYSTEM_UIN = '10000'
/** What the system's conversation is called (the official client's name for it). */
const SYSTEM_TITLE = '系统消息'

/** What a stored message brings besides itself: its pictures' sources, the file it offers. */
export interface Attachments {
  pictures: PictureService
  files: FileService
}

/** What a built message carries for its attachments, until it is stored. */
interface Extras {
  sources: Array<{ index: number; source: MediaSource }>
  offer?: { peerUin: string; lcid: number; name: string }
}

export interface DispatcherEvents {
  /** A new message, already stored. */
  message: [ChatMessage]
  /** An outgoing message's status changed (its echo arrived). */
  status: [ChatMessage]
  conversation: [ConversationRef]
  typing: [ConversationRef]
  friendRequest: [FriendRequestView]
}

/**
 * Turns poll events into stored, deduplicated messages and contact updates. Every message is
 * written to history before anyone hears of it; responses are handled strictly in order.
 */
export class Dispatcher extends EventEmitter<DispatcherEvents> {
  private chain: Promise<void> = Promise.resolve()
  private readonly refreshedAt = new Map<string, number>()

  constructor(
    private readonly selfUin: () => string,
    private readonly contacts: ContactService,
    private readonly history: HistoryStore,
    private readonly peers: SessionPeers,
    private readonly logger: Logger,
    private readonly attachments?: Attachments,
  ) {
    super()
  }

  /** Queues one poll response's events (sorted by the loop). Resolves when they are handled. */
  handle(events: PollEvent[]): Promise<void> {
    this.chain = this.chain.then(() => this.handleNow(events)).catch((err: unknown) => this.logger.error(`dispatch failed: ${(err as Error).stack ?? err}`))
    return this.chain
  }

  /** Resolves when every response queued so far has been handled. */
  settled(): Promise<void> {
    return this.chain
  }

  private async handleNow(events: PollEvent[]): Promise<void> {
    // Messages and system lines together, in the loop's order: each gets its place in history.
    const stored = events.filter((e): e is StoredEvent => isMessage(e) || isNotice(e))
    if (stored.length) await this.handleMessages(stored)
    for (const e of events) this.handleOther(e)
  }

  /** Loads member lists the sender names need, waiting a bounded time. */
  private async prefetchNames(events: StoredEvent[]): Promise<void> {
    const loads = new Map<string, Promise<unknown>>()
    for (const e of events) {
      if (e.type === 'group_message' || e.type === 'sys_g_msg' || (e.type === 'sess_message' && e.value.service_type === 0)) {
        const gid = e.type === 'group_message' || e.type === 'sys_g_msg' ? e.value.from_uin : (e.value.id ?? '')
        const g = this.contacts.groupByGid(gid)
        if (g && !loads.has(g.key)) loads.set(g.key, this.contacts.groupDetails(g.key))
      } else if (e.type === 'discu_message' || e.type === 'sess_message') {
        const did = e.type === 'discu_message' ? (e.value.did ?? e.value.from_uin) : (e.value.id ?? '')
        const d = this.contacts.discussionByDid(did)
        if (d && !loads.has(d.key)) loads.set(d.key, this.contacts.discussionDetails(d.key))
      }
    }
    if (!loads.size) return
    const all = Promise.allSettled([...loads.values()])
    await Promise.race([all, new Promise((r) => setTimeout(r, NAMES_WAIT_MS).unref())])
  }

  private async memberName(kind: 'group' | 'discussion', key: string, uin: string): Promise<{ name: string; key?: string } | undefined> {
    try {
      const details = kind === 'group' ? await peek(this.contacts.groupDetails(key)) : await peek(this.contacts.discussionDetails(key))
      const m = details && memberByUin(details, uin)
      if (m) return { name: m.displayName, ...(m.friendKey ? { key: m.friendKey } : {}) }
    } catch {
      // Names fall back below.
    }
    const f = this.contacts.friendByUin(uin)
    return f ? { name: f.displayName, key: f.key } : undefined
  }

  private async handleMessages(events: StoredEvent[]): Promise<void> {
    await this.prefetchNames(events)
    const self = this.selfUin()
    // In the order the loop handed them over (§6.1): the store gives each its place in that order.
    const fresh: NewMessage[] = []
    const echoes: Array<{ id: string; dedupe: string }> = []
    const titles = new Map<string, { ref: ConversationRef; title: string; face: number }>()
    const extras = new Map<string, Extras>()
    const mentions = new Set<string>()
    for (const e of events) {
      let built: Built | undefined
      try {
        built = isNotice(e) ? await this.buildNotice(e, self) : await this.build(e, self)
      } catch (err) {
        // One item that cannot be made sense of costs only itself, never the rest of the answer.
        this.logger.warn(`poll item ${e.type} not stored: ${(err as Error).message}`)
        continue
      }
      if (!built) continue
      const { message, title, face, extra } = built
      if (built.mentioned) mentions.add(message.id)
      extras.set(message.id, extra)
      titles.set(`${message.conversation.kind}\u0000${message.conversation.key}`, { ref: message.conversation, title, face })
      if (message.direction === 'out') {
        // Our own message echoed back (§6.6): mark the pending one delivered instead of showing it twice.
        const own = this.history.findOwnRecent(message.conversation, message.text, message.time - ECHO_WINDOW_MS)
        if (own && !echoes.some((x) => x.id === own.id)) {
          echoes.push({ id: own.id, dedupe: message.dedupe! })
          continue
        }
      }
      fresh.push(message)
    }
    const stored = this.history.tx(() => {
      for (const e of echoes) this.history.claimEcho(e.id, e.dedupe)
      const added = this.history.addReceived(fresh)
      for (const m of added) {
        const t = titles.get(`${m.conversation.kind}\u0000${m.conversation.key}`)!
        this.history.touch(m.conversation, { title: t.title, face: t.face, lastTime: m.time, unreadDelta: countsAsUnread(m) ? 1 : 0, mentioned: mentions.has(m.id) })
        const x = extras.get(m.id)
        if (x?.sources.length) this.attachments?.pictures.remember(m.id, x.sources)
        if (x?.offer) this.attachments?.files.offer({ id: transferOf(m.segments)!, conversation: m.conversation, time: m.time, ...x.offer })
      }
      return added
    })
    for (const e of echoes) {
      const m = this.history.get(e.id)
      if (m) this.emit('status', publicMessage(m))
    }
    const touched = new Set<string>()
    for (const m of stored) {
      this.emit('message', publicMessage(m))
      this.attachments?.pictures.fetchFor(m)
      touched.add(`${m.conversation.kind}\u0000${m.conversation.key}`)
    }
    for (const k of touched) this.emit('conversation', titles.get(k)!.ref)
    if (fresh.length > stored.length) this.logger.debug(`dropped ${fresh.length - stored.length} duplicate message(s)`)
  }

  /** One poll message → a message to store, with its conversation's title. */
  private async build(e: MessageEvent, self: string): Promise<Built> {
    const v = e.value
    // A sane server time, or the receive time when it was not (poll-items.ts serverTime).
    const time = v.time * 1000
    // The dedupe key (§6.5) uses the time as it came, so a repeated delivery finds its twin.
    const wireTime = v.rawTime ?? 0
    const extra: Extras = { sources: [] }
    let segments: Segment[]
    if (e.type === 'file_message') {
      // A file offer (§7.3) is a file segment naming its transfer; type 161 is a call invitation.
      if (e.value.type === CALL_INVITE_TYPE) segments = [{ type: 'call-invite' }]
      else {
        segments = [{ type: 'file', name: e.value.name, transfer: randomUUID() }]
        extra.offer = { peerUin: e.value.from_uin, lcid: e.value.session_id, name: e.value.name }
      }
    } else {
      const decoded = decodeContent(e.value.content)
      segments = this.pictureSources(e, decoded.segments, decoded.pictures, extra)
    }
    const base = (ref: ConversationRef, direction: 'in' | 'out', sender: NewMessage['sender'], dedupe: string): NewMessage => ({
      id: randomUUID(),
      conversation: ref,
      direction,
      ...(sender ? { sender } : {}),
      time,
      segments,
      status: direction === 'in' ? 'received' : 'sent',
      dedupe,
      attempts: 0,
      text: messageText(segments),
      ...(v.rawTime !== undefined && { serverTime: v.rawTime }),
    })
    switch (e.type) {
      case 'file_message':
      case 'message': {
        // What the account wrote from another device: from_uin 0 (the official client's "self",
        // §6.2) or its own uin, in the conversation with to_uin (§6.6).
        const own = v.from_uin === self || (e.type === 'message' && v.from_uin === '0')
        const peer = own && e.type === 'message' && e.value.to_uin !== undefined ? e.value.to_uin : v.from_uin
        const f = this.contacts.friendByUin(peer)
        if (f && v.from_uin !== self) locate(extra, { peer: f.key })
        // Unknown senders (a stranger, or a friend added since the list loaded) get a per-login key.
        const key = f?.key ?? `f:u:${peer}`
        const direction = own ? 'out' : 'in'
        const dedupe = e.type === 'file_message' ? `fm:${v.from_uin}:${e.value.session_id}:${wireTime}` : `m:${v.from_uin}:${v.msgIdKey}:${wireTime}`
        return { message: base({ kind: 'friend', key }, direction, undefined, dedupe), title: f?.displayName ?? peer, face: f?.face ?? 0, extra }
      }
      case 'group_message': {
        const gid = e.value.from_uin
        const g = this.contacts.groupByGid(gid) ?? this.unknown('groups')
        const sendUin = e.value.send_uin
        const who = g ? await this.memberName('group', g.key, sendUin) : undefined
        const direction = sendUin === self ? 'out' : 'in'
        const sender = { uin: sendUin, name: who?.name ?? sendUin, ...(who?.key ? { key: who.key } : {}) }
        if (g) locate(extra, { room: g.key, ...(who && { member: who.name }), ...(who?.key && { peer: who.key }) })
        const ref: ConversationRef = { kind: 'group', key: g?.key ?? `g:u:${gid}` }
        const mentioned = direction === 'in' && g !== undefined && (await this.mentionsMe('group', g.key, segments, self))
        return { message: base(ref, direction, sender, `g:${gid}:${sendUin}:${v.msgIdKey}:${wireTime}`), title: g?.displayName ?? gid, face: 0, extra, mentioned }
      }
      case 'discu_message': {
        const did = e.value.did ?? e.value.from_uin
        const d = this.contacts.discussionByDid(did) ?? this.unknown('discussions')
        const sendUin = e.value.send_uin
        const who = d ? await this.memberName('discussion', d.key, sendUin) : undefined
        const direction = sendUin === self ? 'out' : 'in'
        const sender = { uin: sendUin, name: who?.name ?? sendUin, ...(who?.key ? { key: who.key } : {}) }
        if (d) locate(extra, { room: d.key, ...(who && { member: who.name }), ...(who?.key && { peer: who.key }) })
        const ref: ConversationRef = { kind: 'discussion', key: d?.key ?? `d:${did}` }
        const mentioned = direction === 'in' && (await this.mentionsMe('discussion', d?.key, segments, self))
        return { message: base(ref, direction, sender, `d:${did}:${sendUin}:${v.msgIdKey}:${wireTime}`), title: d?.displayName ?? did, face: 0, extra, mentioned }
      }
      case 'sess_message': {
        // A temporary session with a member of a group (service_type 0) or discussion (1), §6.7.
        const via = e.value.service_type === 0 ? this.contacts.groupByGid(e.value.id ?? '') : this.contacts.discussionByDid(e.value.id ?? '')
        const kind = e.value.service_type === 0 ? 'group' : 'discussion'
        const who = via ? await this.memberName(kind, via.key, e.value.from_uin) : undefined
        const name = who?.name ?? e.value.ruin ?? e.value.from_uin
        const key = sessionKey(via?.key ?? 'unknown', name)
        this.peers.remember(key, { uin: e.value.from_uin, serviceType: e.value.service_type === 1 ? 1 : 0, id: e.value.id ?? '' })
        return {
          message: base({ kind: 'session', key }, 'in', undefined, `s:${e.value.from_uin}:${v.msgIdKey}:${wireTime}`),
          title: via ? `${name} · ${via.displayName}` : name,
          face: 0,
          extra,
        }
      }
    }
  }

  /**
   * Whether a group or discussion message @-mentions me: its text holds `@` and my card in that
   * group or my nick (mentions arrive as a text element `@name`, §6.3; cards come cut to 21 bytes,
   * §5.5, and a cut card is still the start of the full one).
   */
  private async mentionsMe(kind: 'group' | 'discussion', key: string | undefined, segments: readonly Segment[], self: string): Promise<boolean> {
    const text = segments.map((s) => (s.type === 'text' ? s.text : ' ')).join('')
    if (!text.includes('@')) return false
    const names = [this.contacts.snapshot.self?.nick]
    if (kind === 'group' && key) {
      const details = await peek(this.contacts.groupDetails(key)).catch(() => undefined)
      names.push(details && memberByUin(details, self)?.card)
    }
    return names.some((n) => n !== undefined && n.trim() !== '' && text.includes(`@${n}`))
  }

  /** A shake, a tip or a group system message → a system line to store; undefined for items that say nothing to show. */
  private async buildNotice(e: NoticeEvent, self: string): Promise<Built | undefined> {
    const v = e.value
    const line = (ref: ConversationRef, notice: Notice): NewMessage => {
      const segments: Segment[] = [{ type: 'notice', notice }]
      return {
        id: randomUUID(),
        conversation: ref,
        direction: 'in',
        time: v.time * 1000,
        segments,
        status: 'received',
        // Without a msg_id nothing tells a repeat from a second shake: each is kept.
        ...(v.msgIdKey && { dedupe: `${e.type}:${v.from_uin ?? ''}:${v.msgIdKey}:${v.rawTime ?? 0}` }),
        attempts: 0,
        text: messageText(segments),
        ...(v.rawTime !== undefined && { serverTime: v.rawTime }),
      }
    }
    const extra: Extras = { sources: [] }
    switch (e.type) {
      case 'shake_message':
      case 'tips': {
        const from = e.value.from_uin ?? SYSTEM_UIN
        if (from === self) return undefined
        const f = this.contacts.friendByUin(from)
        const ref: ConversationRef = { kind: 'friend', key: f?.key ?? `f:u:${from}` }
        let notice: Notice = { kind: 'shake' }
        if (e.type === 'tips') {
          const text = htmlUnescape(e.value.text ?? '').trim().slice(0, TIP_MAX)
          if (!text) return undefined
          notice = { kind: 'tips', text }
        }
        return { message: line(ref, notice), title: f?.displayName ?? (from === SYSTEM_UIN ? SYSTEM_TITLE : from), face: f?.face ?? 0, extra }
      }
      case 'sys_g_msg': {
        const notice = await this.groupNotice(e.value, self)
        if (!notice) return undefined
        const g = this.contacts.groupByGid(e.value.from_uin) ?? this.unknown('groups')
        const ref: ConversationRef = { kind: 'group', key: g?.key ?? `g:u:${e.value.from_uin}` }
        return { message: line(ref, notice), title: g?.displayName ?? e.value.from_uin, face: 0, extra }
      }
    }
  }

  /**
   * What a sys_g_msg says, with names as the group shows them. The member list is loaded again
   * (names and roles stay current; who joined is in it); who left is named as an earlier list of
   * this session named them. The admin's nick the item carries is the last resort before the uin.
   */
  private async groupNotice(v: Extract<NoticeEvent, { type: 'sys_g_msg' }>['value'], self: string): Promise<Notice | undefined> {
    const member = v.type === 'group_join' ? v.new_member : v.type === 'group_leave' ? v.old_member : v.type === 'group_admin_op' ? v.uin : undefined
    if (!member) return undefined
    const g = this.contacts.groupByGid(v.from_uin)
    // Loaded again (who joined is in it now); who left is named as an earlier list named them.
    if (g) await bounded(this.contacts.groupDetails(g.key, { refresh: true }))
    const name = (uin: string, fallback?: string): string => {
      if (uin === self && this.contacts.snapshot.self) return this.contacts.snapshot.self.nick
      const known = g && this.contacts.knownMemberName(g.key, uin)
      return known || this.contacts.friendByUin(uin)?.displayName || fallback || uin
    }
    const admin = v.admin_uin && v.admin_uin !== '0' && v.admin_uin !== member ? name(v.admin_uin, v.admin_nick && htmlUnescape(v.admin_nick)) : undefined
    switch (v.type) {
      case 'group_join':
        return { kind: 'member-joined', member: name(member), ...(admin && { by: admin }) }
      case 'group_leave':
        // op_type 3: removed by an admin; 2 (or anything else): left.
        return v.op_type === 3 ? { kind: 'member-removed', member: name(member), ...(admin && { by: admin }) } : { kind: 'member-left', member: name(member) }
      default:
        return { kind: 'admin-changed', member: name(member), admin: (v.uin_flag ?? v.op_type) === 1 }
    }
  }

  /**
   * Where each picture of a message is fetched from (§7.1, §7.2), with the context the CGI
   * needs: friend and temporary-session pictures by the sender, group pictures by the group's
   * code (type 0) and discussion pictures by the did (type 1), with `server`'s address. A picture
   * with no way to fetch it (stripped, §6.3; a cface without its server) fails at once.
   */
  private pictureSources(e: Exclude<MessageEvent, { type: 'file_message' }>, segments: Segment[], wire: Map<number, WirePicture> | undefined, extra: Extras): Segment[] {
    const sourceOf = (w: WirePicture): MediaSource | undefined => {
      switch (e.type) {
        case 'message':
        case 'sess_message':
          return w.kind === 'offpic'
            ? { via: 'offpic', filePath: w.path, fromUin: e.value.from_uin }
            : { via: 'cface', lcid: String(e.value.msg_id), name: w.name, to: e.value.from_uin }
        case 'group_message':
        case 'discu_message': {
          if (w.kind === 'offpic') return { via: 'offpic', filePath: w.path, fromUin: e.value.send_uin }
          if (!w.server || w.fileId === undefined) return undefined
          const gid = e.type === 'group_message' ? (this.contacts.groupByGid(e.value.from_uin)?.code ?? e.value.from_uin) : (e.value.did ?? e.value.from_uin)
          return { via: 'group-pic', type: e.type === 'group_message' ? 0 : 1, gid, uin: e.value.send_uin, server: w.server, fileId: w.fileId, name: w.name }
        }
      }
    }
    return segments.map((s, index) => {
      if (s.type !== 'image') return s
      const w = wire?.get(index)
      const source = w && sourceOf(w)
      if (source) {
        extra.sources.push({ index, source })
        return s
      }
      return { ...s, failure: { kind: 'unavailable', message: 'the service did not deliver this picture' } }
    })
  }

  /**
   * A message from a group or discussion the lists do not know (joined since login): it is kept
   * under a provisional key, and the lists are refreshed for the next ones.
   */
  private unknown(part: 'groups' | 'discussions'): undefined {
    const now = Date.now()
    if (now - (this.refreshedAt.get(part) ?? 0) > 30_000) {
      this.refreshedAt.set(part, now)
      this.logger.warn(`message from an unknown ${part.slice(0, -1)}; refreshing the list`)
      void this.contacts.retry(part)
    }
    return undefined
  }

  private handleOther(e: PollEvent): void {
    switch (e.type) {
      case 'buddies_status_change':
        this.contacts.applyPresence(e.value.uin, e.value.status, e.value.client_type)
        return
      case 'buddylist_change':
        void this.contacts.retry('friends')
        return
      case 'sys_g_msg':
        void this.contacts.retry('groups')
        return
      case 'system_message':
        if (e.value.type === 'verify_required') {
          const { account, from_uin, msg } = e.value
          void this.contacts.requestArrived({ account, ...(from_uin && { fromUin: from_uin }), message: msg ?? '' }).then((r) => this.emit('friendRequest', r))
        } else void this.contacts.retry('friends')
        return
      case 'input_notify': {
        const f = this.contacts.friendByUin(e.value.from_uin)
        if (f) this.emit('typing', { kind: 'friend', key: f.key })
        return
      }
      case 'message':
      case 'group_message':
      case 'discu_message':
      case 'sess_message':
      case 'kick_message':
      case 'shake_message':
      case 'tips':
        return
      case 'file_message':
        // The sender cancelled, or the offer timed out (§7.3); `send_ack` is about files we send (never).
        if (e.value.mode === 'refuse') this.attachments?.files.senderCancelled(e.value.from_uin, e.value.session_id, e.value.cancel_type)
        return
      case 'filesrv_transfer':
        this.attachments?.files.serverStatus(e.value.from_uin, e.value.lc_id, e.value.file_infos)
        return
      default:
        this.logger.debug(`poll item ${e.type === 'unknown' ? e.pollType : e.type} not handled`)
    }
  }
}

/** Puts the stable references of who sent a message's pictures, and where, beside their per-login ids (resolve-source.ts). */
function locate(extra: Extras, refs: { peer?: string; room?: string; member?: string }): void {
  // What would not fit the stored source's schema (a 100 KB name, issue 8) is left out: the ids as they came serve then.
  const fitting = Object.fromEntries(Object.entries(refs).filter(([, v]) => v !== undefined && v.length <= MEDIA_REF_MAX))
  for (const x of extra.sources) Object.assign(x.source, fitting)
}

/** A message counts as unread when it came in, except system lines other than a shake (which asks for attention). */
function countsAsUnread(m: NewMessage): boolean {
  if (m.direction !== 'in') return false
  const s = m.segments[0]
  return s?.type !== 'notice' || s.notice.kind === 'shake'
}

/** A promise's value, or undefined when it fails or takes longer than the names may wait. */
async function bounded<T>(p: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<undefined>((r) => {
    timer = setTimeout(() => r(undefined), NAMES_WAIT_MS).unref()
  })
  try {
    return await Promise.race([p.catch(() => undefined), late])
  } finally {
    clearTimeout(timer)
  }
}

/** The transfer a file segment names. */
function transferOf(segments: readonly Segment[]): string | undefined {
  const s = segments[0]
  return s?.type === 'file' ? s.transfer : undefined
}

/** A promise's value if it settles within a tick budget; the prefetch already waited. */
async function peek<T>(p: Promise<T>): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((r) => setImmediate(() => r(undefined)))])
}
