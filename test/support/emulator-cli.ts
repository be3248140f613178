import { spawn, type ChildProcess } from 'node:child_process'
import { resolve } from 'node:path'

/** `npm run emulator` as a child process, for the tests of its command line. */
const TSX = resolve('node_modules/.bin/tsx')

export function spawnCli(args: string[]): ChildProcess {
  return spawn(TSX, ['electron/emulator/cli.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
}

/** Starts the CLI and resolves with its one-line banner. */
export function startCli(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const child = spawnCli(args)
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d
      const nl = out.indexOf('\n')
      if (nl >= 0) resolve({ child, line: out.slice(0, nl) })
    })
    child.stderr!.on('data', (d: Buffer) => (err += d))
    child.once('exit', (code) => reject(new Error(`emulator exited ${code}: ${err}`)))
  })
}

export function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (c) => r(c))))
}

/**
 * Stops it the way a user's Ctrl-C does: SIGTERM, which tsx passes on to the emulator. A SIGKILL
 * would end only tsx and leave the emulator running on after the tests; it is the last resort.
 */
export async function stopCli(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
  await exited(child)
  clearTimeout(timer)
}
