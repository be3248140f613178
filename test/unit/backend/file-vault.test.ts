import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FileVault, PLAINTEXT, setAsidePath, type Cipher } from '../../../electron/backend/file-vault'

const SAVED = { uin: '10001', ptwebqq: 'secret-ptwebqq-token', cookies: [{ key: 'skey', value: '@secretskey' }] }
const sessionFile = () => join(mkdtempSync(join(tmpdir(), 'qq-file-vault-')), 'profiles', 'emulator', 'session.json')

describe("web mode's plaintext vault", () => {
  it("records 'plaintext' as the backend that wrote it", async () => {
    const file = sessionFile()
    await new FileVault(file, PLAINTEXT).save(SAVED)
    const onDisk = JSON.parse(readFileSync(file, 'utf8'))
    expect(onDisk).toMatchObject({ v: 1, backend: 'plaintext' })
    expect(JSON.parse(Buffer.from(onDisk.data, 'base64').toString('utf8'))).toEqual(SAVED)
    expect(await new FileVault(file, PLAINTEXT).load()).toEqual(SAVED)
  })

  it("reads an older version's session.json (the session's JSON itself) and writes it again in the envelope", async () => {
    const file = sessionFile()
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify(SAVED), { mode: 0o600 })
    const vault = new FileVault(file, PLAINTEXT)
    expect(await vault.load()).toEqual(SAVED)
    expect(vault.setAside).toBeUndefined()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ v: 1, backend: 'plaintext' })
  })

  it('keeps a damaged file aside as unreadable instead of failing or deleting it', async () => {
    for (const damaged of ['{ not json', '', '\u0000\u00ff', JSON.stringify({ v: 1, backend: 'plaintext', data: 'not base64!' })]) {
      const file = sessionFile()
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, damaged)
      const vault = new FileVault(file, PLAINTEXT)
      expect(await vault.load()).toBeUndefined()
      expect(vault.setAside).toEqual({ reason: 'unreadable' })
      expect(existsSync(file)).toBe(false)
      expect(readFileSync(setAsidePath(file), 'utf8')).toBe(damaged)
    }
  })

  it('a session an encrypting backend wrote is not taken for plaintext', async () => {
    const file = sessionFile()
    const keyring: Cipher = { backend: 'gnome_libsecret', encrypt: (s) => Buffer.from(Buffer.from(s).map((b) => b ^ 0x5a)), decrypt: (b) => Buffer.from(b.map((x) => x ^ 0x5a)).toString() }
    await new FileVault(file, keyring).save(SAVED)
    const vault = new FileVault(file, PLAINTEXT)
    expect(await vault.load()).toBeUndefined()
    expect(vault.setAside).toEqual({ reason: 'backend-changed', from: 'gnome_libsecret', to: 'plaintext' })
  })
})
