import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Logger } from '../engine/log'
import { privateDir } from '../engine/private-files'
import { EMULATOR_LISTENING, TLS_MATERIAL_READY } from '../emulator/marks'
import type { AppCore } from '../backend/app-core'
import { keepRunningOnUncaught } from '../backend/process-guard'
import { startWebServer } from './server'

/**
 * `npm run web`: the same engine (and embedded emulator) in a Node process, serving the same
 * renderer to a browser over a WebSocket. Prints the URL, with its token, on one line.
 */
async function main(): Promise<void> {
  const modulesLoaded = performance.now()
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
  // The page may load while the app starts, as Electron's login window does. The web server
  // listens first, with only its own code loaded (this entry's chunk), and a page opened at
  // once gets its first files (pageFilesSent) before the backend's and the engine's code
  // (./app) and then the emulator's are loaded: one synchronous stretch each, which would hold
  // those requests back. The page then evaluates its scripts while they load. Its socket is
  // accepted once the backend is there; `session.get` answers 'connecting' until the engine has
  // started, and the page hears the rest as events: a saved session's restore and the
  // emulator's start (its world, its first certificates) overlap the page's loading. The
  // simulated phone's line is printed once the emulator listens.
  let appReady!: (core: AppCore) => void
  const web = await startWebServer(new Promise<AppCore>((r) => (appReady = r)), { rendererDir: resolve(__dirname, '../../out/renderer'), port: values.port ? Number(values.port) : 0, logger })
  const webListening = performance.now()
  const started: { core?: AppCore } = {}
  // Handled from here on: a stop while the engine still starts waits for it (AppCore.stop), then saves as usual.
  const stop = async () => {
    await web.close()
    await started.core?.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  process.stdout.write(`QQ web mode: ${web.url}\n`)
  await web.pageFilesSent(PAGE_ASKS_WITHIN_MS, PAGE_FILES_WAIT_MAX_MS)
  const filesSent = performance.now()
  const { createWebApp } = await import('./app')
  const appLoaded = performance.now()
  const app = createWebApp({ dataDir, downloadDir: values['download-dir'], logger })
  started.core = app.core
  appReady(app.core)
  await nextTurn()
  let engineStarted: number | undefined
  await Promise.all([
    app.usesEmulator && app.embedded.start().then((e) => process.stdout.write(`QQ web mode, simulated phone: ${e.phoneUrl}\n`)),
    app.core.start().then(() => (engineStarted = performance.now())),
  ])
  logger.debug(
    startupTimeline({
      'modules loaded': modulesLoaded,
      'web server listening': webListening,
      'page files sent': filesSent,
      'app modules loaded': appLoaded,
      'TLS material ready': performance.getEntriesByName(TLS_MATERIAL_READY).at(-1)?.startTime,
      'emulator listening': performance.getEntriesByName(EMULATOR_LISTENING).at(-1)?.startTime,
      'engine started': engineStarted,
    }),
  )
}

/**
 * How long the host waits for a page to ask for its HTML (a browser pointed at the URL asks
 * within tens of ms; a start nobody opens at once is that much later), and at most for the
 * page's first files once it has.
 */
const PAGE_ASKS_WITHIN_MS = 150
const PAGE_FILES_WAIT_MAX_MS = 300

/**
 * One turn of the event loop: what came in meanwhile (the page's requests) is read and
 * answered before the next synchronous stretch (setImmediate runs after the loop's poll for I/O).
 */
const nextTurn = () => new Promise<void>((r) => setImmediate(r))

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
