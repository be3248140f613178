import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { setAsidePath } from '../../../electron/backend/file-vault'
import { Logger } from '../../../electron/engine/log'
import { secretProtection, sessionVault } from '../../../electron/main/vault'
import { resetElectronFake, safeStorage } from '../../stubs/electron'

const SAVED = { uin: '10001', ptwebqq: 'secret-ptwebqq-token', cookies: [{ key: 'skey', value: '@secretskey' }] }

beforeEach(() => resetElectronFake())

const sessionFile = () => join(mkdtempSync(join(tmpdir(), 'qq-vault-')), 'profiles', 'emulator', 'session.bin')
const envelope = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as { v: number; backend: string; data: string }

/** The vault as the shell makes it, with the backend safeStorage has now, and what it logged. */
function open(file: string) {
  const lines: string[] = []
  const vault = sessionVault(file, secretProtection('linux'), new Logger((level, msg) => lines.push(`${level} ${msg}`)))
  return { vault, lines }
}

describe('safeStorage vault', () => {
  it('round-trips the session, encrypted at rest, the file recording the backend that wrote it', async () => {
    const protection = secretProtection('linux')
    expect(protection.secretStorage).toBe('encrypted')
    const file = sessionFile()
    await open(file).vault.save(SAVED)
    const raw = readFileSync(file)
    expect(raw.toString('utf8')).not.toContain('secret-ptwebqq-token')
    expect(Buffer.from(envelope(file).data, 'base64').toString('latin1')).not.toContain('10001')
    expect(envelope(file)).toMatchObject({ v: 1, backend: 'gnome_libsecret' })
    expect(await open(file).vault.load()).toEqual(SAVED)
    await open(file).vault.clear()
    expect(existsSync(file)).toBe(false)
  })

  it.skipIf(process.platform === 'win32')('writes the file owner-only in an owner-only folder, atomically (nothing left beside it)', async () => {
    const file = sessionFile()
    await open(file).vault.save(SAVED)
    await open(file).vault.save({ ...SAVED, uin: '10002' })
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700)
    expect(readdirSync(dirname(file))).toEqual(['session.bin'])
  })

  it("reports Linux's basic_text backend as plaintext (and still round-trips)", async () => {
    safeStorage.backend = 'basic_text'
    expect(secretProtection('linux').secretStorage).toBe('plaintext')
    const file = sessionFile()
    await open(file).vault.save(SAVED)
    expect(envelope(file).backend).toBe('basic_text')
    expect(await open(file).vault.load()).toEqual(SAVED)
    // The backend name only exists on Linux; elsewhere safeStorage means the OS keychain.
    expect(secretProtection('darwin').secretStorage).toBe('encrypted')
  })

  it('writes nothing at all when encryption is unavailable', async () => {
    safeStorage.available = false
    const protection = secretProtection('linux')
    expect(protection).toEqual({ secretStorage: 'unavailable' })
    const folder = mkdtempSync(join(tmpdir(), 'qq-vault-'))
    const vault = sessionVault(join(folder, 'session.bin'), protection, new Logger())
    await vault.save(SAVED)
    expect(readdirSync(folder)).toEqual([])
    expect(await vault.load()).toBeUndefined()
  })
})

describe('a saved session from another safeStorage backend', () => {
  it('is written again under the new backend when it still decrypts (basic_text to a keyring)', async () => {
    const file = sessionFile()
    safeStorage.backend = 'basic_text'
    await open(file).vault.save(SAVED)
    safeStorage.backend = 'gnome_libsecret'
    const { vault, lines } = open(file)
    expect(await vault.load()).toEqual(SAVED)
    expect(vault.setAside).toBeUndefined()
    expect(envelope(file).backend).toBe('gnome_libsecret')
    expect(lines).toContainEqual(expect.stringMatching(/^info saved session: written by basic_text, now kept with gnome_libsecret/))
    // Now the keyring's own key: basic_text alone no longer reads it.
    safeStorage.backend = 'basic_text'
    expect(safeStorage.decryptString.bind(safeStorage, Buffer.from(envelope(file).data, 'base64'))).toThrow()
  })

  it('is kept aside, owner-only, not deleted, when the new backend cannot decrypt it, and the vault says why', async () => {
    const file = sessionFile()
    await open(file).vault.save(SAVED)
    const before = readFileSync(file)
    safeStorage.backend = 'kwallet5'
    const { vault, lines } = open(file)
    expect(await vault.load()).toBeUndefined()
    expect(vault.setAside).toEqual({ reason: 'backend-changed', from: 'gnome_libsecret', to: 'kwallet5' })
    expect(existsSync(file)).toBe(false)
    expect(readFileSync(setAsidePath(file))).toEqual(before)
    if (process.platform !== 'win32') expect(statSync(setAsidePath(file)).mode & 0o777).toBe(0o600)
    expect(lines).toContainEqual(expect.stringMatching(/^warn saved session \(written by gnome_libsecret\) cannot be read with kwallet5: kept as .*session\.bin\.unreadable/))

    // The next start finds nothing to say; a new login clears the notice of this one.
    const next = open(file).vault
    expect(await next.load()).toBeUndefined()
    expect(next.setAside).toBeUndefined()
    await vault.save({ ...SAVED, uin: '10002' })
    expect(vault.setAside).toBeUndefined()

    // Back on the old keyring, the file kept aside still reads.
    safeStorage.backend = 'gnome_libsecret'
    renameSync(setAsidePath(file), file)
    expect(await open(file).vault.load()).toEqual(SAVED)
  })

  it('one the same backend cannot decrypt (a reset keyring) is kept aside as unreadable', async () => {
    const file = sessionFile()
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify({ v: 1, backend: 'gnome_libsecret', data: Buffer.from('v11a-lost-key:x').toString('base64') }))
    const { vault } = open(file)
    expect(await vault.load()).toBeUndefined()
    expect(vault.setAside).toEqual({ reason: 'unreadable' })
    expect(existsSync(setAsidePath(file))).toBe(true)
  })

  it("an older version's file (safeStorage's bytes, no envelope) is read and written again with its backend", async () => {
    const file = sessionFile()
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, safeStorage.encryptString(JSON.stringify(SAVED)), { mode: 0o600 })
    const { vault } = open(file)
    expect(await vault.load()).toEqual(SAVED)
    expect(envelope(file)).toMatchObject({ v: 1, backend: 'gnome_libsecret' })
    expect(await open(file).vault.load()).toEqual(SAVED)
  })

  it('an older file another key wrote is kept aside as unreadable (nobody recorded its backend)', async () => {
    const file = sessionFile()
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, Buffer.from('v11kwallet:garbage'))
    const { vault } = open(file)
    expect(await vault.load()).toBeUndefined()
    expect(vault.setAside).toEqual({ reason: 'unreadable' })
  })

  it('a backend name in the file that is not one (markup, a path) is not taken for one', async () => {
    const file = sessionFile()
    await open(file).vault.save(SAVED)
    writeFileSync(file, JSON.stringify({ ...envelope(file), backend: '<img src=x onerror=alert(1)>' }))
    safeStorage.backend = 'kwallet5'
    const { vault } = open(file)
    expect(await vault.load()).toBeUndefined()
    expect(vault.setAside).toEqual({ reason: 'unreadable' })
  })
})
