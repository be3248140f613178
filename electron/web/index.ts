import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { Logger } from '../engine/log'
import { privateDir } from '../engine/private-files'
import { embeddedEmulatorIn } from '../emulator/launcher'
import { AppCore } from '../backend/app-core'
import { FileVault, PLAINTEXT } from '../backend/file-vault'
import { keepRunningOnUncaught } from '../backend/process-guard'
import { JsonFileSettingsStore } from '../backend/settings-store'
import { version } from '../../package.json'
import { startWebServer } from './server'

/**
 * `npm run web`: the same engine (and embedded emulator) in a Node process, serving the same
 * renderer to a browser over a WebSocket. Prints the URL, with its token, on one line.
 */
async function main(): Promise<void> {
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
  const core = new AppCore({
    dataDir,
    settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
    // Web mode has no OS keychain: the session file is plaintext, owner-only, and the UI says so.
    vault: (profile) => new FileVault(join(dataDir, 'profiles', profile, 'session.json'), PLAINTEXT, logger),
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
  await core.start()
  const web = await startWebServer(core, {
    rendererDir: resolve(__dirname, '../../out/renderer'),
    port: values.port ? Number(values.port) : 0,
    logger,
  })
  const phone = embedded.running ? `  (simulated phone: ${embedded.running.phoneUrl})` : ''
  process.stdout.write(`QQ web mode: ${web.url}${phone}\n`)
  const stop = async () => {
    await web.close()
    await core.stop()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((err: unknown) => {
  process.stderr.write(`web mode: ${(err as Error).message}\n`)
  process.exit(1)
})
