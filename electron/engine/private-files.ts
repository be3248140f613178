import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * The user's data (chat history, saved sessions, settings, logs) is the user's alone: folders
 * 0700, files 0600. Created so, not tightened afterwards, so no other local account can open
 * one in between. Where a folder or file exists already (an older version made it), it is
 * tightened. (On Windows chmod only sets read-only; the profile folder's ACL keeps others out.)
 */

/** Creates a folder (and missing parents) owner-only, or tightens it. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  chmodSync(dir, 0o700)
}

/**
 * Creates a file (empty) owner-only in an owner-only folder, or tightens it. SQLite gives its
 * -wal and -shm files the database file's permissions, so this before opening a database is
 * enough for all three.
 */
export function privateFile(file: string): void {
  privateDir(dirname(file))
  closeSync(openSync(file, 'a', 0o600))
  chmodSync(file, 0o600)
}
