import { safeStorage } from 'electron'
import { NO_VAULT, type SessionVault } from '../engine/ports'
import { FileVault, type Cipher } from '../backend/file-vault'

/**
 * How the saved session (cookies, tokens) is protected at rest, decided once after `ready`
 * (safeStorage needs it on Linux):
 * - `encrypted`: the OS keychain (Keychain, DPAPI, libsecret / KWallet);
 * - `plaintext`: Linux without a keyring — safeStorage's `basic_text` backend encrypts with a
 *   fixed key, so it is effectively plaintext, and the UI says so (STYLE.md, Element);
 * - `unavailable`: nothing to encrypt with, so the session is not written at all.
 */
export type SecretProtection =
  | { secretStorage: 'encrypted' | 'plaintext'; cipher: Cipher }
  | { secretStorage: 'unavailable' }

export function secretProtection(platform: NodeJS.Platform = process.platform): SecretProtection {
  if (!safeStorage.isEncryptionAvailable()) return { secretStorage: 'unavailable' }
  const cipher: Cipher = {
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  }
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text'
  return { secretStorage: weak ? 'plaintext' : 'encrypted', cipher }
}

/** The saved-session vault at `file`: a vault that keeps nothing when encryption is unavailable. */
export function sessionVault(file: string, protection: SecretProtection): SessionVault {
  return protection.secretStorage === 'unavailable' ? NO_VAULT : new FileVault(file, protection.cipher)
}
