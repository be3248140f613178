import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Logger } from '../engine/log'
import { privateDir } from '../engine/private-files'
import { EMULATOR_LISTENING, embeddedEmulatorIn } from '../emulator/launcher'
import { TLS_MATERIAL_READY } from '../emulator/tls'
import { AppCore } from '../backend/app-core'
import { FileVault, PLAINTEXT } from '../backend/file-vault'
import { keepRunningOnUncaught } from '../backend/process-guard'
import { JsonFileSettingsStore } from '../backend/settings-store'
import type { ProfileKind } from '../model'
import { version } from '../../package.json'
import { startWebServer } from './server'

/**
 * `npm run web`: the same engine (and embedded emulator) in a Node process, serving the same
 * renderer to a browser over a WebSocket. Prints the URL, with its token, on one line.
 */
async function main(): Promise<void> {
  const modulesLoaded = performance.now()
  const modulesCpu = process.cpuUsage()
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      'download-dir': { type: 'string' },
      verbose: { type: 'boolean' },
    },
  })
  const dataDir = resolve(values['data-dir'] ?? join(homedir(), '.qq-desktop-web'))
  // Plaintext session and chats: the folder is the user's alone (private-files.ts).
  privateDir(dataDir)
  const logger = new Logger((level, msg) => {
    if (values.verbose || level !== 'debug') process.stderr.write(`${level}: ${msg}\n`)
  })
  keepRunningOnUncaught(logger)
  // The embedded server keeps the sessions it issued (a restart needs no new scan) and its TLS certificates there.
  const embedded = embeddedEmulatorIn(join(dataDir, 'emulator'))
  const settings = new JsonFileSettingsStore(join(dataDir, 'settings.json'))
  const vaultFile = (profile: ProfileKind) => join(dataDir, 'profiles', profile, 'session.json')
  const core = new AppCore({
    dataDir,
    settings,
    // Web mode has no OS keychain: the session file is plaintext, owner-only, and the UI says so.
    vault: (profile) => new FileVault(vaultFile(profile), PLAINTEXT, logger),
    host: {
      kind: 'web',
      // A server cannot open the user's browser tabs; the page opens links itself.
      openExternal: async () => undefined,
      secretStorage: 'plaintext',
      // Received files: the user's Downloads folder unless told otherwise (made when the first file comes).
      downloadDir: resolve(values['download-dir'] ?? join(homedir(), 'Downloads')),
    },
    embedded,
    version,
    logger,
  })
  // A saved session is restored as AppCore starts (if it is still alive).
  const savedSession = () => {
    const s = settings.get()
    return s.rememberSession && existsSync(vaultFile(s.profile.kind))
  }
  // The page may load while the engine starts, as Electron's login window does: `session.get`
  // answers 'connecting' until the engine is there, and the page hears the rest as events. A
  // saved session's restore (requests to the server) thus overlaps the page's loading, and so
  // does the embedded emulator's start (its world, its first certificates): the engine waits
  // for it, the page need not. The URL line is printed once the page can be opened, before
  // the start's synchronous work; the simulated phone's line once its address is known.
  const web = await startWebServer(core, {
    rendererDir: resolve(__dirname, '../../out/renderer'),
    port: values.port ? Number(values.port) : 0,
    logger,
    // What a page opened now shows first: until the engine says, the saved session's file does.
    leadsToMain: () => (core.firstView() ?? (savedSession() ? 'main' : 'login')) === 'main',
  })
  const webListening = performance.now()
  const listeningCpu = process.cpuUsage()
  // Handled from here on, before the engine starts: a stop while it still starts waits for it (AppCore.stop), then saves as usual.
  const stop = async () => {
    await web.close()
    await core.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  process.stdout.write(`QQ web mode: ${web.url}\n`)
  let engineStarted: number | undefined
  let engineCpu: NodeJS.CpuUsage | undefined
  await Promise.all([
    settings.get().profile.kind === 'emulator' && embedded.start().then((e) => process.stdout.write(`QQ web mode, simulated phone: ${e.phoneUrl}\n`)),
    core.start().then(() => {
      engineStarted = performance.now()
      engineCpu = process.cpuUsage()
    }),
  ])
  logger.debug(
    startupTimeline({ 'modules loaded': modulesLoaded, 'TLS material ready': performance.getEntriesByName(TLS_MATERIAL_READY).at(-1)?.startTime, 'emulator listening': performance.getEntriesByName(EMULATOR_LISTENING).at(-1)?.startTime, 'web server listening': webListening, 'engine started': engineStarted }),
  )
  logger.debug(startupCpu({ 'modules loaded': modulesCpu, 'web server listening': listeningCpu, 'engine started': engineCpu }))
}

/**
 * `--verbose`'s CPU line (the startup bench prints it): the process's CPU time (user + system)
 * since it started, at each step — what a start costs whatever else the machine is doing.
 */
function startupCpu(steps: Record<string, NodeJS.CpuUsage | undefined>): string {
  const shown = Object.entries(steps)
    .filter((e): e is [string, NodeJS.CpuUsage] => e[1] !== undefined)
    .map(([what, cpu]) => `${what} ${((cpu.user + cpu.system) / 1000).toFixed(0)}`)
  return `startup CPU (ms of user + system since the process started): ${shown.join(', ')}`
}

/**
 * `--verbose`'s startup line (test/bench/startup.ts reads it): each step in ms since the process
 * started, and that start as epoch ms, so a parent can place them on its own clock.
 */
function startupTimeline(steps: Record<string, number | undefined>): string {
  const all = { 'node ready': performance.nodeTiming.bootstrapComplete, ...steps }
  const shown = Object.entries(all)
    .filter((e): e is [string, number] => e[1] !== undefined)
    .map(([what, at]) => `${what} +${at.toFixed(1)}`)
  return `startup (ms since the process started at ${performance.timeOrigin.toFixed(1)}): ${shown.join(', ')}`
}

main().catch((err: unknown) => {
  process.stderr.write(`web mode: ${(err as Error).message}\n`)
  process.exit(1)
})
