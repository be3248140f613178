import { chmodSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { z } from 'zod'
import { Logger } from '../engine/log'
import type { SessionVault } from '../engine/ports'
import type { SessionSetAside } from '../model'
import { writePrivateFile } from './private-write'

/**
 * The saved session in a file, through a cipher the host provides (Electron's safeStorage) or
 * none (web mode: plaintext, owner-only permissions, and the UI says so).
 */
export interface Cipher {
  /**
   * What encrypts: safeStorage's backend on Linux (gnome_libsecret, kwallet5, basic_text, …),
   * `system` elsewhere, `plaintext` in web mode. The file records it, so a change is noticed.
   */
  readonly backend: string
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

export const PLAINTEXT: Cipher = {
  backend: 'plaintext',
  encrypt: (s) => Buffer.from(s, 'utf8'),
  decrypt: (b) => b.toString('utf8'),
}

/**
 * The file: the backend that wrote it and what it wrote. A file of an older version is the
 * cipher's bytes alone (no envelope), written by a backend nobody recorded. The name is shown
 * to the user, hence its narrow shape.
 */
const envelopeSchema = z.object({ v: z.literal(1), backend: z.string().regex(/^[a-z0-9_]{1,32}$/), data: z.base64() })
type Envelope = z.infer<typeof envelopeSchema>

/** Where an unreadable session is kept (one, the latest), should the old backend come back. */
export const setAsidePath = (file: string) => `${file}.unreadable`

/**
 * Loading a session another backend wrote (Element desktop's store.ts lesson: a Linux desktop
 * can switch keyrings under the app): if the current backend still decrypts it, it is written
 * again under this one; if not, it is renamed aside, not deleted, and `setAside` says why.
 */
export class FileVault implements SessionVault {
  private setAside_: SessionSetAside | undefined

  constructor(
    private readonly file: string,
    private readonly cipher: Cipher,
    private readonly logger = new Logger(),
  ) {}

  /** Set when `load` could not read the saved session; cleared when a new one is saved. */
  get setAside(): SessionSetAside | undefined {
    return this.setAside_
  }

  async load(): Promise<unknown> {
    let bytes: Buffer
    try {
      bytes = readFileSync(this.file)
    } catch {
      return undefined
    }
    const envelope = readEnvelope(bytes)
    const written = typeof envelope === 'object' ? envelope.backend : undefined
    const saved = envelope === 'damaged' ? undefined : this.open(envelope === 'older' ? bytes : Buffer.from(envelope.data, 'base64'))
    if (saved === undefined) {
      this.putAside(written)
      return undefined
    }
    if (written !== this.cipher.backend) {
      // Still readable: kept under the current backend (a failed write keeps the old file, which still reads).
      await this.save(saved).then(
        () => this.logger.info(`saved session: written by ${written ?? 'an older version'}, now kept with ${this.cipher.backend}`),
        (err: unknown) => this.logger.warn(`saved session: could not write it again with ${this.cipher.backend}: ${(err as Error).message}`),
      )
    }
    return saved
  }

  async save(saved: unknown): Promise<void> {
    const data = this.cipher.encrypt(JSON.stringify(saved)).toString('base64')
    writePrivateFile(this.file, JSON.stringify({ v: 1, backend: this.cipher.backend, data }))
    this.setAside_ = undefined
  }

  async clear(): Promise<void> {
    rmSync(this.file, { force: true })
  }

  /** The session in `data`, or undefined when the cipher cannot decrypt it (another key, damage). */
  private open(data: Buffer): unknown {
    try {
      return JSON.parse(this.cipher.decrypt(data)) as unknown
    } catch {
      return undefined
    }
  }

  private putAside(written: string | undefined): void {
    const now = this.cipher.backend
    this.setAside_ = written && written !== now ? { reason: 'backend-changed', from: written, to: now } : { reason: 'unreadable' }
    const aside = setAsidePath(this.file)
    try {
      renameSync(this.file, aside)
      chmodSync(aside, 0o600)
      this.logger.warn(`saved session (written by ${written ?? 'an older version'}) cannot be read with ${now}: kept as ${aside}; a QR scan is needed`)
    } catch (err) {
      this.logger.warn(`saved session cannot be read with ${now}, nor kept aside (${(err as Error).message}); a QR scan is needed`)
    }
  }
}

/**
 * The envelope, `older` for a file without one (the session's JSON itself in web mode, the
 * cipher's bytes in Electron), `damaged` for an envelope that does not parse.
 */
function readEnvelope(bytes: Buffer): Envelope | 'older' | 'damaged' {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    return 'older'
  }
  if (typeof json !== 'object' || json === null || !('backend' in json && 'data' in json)) return 'older'
  const r = envelopeSchema.safeParse(json)
  return r.success ? r.data : 'damaged'
}
