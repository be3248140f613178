import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { within } from '../bench/bench'

/**
 * Web mode's built host as `npm run web` runs it (node out/web/start.js, built by
 * electron/web/vite.config.mts), as a real process: the startup bench and the e2e test of the
 * built host start it on a data folder and read its URL line.
 */

const HOST = resolve('out/web/start.js')

/** Builds out/web (a few seconds): the host is never older than the sources it is tested as. */
export function buildWebHost(): void {
  const build = spawnSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--app', '-c', 'electron/web/vite.config.mts'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('building the web host failed')
}

export const epoch = () => performance.timeOrigin + performance.now()

/** One line of the host's output, with when it arrived (epoch ms). */
export interface Line {
  at: number
  text: string
}

export interface Host {
  proc: ChildProcess
  spawnedAt: number
  url: string
  /** The simulated phone's page, from the line the host prints once the embedded emulator listens (after the URL line). */
  phoneUrl: Promise<string>
  bannerAt: number
  stderr: Line[]
  stop(): Promise<void>
}

/**
 * Spawns the web host as `npm run web` does (after its build) and waits for its URL line (the
 * page can be opened then); the simulated phone's line may come later.
 */
export async function startHost(dataDir: string): Promise<Host> {
  const spawnedAt = epoch()
  const proc = spawn(process.execPath, [HOST, '--data-dir', dataDir, '--download-dir', join(dataDir, 'downloads'), '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: Line[] = []
  createInterface({ input: proc.stderr! }).on('line', (text) => stderr.push({ at: epoch(), text }))
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  const stdout = createInterface({ input: proc.stdout! })
  const printed = (prefix: string, what: string) =>
    within(
      new Promise<Line>((resolveLine, reject) => {
        stdout.on('line', (text) => {
          if (text.startsWith(prefix)) resolveLine({ at: epoch(), text: text.slice(prefix.length) })
        })
        proc.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${stderr.map((l) => l.text).join('\n')}`)))
      }),
      30_000,
      what,
    )
  const phoneUrl = printed('QQ web mode, simulated phone: ', "the web host printing the simulated phone's URL").then((l) => l.text)
  // Read when a test asks for it; a host stopped before that has no unhandled rejection.
  phoneUrl.catch(() => undefined)
  const banner = await printed('QQ web mode: ', 'the web host printing its URL')
  return {
    proc,
    spawnedAt,
    url: banner.text,
    phoneUrl,
    bannerAt: banner.at,
    stderr,
    stop: async () => {
      proc.kill('SIGTERM')
      await within(exited, 15_000, 'the web host stopping')
    },
  }
}
