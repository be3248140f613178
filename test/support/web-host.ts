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
  phoneUrl: string
  bannerAt: number
  stderr: Line[]
  stop(): Promise<void>
}

/** Spawns the web host as `npm run web` does (after its build) and waits for its URL line. */
export async function startHost(dataDir: string): Promise<Host> {
  const spawnedAt = epoch()
  const proc = spawn(process.execPath, [HOST, '--data-dir', dataDir, '--download-dir', join(dataDir, 'downloads'), '--verbose'], { stdio: ['ignore', 'pipe', 'pipe'] })
  const stderr: Line[] = []
  createInterface({ input: proc.stderr! }).on('line', (text) => stderr.push({ at: epoch(), text }))
  const exited = new Promise<void>((r) => proc.once('exit', () => r()))
  const banner = await within(
    new Promise<Line>((resolveLine, reject) => {
      createInterface({ input: proc.stdout! }).on('line', (text) => {
        if (text.startsWith('QQ web mode: ')) resolveLine({ at: epoch(), text })
      })
      proc.once('exit', (code) => reject(new Error(`the web host exited (${code}):\n${stderr.map((l) => l.text).join('\n')}`)))
    }),
    30_000,
    'the web host printing its URL',
  )
  const m = /QQ web mode: (\S+)\s+\(simulated phone: (\S+)\)/.exec(banner.text)
  if (!m) throw new Error(`unexpected banner: ${banner.text}`)
  return {
    proc,
    spawnedAt,
    url: m[1]!,
    phoneUrl: m[2]!,
    bannerAt: banner.at,
    stderr,
    stop: async () => {
      proc.kill('SIGTERM')
      await within(exited, 15_000, 'the web host stopping')
    },
  }
}

