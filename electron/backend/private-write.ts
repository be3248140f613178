import { dirname } from 'node:path'
import { writeFileSync } from 'atomically'
import { privateDir } from '../engine/private-files'

/**
 * Writes a whole file of the user's data: owner-only (0600, in a 0700 folder: private-files.ts)
 * and atomic (a temporary file beside it, renamed over it), so a crash mid-write leaves the old
 * file, never half of the new one. The same writer conf uses for the settings file.
 */
export function writePrivateFile(file: string, data: string | Uint8Array): void {
  privateDir(dirname(file))
  writeFileSync(file, data, { mode: 0o600 })
}
