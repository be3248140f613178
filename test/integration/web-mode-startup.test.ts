import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startWebServer } from '../../electron/web/server'
import { logInBackend, testBackend } from '../support/backend'
import { MemoryVault, eventually, tempDir } from '../support/client'
import { connectSocket, socketClient } from '../support/ws-client'

/**
 * Web mode serves the page while the backend still starts (electron/web/index.ts, issue 13):
 * a saved session's restore overlaps the page's loading. A page that connects before the
 * engine is there must see the start through: `session.get` says connecting, then the restore
 * arrives as events, and the session's commands answer once it is online.
 */
describe('web mode while the backend starts', () => {
  it('a page connected before the start sees the saved session restored: connecting, then online, then the contacts', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const run = () => testBackend({ dataDir, vault: () => vault, emulator: { sessionFile: join(dataDir, 'emulator', 'sessions.sqlite') } })
    const first = run()
    await logInBackend(first.core, first.emulator)
    await eventually(() => vault.value, 5_000, 'the saved session')
    await first.core.stop()

    const rendererDir = tempDir()
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>QQ</title>')
    const { core } = run()
    const web = await startWebServer(core, { rendererDir })
    try {
      const page = socketClient(await connectSocket(web.port, web.token))
      expect(await page.invoke('session.get')).toMatchObject({ ok: true, value: { session: { kind: 'connecting' }, login: { kind: 'idle' } } })
      const started = core.start()
      await eventually(() => page.events.some((e) => e.name === 'session.state' && (e.payload as { kind: string }).kind === 'online') || undefined, 10_000, 'online over the socket')
      expect(page.events.some((e) => e.name === 'login.state' && (e.payload as { kind: string }).kind === 'qr')).toBe(false)
      const contacts = await page.invoke('contacts.get')
      expect(contacts).toMatchObject({ ok: true })
      expect((contacts as { value: { friends: unknown[] } }).value.friends.length).toBeGreaterThan(0)
      await started
      expect(await page.invoke('session.get')).toMatchObject({ ok: true, value: { session: { kind: 'online' } } })
    } finally {
      await web.close()
      await core.stop()
    }
  })
})
