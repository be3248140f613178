import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LoginView, SessionView } from '../../electron/model/views'
import { logInBackend, testBackend } from '../support/backend'
import { MemoryVault, eventually, tempDir } from '../support/client'

/**
 * The embedded server remembers (issue 12): two runs of the app's backend on one data folder,
 * its embedded emulator keeping the sessions it issued in that folder (node:sqlite). The second
 * run restores the saved session without a scan, as against a long-running server; a channel
 * whose lifetime ran out meanwhile is not restored, and the client gets a new one from its
 * ptlogin cookies, as it would from a server that kept running.
 */

function run(dataDir: string, vault: MemoryVault, sessionTtlMs?: number) {
  const sessionFile = join(dataDir, 'emulator', 'sessions.sqlite')
  const b = testBackend({ dataDir, vault: () => vault, emulator: { sessionFile, ...(sessionTtlMs !== undefined && { sessionTtlMs }) } })
  const logins: LoginView['kind'][] = []
  const sessions: SessionView['kind'][] = []
  b.core.on('login.state', (v) => logins.push(v.kind))
  b.core.on('session.state', (v) => sessions.push(v.kind))
  return { ...b, logins, sessions }
}

describe('the embedded emulator across a restart', () => {
  it('honours the saved session: the second run is online without a QR code', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const first = run(dataDir, vault)
    await logInBackend(first.core, first.emulator)
    await eventually(() => vault.value, 5_000, 'the saved session')
    await first.core.stop()

    const second = run(dataDir, vault)
    await second.core.start()
    await eventually(() => second.sessions.includes('online') || undefined, 10_000, 'online again')
    expect(second.logins).not.toContain('qr')
    expect(second.emulator().core.channels.allLive().map((c) => c.login.qq)).toEqual(['2851234567'])
    await second.core.stop()
  })

  it('after the channel\'s lifetime, the second run logs in again from the ptlogin cookies (pt4_auth), as a long-running server lets it: a new channel, no scan', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const first = run(dataDir, vault, 1_500)
    await logInBackend(first.core, first.emulator)
    await eventually(() => vault.value, 5_000, 'the saved session')
    const before = first.emulator().core.channels.allLive()[0]!.psessionid
    await first.core.stop()
    await new Promise((r) => setTimeout(r, 1_600))

    const second = run(dataDir, vault, 60_000)
    await second.core.start()
    await eventually(() => second.sessions.includes('online') || undefined, 10_000, 'online again')
    expect(second.logins).not.toContain('qr')
    const live = second.emulator().core.channels.allLive()
    expect(live).toHaveLength(1)
    expect(live[0]!.psessionid).not.toBe(before)
    await second.core.stop()
  })

  it('a sessions file that is not a database (or holds garbage) costs only the restore: the scan works as before', async () => {
    for (const content of ['this is not sqlite', '']) {
      const dataDir = tempDir()
      mkdirSync(join(dataDir, 'emulator'))
      writeFileSync(join(dataDir, 'emulator', 'sessions.sqlite'), content)
      const b = run(dataDir, new MemoryVault())
      await logInBackend(b.core, b.emulator)
      await b.core.stop()
    }
  })
})
