import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startWebServer } from '../../electron/web/server'
import { testBackend } from '../support/backend'
import { tempDir } from '../support/client'

/**
 * Web mode starts the emulator and the engine once a page opened at once has its first files
 * (electron/web/index.ts, issue 13): the server says when the HTML and every file it names
 * have been sent, and goes on when no page asks.
 */
function renderer(): string {
  const dir = tempDir()
  mkdirSync(join(dir, 'assets'))
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>QQ</title><script type="module" crossorigin src="./assets/index-a1.js"></script><link rel="modulepreload" crossorigin href="./assets/lib-b2.js"><link rel="stylesheet" crossorigin href="./assets/index-c3.css">',
  )
  for (const f of ['index-a1.js', 'lib-b2.js', 'index-c3.css', 'later-d4.js']) writeFileSync(join(dir, 'assets', f), `/* ${f} */`)
  return dir
}

const get = async (port: number, path: string) => (await fetch(`http://127.0.0.1:${port}${path}`)).text()

describe('web mode sends a page its first files before it starts the engine', () => {
  it('says so once the HTML and every file it names are sent, not before (another file, or the HTML without its token, does not count)', async () => {
    const { core } = testBackend()
    const web = await startWebServer(core, { rendererDir: renderer() })
    try {
      let sent = false
      const waiting = web.pageFilesSent(1_000, 10_000).then(() => (sent = true))
      await get(web.port, '/')
      await get(web.port, `/?token=${web.token}`)
      await get(web.port, '/assets/index-a1.js')
      await get(web.port, '/assets/later-d4.js')
      await get(web.port, '/assets/lib-b2.js')
      await new Promise((r) => setTimeout(r, 50))
      expect(sent).toBe(false)
      await get(web.port, '/assets/index-c3.css')
      await waiting
      expect(sent).toBe(true)
    } finally {
      await web.close()
      await core.stop()
    }
  })

  it('goes on when no page asks for the HTML in time, and at the latest after the longest wait', async () => {
    const { core } = testBackend()
    const web = await startWebServer(core, { rendererDir: renderer() })
    try {
      // Both resolve far below the test's timeout, with no request / with the page still loading.
      await web.pageFilesSent(100, 60_000)
      await get(web.port, `/?token=${web.token}`)
      await web.pageFilesSent(100, 300)
    } finally {
      await web.close()
      await core.stop()
    }
  })
})
