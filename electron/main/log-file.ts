import { closeSync, openSync, renameSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import type { LogLevel, LogSink } from '../engine/log'
import { privateFile } from '../engine/private-files'

export interface LogFileOptions {
  /** A file that would grow past this size becomes `main.old.log` (one generation kept). */
  maxBytes?: number
  /** Debug lines too (unpackaged runs). */
  verbose?: boolean
  /** Also to stderr (a terminal start). */
  stderr?: boolean
}

/**
 * The main process's log: userData/logs/main.log, rotated by size, plus stderr. The sink gets
 * lines the engine's Logger has already scrubbed of secrets; nothing else writes here.
 */
export function logFileSink(dir: string, opts: LogFileOptions = {}): { sink: LogSink; close(): void } {
  const maxBytes = opts.maxBytes ?? 2 * 1024 * 1024
  const file = join(dir, 'main.log')
  // Owner-only, also a folder or file an older version left 0755 / 0644 (private-files.ts).
  privateFile(file)
  let size = sizeOf(file)
  let fd: number | undefined = openSync(file, 'a', 0o600)

  const rotate = () => {
    if (fd !== undefined) closeSync(fd)
    renameSync(file, join(dir, 'main.old.log'))
    fd = openSync(file, 'a', 0o600)
    size = 0
  }
  if (size >= maxBytes) rotate()

  const sink: LogSink = (level: LogLevel, message: string) => {
    if (level === 'debug' && !opts.verbose) return
    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${message}\n`
    if (opts.stderr) process.stderr.write(line)
    if (fd === undefined) return
    try {
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate()
      size += writeSync(fd, line)
    } catch {
      // A full disk must not take the app down; the log is best effort.
    }
  }
  return {
    sink,
    close: () => {
      if (fd !== undefined) closeSync(fd)
      fd = undefined
    },
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size
  } catch {
    return 0
  }
}
