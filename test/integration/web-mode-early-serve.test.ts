import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AppCore } from '../../electron/backend/app-core'
import { startWebServer } from '../../electron/web/server'
import { testBackend } from '../support/backend'
import { tempDir } from '../support/client'
import { connectSocket, socketClient } from '../support/ws-client'

/**
 * Web mode listens before it has loaded the backend (electron/web/index.ts, issue 13): the
 * server serves the page's files while the backend is still to come, holds a socket until it
 * is there, and tells the host when a page opened at once has its first files, so the host's
 * next long synchronous stretch does not hold them back.
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

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`)

describe('web mode before its backend is loaded', () => {
  it('serves the page while the backend is still to come, and accepts the socket once it is there', async () => {
    let ready!: (core: AppCore) => void
    const web = await startWebServer(new Promise<AppCore>((r) => (ready = r)), { rendererDir: renderer() })
    const { core } = testBackend()
    try {
      expect((await get(web.port, `/?token=${web.token}`)).status).toBe(200)
      expect(await (await get(web.port, '/assets/index-a1.js')).text()).toBe('/* index-a1.js */')
      let opened = false
      const socket = connectSocket(web.port, web.token).then((ws) => {
        opened = true
        return ws
      })
      await new Promise((r) => setTimeout(r, 100))
      expect(opened).toBe(false)
      ready(core)
      const ws = await socket
      expect(await socketClient(ws).invoke('session.get')).toMatchObject({ ok: true, value: { session: { kind: 'connecting' } } })
      ws.close()
    } finally {
      await web.close()
      await core.stop()
    }
  })

  it('says when a page opened at once has its HTML and the files it names, not before', async () => {
    const web = await startWebServer(testBackend().core, { rendererDir: renderer() })
    try {
      let sent = false
      const waiting = web.pageFilesSent(1_000, 10_000).then(() => (sent = true))
      await get(web.port, `/?token=${web.token}`)
      await get(web.port, '/assets/index-a1.js')
      await get(web.port, '/assets/later-d4.js')
      await new Promise((r) => setTimeout(r, 50))
      expect(sent).toBe(false)
      await get(web.port, '/assets/lib-b2.js')
      await get(web.port, '/assets/index-c3.css')
      await waiting
      expect(sent).toBe(true)
    } finally {
      await web.close()
    }
  })

  it('goes on when no page asks for the HTML in time', async () => {
    const web = await startWebServer(testBackend().core, { rendererDir: renderer() })
    try {
      // Resolves with no request at all (the test's own timeout is far below the 60 s maximum).
      await web.pageFilesSent(100, 60_000)
    } finally {
      await web.close()
    }
  })
})
