import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { embeddedEmulatorIn } from '../../electron/emulator/launcher'
import { logInBackend, testBackend } from '../support/backend'
import { eventually, tempDir } from '../support/client'

/**
 * The embedded emulator serves TLS by default (issue 12): its own CA and server certificate,
 * made once in the data folder (keys 0600) and reused at the next start; the backend's emulator
 * profile trusts that CA, so the engine's https endpoints (poll2, the sends, s.web2, ptlogin)
 * really go over https.
 */

describe('the embedded emulator over TLS', () => {
  it('keeps its CA and server certificate in the data folder, keys owner-only, and reuses them at the next start', async () => {
    const folder = join(tempDir(), 'emulator')
    const first = embeddedEmulatorIn(folder, { chatter: false })
    const at = await first.start()
    expect(at.httpsPort).toBeGreaterThan(0)
    expect(at.ca).toContain('BEGIN CERTIFICATE')
    await first.stop()
    const tls = join(folder, 'tls')
    for (const key of ['ca.key', 'server.key']) expect(statSync(join(tls, key)).mode & 0o777).toBe(0o600)
    const files = ['ca.crt', 'server.crt'].map((f) => readFileSync(join(tls, f), 'utf8'))

    const second = embeddedEmulatorIn(folder, { chatter: false })
    expect((await second.start()).ca).toBe(files[0])
    await second.stop()
    expect(['ca.crt', 'server.crt'].map((f) => readFileSync(join(tls, f), 'utf8'))).toEqual(files)
  })

  it('the backend logs in and polls over https', async () => {
    const lines: string[] = []
    const b = testBackend({ emulator: { logRequests: true, log: (l) => lines.push(l) } })
    await logInBackend(b.core, b.emulator)
    expect(lines.some((l) => l.startsWith('GET https://ssl.ptlogin2.qq.com/ptqrlogin'))).toBe(true)
    expect(lines.some((l) => l.startsWith('GET https://s.web2.qq.com/api/getvfwebqq'))).toBe(true)
    // A poll is logged when it is answered (the idle answer after the 300 ms hold).
    await eventually(() => lines.some((l) => l.startsWith('POST https://d1.web2.qq.com/channel/poll2')) || undefined, 5_000, 'a poll over https')
    await b.core.stop()
  })
})
