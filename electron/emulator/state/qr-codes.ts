import { randomBytes } from 'node:crypto'
import { newQrsig } from './tokens'

/**
 * QR codes handed out by ptqrshow. Login state is keyed by qrsig (§9 item 9), so an old qrsig
 * keeps its own state. `key` is what the QR image encodes; the phone resolves it to the code.
 */

export type QrState = 'waiting' | 'scanned' | 'confirmed' | 'refused' | 'used'

export interface QrCode {
  qrsig: string
  key: string
  createdAt: number
  expiresAt: number
  state: QrState
  /** The account whose phone scanned it. */
  account?: string
}

/** What the QR image says: the shape of the real codes' txz.qq.com URL. */
export function qrPayload(key: string): string {
  return `https://txz.qq.com/p?k=${key}&f=501004106`
}

/** Accepts a decoded QR text, a bare key, or anything carrying `k=<key>`. */
export function keyFromPayload(text: string): string {
  const m = /[?&]k=([^&#\s]+)/.exec(text)
  return m ? decodeURIComponent(m[1]!) : text.trim()
}

export class QrRegistry {
  private readonly bySig = new Map<string, QrCode>()
  private readonly byKey = new Map<string, QrCode>()

  constructor(
    private readonly ttlMs: () => number,
    private readonly now: () => number,
  ) {}

  create(): QrCode {
    const now = this.now()
    const code: QrCode = {
      qrsig: newQrsig(),
      key: randomBytes(12).toString('base64url'),
      createdAt: now,
      expiresAt: now + this.ttlMs(),
      state: 'waiting',
    }
    this.bySig.set(code.qrsig, code)
    this.byKey.set(code.key, code)
    this.prune(now)
    return code
  }

  bySigValue(qrsig: string): QrCode | undefined {
    return this.bySig.get(qrsig)
  }

  byKeyValue(key: string): QrCode | undefined {
    return this.byKey.get(key)
  }

  isExpired(code: QrCode): boolean {
    return this.now() >= code.expiresAt
  }

  /** Codes a phone could still act on, newest first. */
  pending(): QrCode[] {
    return [...this.bySig.values()]
      .filter((c) => (c.state === 'waiting' || c.state === 'scanned') && !this.isExpired(c))
      .sort((a, b) => b.createdAt - a.createdAt)
  }

  /** Forget codes long past their expiry so the maps stay small. */
  private prune(now: number): void {
    for (const c of this.bySig.values()) {
      if (now - c.expiresAt > 10 * 60_000) {
        this.bySig.delete(c.qrsig)
        this.byKey.delete(c.key)
      }
    }
  }
}
