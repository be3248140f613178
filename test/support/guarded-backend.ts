import { testBackend } from './backend'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Logger } from '../../electron/engine/log'
import { keepRunningOnUncaught } from '../../electron/backend/process-guard'
import { startWebServer } from '../../electron/web/server'
import { tempDir } from './client'

/**
 * A web-mode backend in a process of its own, guarded as `npm run web` is, for the test of the
 * last-resort handler (a test runner's worker catches uncaught errors itself). Prints
 * `{port, token}` once it serves; a line "fault" on stdin makes it throw in a timer and leave
 * a rejection unhandled.
 */
const logger = new Logger((level, msg) => process.stderr.write(`${level}: ${msg}\n`))
keepRunningOnUncaught(logger)

async function main(): Promise<void> {
  const rendererDir = tempDir()
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>QQ</title>')
  const { core } = testBackend({ logger, client: {} })
  await core.start()
  const web = await startWebServer(core, { rendererDir, logger })
  process.stdout.write(JSON.stringify({ port: web.port, token: web.token }) + '\n')
  process.stdin.setEncoding('utf8')
  process.stdin.on('data', (line: string) => {
    if (!line.includes('fault')) return
    setTimeout(() => {
      throw new Error('thrown in a timer')
    }, 1)
    void Promise.reject(new Error('rejected, and nobody listens'))
  })
}

main().catch((err: unknown) => {
  process.stderr.write(`could not start: ${(err as Error).message}\n`)
  process.exit(1)
})
