import { createCipheriv, createHash, randomInt } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { Readable } from 'node:stream'
import type { EmulatorCore } from '../core'
import { bufferBody, type MediaBody } from './delivery'

/**
 * Online file offers (§7.3): a contact offers a file to an account (`file_message`, mode recv),
 * the account accepts (get_file2 → file1.web.qq.com streams it) or refuses (refuse_file2), the
 * sender may cancel, and an offer nobody took expires. A file without given bytes is generated
 * from its seed as it streams, so a 1 GiB offer costs a chunk of memory, not a gigabyte.
 */

export type FileState = 'offered' | 'accepted' | 'refused' | 'cancelled' | 'expired' | 'done'
/** §7.3: 101 a file, 161 an audio / video call invitation (same item shape). */
export type OfferType = 101 | 161
/** §7.3 refuse items: 1 cancelled by a desktop client, 2 by the (web) receiver, 3 timed out. */
export type CancelType = 1 | 2 | 3

export interface FileOffer {
  owner: string
  from: string
  /** The transfer id: the item's session_id, get_file2's lcid (0–4095, §7.5). */
  lcid: number
  name: string
  size: number
  type: OfferType
  state: FileState
  /** Bytes the latest download handed to the socket. */
  bytesSent: number
  offeredAt: number
  /** The `<n>` of the file URL (a capture had 16970). */
  n: number
  /** The bytes given through the control API; else the file is generated from `seed`. Dropped once the offer is over. */
  data?: Buffer
  seed: number
}

export interface OfferInput {
  owner: string
  from: string
  name: string
  /** Bytes; with `data`, its length. */
  size?: number
  data?: Buffer
  type?: OfferType
}

export const MAX_OFFER_BYTES = 1024 * 1024 * 1024
/** Given bytes all live offers may hold together. */
const MAX_LIVE_DATA_BYTES = 256 * 1024 * 1024
const CHUNK = 256 * 1024
const ZEROS = Buffer.alloc(CHUNK)
const LCIDS = 4096

const isLive = (o: FileOffer) => o.state === 'offered' || o.state === 'accepted'

export class FileStore {
  private readonly byOwner = new Map<string, Map<number, FileOffer>>()
  private readonly downloads = new WeakMap<FileOffer, Set<ServerResponse>>()

  constructor(private readonly emu: EmulatorCore) {}

  /** Offers a file to `owner`'s live session; 'offline' without one, 'full' when no lcid or room for its bytes is left. */
  offer(input: OfferInput): FileOffer | 'offline' | 'full' {
    const channel = this.emu.channels.live(input.owner)
    if (!channel) return 'offline'
    const offers = this.offersOf(input.owner)
    const liveData = [...this.byOwner.values()].flatMap((m) => [...m.values()]).reduce((sum, o) => sum + (isLive(o) ? (o.data?.length ?? 0) : 0), 0)
    if (liveData + (input.data?.length ?? 0) > MAX_LIVE_DATA_BYTES) return 'full'
    const lcid = this.freeLcid(offers)
    if (lcid === undefined) return 'full'
    const offer: FileOffer = {
      owner: input.owner,
      from: input.from,
      lcid,
      name: input.name,
      size: input.data?.length ?? input.size ?? 0,
      type: input.type ?? 101,
      state: 'offered',
      bytesSent: 0,
      offeredAt: this.emu.now(),
      n: randomInt(10_000, 100_000),
      data: input.data,
      seed: randomInt(2 ** 31),
    }
    offers.set(lcid, offer)
    this.emu.notify.fileOffer(channel, offer)
    return offer
  }

  /** The offer `lcid` to `owner`, its expiry applied. */
  find(owner: string, lcid: number): FileOffer | undefined {
    const offer = this.byOwner.get(owner)?.get(lcid)
    if (offer) this.expire(offer)
    return offer
  }

  /** Every offer to `owner` still remembered, oldest first. */
  list(owner: string): FileOffer[] {
    const offers = [...(this.byOwner.get(owner)?.values() ?? [])].sort((a, b) => a.offeredAt - b.offeredAt)
    for (const o of offers) this.expire(o)
    return offers
  }

