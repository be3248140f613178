import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { SessionVault } from '../engine/ports'

/**
 * The saved session in a file, through a cipher the host provides (Electron's safeStorage) or
 * none (web mode: plaintext, owner-only permissions, and the UI says so).
 */
export interface Cipher {
  encrypt(plain: string): Buffer
  decrypt(data: Buffer): string
}

export const PLAINTEXT: Cipher = {
  encrypt: (s) => Buffer.from(s, 'utf8'),
  decrypt: (b) => b.toString('utf8'),
}

export class FileVault implements SessionVault {
  constructor(
    private readonly file: string,
    private readonly cipher: Cipher,
  ) {}

  async load(): Promise<unknown> {
    let data: Buffer
    try {
      data = readFileSync(this.file)
    } catch {
      return undefined
    }
    try {
      return JSON.parse(this.cipher.decrypt(data))
    } catch {
      // Unreadable (another machine's key, corruption): forget it; the user scans again.
      await this.clear()
      return undefined
    }
  }

  async save(saved: unknown): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, this.cipher.encrypt(JSON.stringify(saved)), { mode: 0o600 })
    renameSync(tmp, this.file)
  }

  async clear(): Promise<void> {
    rmSync(this.file, { force: true })
  }
}
