import { safeStorage } from 'electron'
import type { Logger } from '../engine/log'
import { NO_VAULT } from '../engine/ports'
import { FileVault, type Cipher } from '../backend/file-vault'
import type { HostVault } from '../backend/ports'
import type { SecretStorage } from '../model'

/**
 * How the saved session (cookies, tokens) is protected at rest, decided once after `ready`
 * (safeStorage needs it on Linux):
 * - `encrypted`: the OS keychain (Keychain, DPAPI, libsecret / KWallet);
 * - `plaintext`: Linux without a keyring — safeStorage's `basic_text` backend encrypts with a
 *   fixed key, so it is effectively plaintext, and the UI says so (STYLE.md, Element);
 * - `unavailable`: nothing to encrypt with, so the session is not written at all.
 */
export type SecretProtection =
  | { secretStorage: Exclude<SecretStorage, 'unavailable'>; cipher: Cipher }
  | { secretStorage: 'unavailable' }

export function secretProtection(platform: NodeJS.Platform = process.platform): SecretProtection {
  if (!safeStorage.isEncryptionAvailable()) return { secretStorage: 'unavailable' }
  // Only Linux has a choice of backends (and the call); elsewhere it is the OS's own store.
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'system'
  const cipher: Cipher = {
    backend,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (data) => safeStorage.decryptString(data),
  }
  return { secretStorage: backend === 'basic_text' ? 'plaintext' : 'encrypted', cipher }
}

/** The saved-session vault at `file`: a vault that keeps nothing when encryption is unavailable. */
export function sessionVault(file: string, protection: SecretProtection, logger: Logger): HostVault {
  return protection.secretStorage === 'unavailable' ? NO_VAULT : new FileVault(file, protection.cipher, logger)
}