  /** get_file2: the receiver takes it; an account that sent it hears `send_ack`. */
  accept(offer: FileOffer): void {
    offer.state = 'accepted'
    const sender = this.emu.channels.live(offer.from)
    if (sender) this.emu.notify.fileAnswer(sender, offer.owner, offer, 'send_ack')
  }

  /** refuse_file2: the receiver says no (or gave up mid-transfer); an account that sent it hears `refuse`, cancel_type 2 (§9 item 46). */
  refuse(offer: FileOffer): void {
    this.end(offer, 'refused')
    const sender = this.emu.channels.live(offer.from)
    if (sender) this.emu.notify.fileAnswer(sender, offer.owner, offer, 'refuse')
  }

  /** The sender cancels: the receiver gets a `refuse` item and a running download stops. */
  cancel(offer: FileOffer, cancelType: CancelType): void {
    this.end(offer, 'cancelled')
    const channel = this.emu.channels.live(offer.owner)
    if (channel) this.emu.notify.fileCancel(channel, offer, cancelType)
  }

  /** The file's bytes: the given ones, or the seed's (byte i a function of seed and i: AES-128-CTR's keystream). */
  body(offer: FileOffer): MediaBody {
    const type = 'application/octet-stream'
    if (offer.data) return bufferBody(offer.data, type)
    const key = createHash('sha256').update(`file:${offer.seed}`).digest().subarray(0, 16)
    const stream = (size: number) => {
      const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
      let left = size
      return new Readable({
        read() {
          const n = Math.min(CHUNK, left)
          left -= n
          this.push(n > 0 ? cipher.update(ZEROS.subarray(0, n)) : null)
        },
      })
    }
    const head = createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(ZEROS.subarray(0, Math.min(16, offer.size)))
    return { type, length: offer.size, head, open: () => stream(offer.size) }
  }

  /** A download starts on `res`: counted from zero, stopped if the offer ends. */
  downloading(offer: FileOffer, res: ServerResponse): void {
    offer.bytesSent = 0
    const set = this.downloads.get(offer) ?? new Set()
    this.downloads.set(offer, set)
    set.add(res)
    res.once('close', () => set.delete(res))
  }

  /** A download wrote every byte: done, and the receiver hears `filesrv_transfer` status 0 (§7.3). */
  finished(offer: FileOffer): void {
    if (offer.state !== 'accepted') return
    this.end(offer, 'done')
    const channel = this.emu.channels.live(offer.owner)
    if (channel) this.emu.notify.fileTransfer(channel, offer, 0)
  }

  private end(offer: FileOffer, state: FileState): void {
    offer.state = state
    offer.data = undefined
    if (state !== 'done') for (const res of this.downloads.get(offer) ?? []) res.destroy()
  }

  private expire(offer: FileOffer): void {
    if (offer.state === 'offered' && this.emu.now() - offer.offeredAt >= this.emu.config.fileOfferTtlMs) this.end(offer, 'expired')
  }

  private offersOf(owner: string): Map<number, FileOffer> {
    let offers = this.byOwner.get(owner)
    if (!offers) this.byOwner.set(owner, (offers = new Map()))
    return offers
  }

  /**
   * lcids were `ms mod 4096` (§7.5): that one, or the next not in use; an lcid whose offer is
   * over is reused (the oldest first) only when none is free.
   */
  private freeLcid(offers: Map<number, FileOffer>): number | undefined {
    const start = this.emu.now() % LCIDS
    for (let i = 0; i < LCIDS; i++) {
      const lcid = (start + i) % LCIDS
      if (!offers.has(lcid)) return lcid
    }
    for (const o of offers.values()) this.expire(o)
    const over = [...offers.values()].filter((o) => !isLive(o)).sort((a, b) => a.offeredAt - b.offeredAt)[0]
    if (!over) return undefined
    offers.delete(over.lcid)
    return over.lcid
  }
}
