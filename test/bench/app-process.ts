import { fork, type ChildProcess } from 'node:child_process'
import { join, resolve } from 'node:path'
import { AppCore } from '../../electron/backend/app-core'
import { MemorySettingsStore } from '../../electron/backend/settings-store'
import type { RunningEmulator } from '../../electron/emulator'
import type { Events } from '../../electron/ipc/contract'
import { Logger } from '../../electron/engine/log'
import { NO_VAULT } from '../../electron/engine/ports'
import { startWebServer } from '../../electron/web/server'
import { FAST, tempDir } from '../support/client'
import { profileThisProcess, type CpuProfile } from './cpu-profile'

/**
 * The app's backend (AppCore and the web host, as `npm run web` runs them) in a process of its
 * own, against an emulator the bench runs: the process's CPU time is the app's alone — no
 * emulator, no control calls, no Playwright — so a benchmark reads it without a profile to split
 * it by. `startAppProcess` forks this file; the child answers the parent's questions over IPC.
 */

/** What the child counts for the parent. */
export interface AppStats {
  /** poll2 answers so far, and those that carried events. */
  polls: number
  withEvents: number
  /** Events pushed to the page, by name, and the presence changes the buddy.status batches carried. */
  pushed: Record<string, number>
  carried: number
}

type Question = { type: 'cpu' } | { type: 'stats' } | { type: 'profile-start'; intervalUs: number } | { type: 'profile-stop' }
type Ask = Question & { id: number }
type Start = { type: 'start'; emulator: { host: string; port: number; httpsPort?: number; ca?: string; phoneUrl: string }; rendererDir: string }

export interface AppProcess {
  /** The page to open. */
  url: string
  /** The child's CPU time so far (user + system), ms. */
  cpuMs(): Promise<number>
  stats(): Promise<AppStats>
  /** A V8 CPU profile of the child while `during` runs. */
  profile(during: () => Promise<void>, intervalUs?: number): Promise<CpuProfile>
  close(): Promise<void>
}

/** Forks the app's backend against `emulator` (its https too, trusting its CA) with the built renderer in out/renderer. */
export async function startAppProcess(emulator: RunningEmulator): Promise<AppProcess> {
  // The same Node and loader flags as this process (tsx).
  const child: ChildProcess = fork(__filename, ['--app-process'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const waiting = new Map<number, (v: unknown) => void>()
  let next = 0
  let ready: (url: string) => void
  const started = new Promise<string>((r) => (ready = r))
  child.on('message', (m: { id?: number; type: string; url?: string; value?: unknown }) => {
    if (m.type === 'ready') ready(m.url!)
    else if (m.id !== undefined) waiting.get(m.id)?.(m.value)
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const ask = <T>(q: Question): Promise<T> =>
    new Promise((resolve) => {
      const id = next++
      waiting.set(id, (v) => (waiting.delete(id), resolve(v as T)))
      child.send({ ...q, id })
    })
  const start: Start = {
    type: 'start',
    emulator: { host: emulator.host, port: emulator.port, phoneUrl: emulator.phoneUrl, ...(emulator.httpsPort !== undefined && { httpsPort: emulator.httpsPort, ca: emulator.caCert }) },
    rendererDir: resolve('out/renderer'),
  }
  child.send(start)
  const url = await Promise.race([started, exited.then(() => Promise.reject(new Error('the app process exited before it listened')))])
  return {
    url,
    cpuMs: () => ask<number>({ type: 'cpu' }),
    stats: () => ask<AppStats>({ type: 'stats' }),
    async profile(during, intervalUs = 250) {
      await ask({ type: 'profile-start', intervalUs })
      await during()
      return ask<CpuProfile>({ type: 'profile-stop' })
    },
    async close() {
      child.kill()
      await exited
    },
  }
}

/** The child: AppCore with this emulator as its "embedded" server (https as in the app), the web host, and the answers. */
async function runChild(start: Start): Promise<void> {
  const dataDir = tempDir()
  const core = new AppCore({
    dataDir,
    settings: new MemorySettingsStore(),
    vault: () => NO_VAULT,
    host: { kind: 'web', openExternal: async () => undefined, secretStorage: 'plaintext', downloadDir: join(dataDir, 'downloads') },
    embedded: { start: async () => start.emulator, stop: async () => undefined },
    version: '0.0.0-bench',
    logger: new Logger((level, msg) => {
      if (level === 'error') process.stderr.write(`app error: ${msg}\n`)
    }),
    client: FAST,
  })
  const stats: AppStats = { polls: 0, withEvents: 0, pushed: {}, carried: 0 }
  for (const name of ['buddy.status', 'contacts.changed', 'conversations.changed'] as const) core.on(name, () => (stats.pushed[name] = (stats.pushed[name] ?? 0) + 1))
  core.on('buddy.status', (b: Events['buddy.status']) => (stats.carried += b.changes.length))
  await core.start()
  const web = await startWebServer(core, { rendererDir: start.rendererDir })
  /** Ends the running profile (profileThisProcess's stretch). */
  let endProfile: (() => void) | undefined
  let profiled: Promise<unknown> = Promise.resolve()
  process.on('message', async (q: Ask) => {
    const answer = (value: unknown) => process.send!({ id: q.id, type: q.type, value })
    switch (q.type) {
      case 'cpu': {
        const { user, system } = process.cpuUsage()
        return answer((user + system) / 1000)
      }
      case 'stats': {
        const poll = core.client?.current?.poll.stats
        return answer({ ...stats, polls: poll?.polls ?? 0, withEvents: poll?.withEvents ?? 0 })
      }
      case 'profile-start': {
        const ended = new Promise<void>((r) => (endProfile = r))
        profiled = profileThisProcess(() => ended, q.intervalUs)
        return answer(undefined)
      }
      case 'profile-stop':
        endProfile?.()
        return answer(await profiled)
    }
  })
  process.send!({ type: 'ready', url: web.url })
}

if (process.argv.includes('--app-process')) process.once('message', (start: Start) => void runChild(start))
