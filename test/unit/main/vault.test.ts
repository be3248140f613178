import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { secretProtection, sessionVault } from '../../../electron/main/vault'
import { resetElectronFake, safeStorage } from '../../stubs/electron'

const SAVED = { uin: '10001', ptwebqq: 'secret-ptwebqq-token', cookies: [{ key: 'skey', value: '@secretskey' }] }

beforeEach(() => resetElectronFake())

const dir = () => mkdtempSync(join(tmpdir(), 'qq-vault-'))

describe('safeStorage vault', () => {
  it('round-trips the session, encrypted at rest', async () => {
    const protection = secretProtection('linux')
    expect(protection.secretStorage).toBe('encrypted')
    const file = join(dir(), 'profiles', 'emulator', 'session.bin')
    await sessionVault(file, protection).save(SAVED)
    const raw = readFileSync(file)
    expect(raw.toString('utf8')).not.toContain('secret-ptwebqq-token')
    expect(raw.toString('latin1')).not.toContain('10001')
    expect(await sessionVault(file, secretProtection('linux')).load()).toEqual(SAVED)
    await sessionVault(file, protection).clear()
    expect(existsSync(file)).toBe(false)
  })

  it("reports Linux's basic_text backend as plaintext (and still round-trips)", async () => {
    safeStorage.backend = 'basic_text'
    const protection = secretProtection('linux')
    expect(protection.secretStorage).toBe('plaintext')
    const file = join(dir(), 'session.bin')
    await sessionVault(file, protection).save(SAVED)
    expect(await sessionVault(file, protection).load()).toEqual(SAVED)
    // The backend name only exists on Linux; elsewhere safeStorage means the OS keychain.
    expect(secretProtection('darwin').secretStorage).toBe('encrypted')
  })

  it('writes nothing at all when encryption is unavailable', async () => {
    safeStorage.available = false
    const protection = secretProtection('linux')
    expect(protection).toEqual({ secretStorage: 'unavailable' })
    const folder = dir()
    const vault = sessionVault(join(folder, 'session.bin'), protection)
    await vault.save(SAVED)
    expect(readdirSync(folder)).toEqual([])
    expect(await vault.load()).toBeUndefined()
  })

  it('forgets a session another key wrote instead of failing', async () => {
    const file = join(dir(), 'session.bin')
    await sessionVault(file, secretProtection('linux')).save(SAVED)
    const other = { secretStorage: 'encrypted' as const, cipher: { encrypt: (s: string) => Buffer.from(s), decrypt: () => { throw new Error('wrong key') } } }
    expect(await sessionVault(file, other).load()).toBeUndefined()
    expect(existsSync(file)).toBe(false)
  })
})
