import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { LoginView, SessionView } from '../../electron/model/views'
import { logInBackend, testBackend } from '../support/backend'
import { MemoryVault, eventually, tempDir } from '../support/client'
import { decodeQr, Phone } from '../support/emulator'

/**
 * The ptlogin session's lifetime (issue 12, §8.1: about two days, as the real service's): within
 * it a saved session comes back without a scan, through pt4_auth when the channel died; after it
 * the restore fails honestly, the saved session is dropped, the login panel says the saved login
 * expired and a scan signs in again. The emulator's clock is moved on, not waited for.
 */

const HOUR = 3600_000
const LIFETIME = 48 * HOUR

function backend() {
  const dataDir = tempDir()
  const vault = new MemoryVault()
  const b = testBackend({ dataDir, vault: () => vault, emulator: { sessionTtlMs: HOUR, sessionFile: join(dataDir, 'emulator', 'sessions.sqlite') } })
  const logins: LoginView['kind'][] = []
  const sessions: SessionView['kind'][] = []
  let qr: string | undefined
  b.core.on('login.state', (v) => {
    logins.push(v.kind)
    if (v.kind === 'qr') qr = decodeQr(Buffer.from(v.image.split(',')[1]!, 'base64'))
  })
  b.core.on('session.state', (v) => sessions.push(v.kind))
  /** The engine stops and starts again (the app restarting) against the same emulator, whose clock moved on meanwhile. */
  const restartAfter = async (ms: number) => {
    await b.core.stop(false)
    b.emulator().core.advanceClock(ms)
    logins.length = 0
    sessions.length = 0
    qr = undefined
    await b.core.start()
  }
  const setAside = async () => (await b.core.handlers['app.info']({})).sessionSetAside
  return { ...b, vault, logins, sessions, restartAfter, setAside, qr: () => qr }
}

describe('the ptlogin session lifetime', () => {
  it('within the lifetime a restart restores without a scan, through pt4_auth once the channel died; the renewal does not extend the lifetime', async () => {
    const b = backend()
    await logInBackend(b.core, b.emulator)
    await eventually(() => b.vault.value, 5_000, 'the saved session')
    const first = b.emulator().core.channels.allLive()[0]!

    await b.restartAfter(2 * HOUR)
    await eventually(() => b.sessions.includes('online') || undefined, 10_000, 'online again')
    expect(b.logins).not.toContain('qr')
    const renewed = b.emulator().core.channels.allLive()[0]!
    expect(renewed.psessionid).not.toBe(first.psessionid)
    // The new channel ends with the ptlogin session it came from (§8.1), not an hour after now.
    expect(renewed.login.ptloginExpiresAt).toBe(first.login.ptloginExpiresAt)
    await b.core.stop()
  })

  it('after the lifetime the restore fails: the saved session is dropped, the panel says the saved login expired, and a scan signs in again', async () => {
    const b = backend()
    await logInBackend(b.core, b.emulator)
    await eventually(() => b.vault.value, 5_000, 'the saved session')
    expect(await b.setAside()).toBeUndefined()

    await b.restartAfter(LIFETIME + 60_000)
    const text = await eventually(b.qr, 10_000, 'a QR code')
    expect(b.sessions).not.toContain('online')
    expect(b.vault.value).toBeUndefined()
    expect(await b.setAside()).toEqual({ reason: 'expired' })

    const phone = Phone.for(b.emulator())
    await phone.scan(text)
    await phone.confirm(text)
    await eventually(() => b.sessions.includes('online') || undefined, 10_000, 'online after the scan')
    expect(await b.setAside()).toBeUndefined()
    await b.core.stop()
  })

  it('a session online when the lifetime runs out ends as session-lost (expired), not a silent relogin, and the saved session is dropped', async () => {
    const b = backend()
    const views: SessionView[] = []
    b.core.on('session.state', (v) => views.push(v))
    await logInBackend(b.core, b.emulator)
    await eventually(() => b.vault.value, 5_000, 'the saved session')
    b.emulator().core.advanceClock(LIFETIME + 60_000)
    const lost = await eventually(() => views.find((v) => v.kind === 'session-lost'), 15_000, 'session-lost')
    expect(lost).toMatchObject({ reason: 'expired' })
    expect(b.emulator().core.channels.allLive()).toEqual([])
    await eventually(() => b.vault.value === undefined || undefined, 5_000, 'the saved session dropped')
    await b.core.stop()
  })

  it('the lifetime is kept in the sessions file: a restarted emulator ends the login when the first one would have', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const sessionFile = join(dataDir, 'emulator', 'sessions.sqlite')
    const first = testBackend({ dataDir, vault: () => vault, emulator: { sessionFile } })
    await logInBackend(first.core, first.emulator)
    const ends = first.emulator().core.logins.all().map((l) => l.ptloginExpiresAt)
    await first.core.stop()

    const second = testBackend({ dataDir, vault: () => vault, emulator: { sessionFile } })
    let online = false
    second.core.on('session.state', (v) => (online ||= v.kind === 'online'))
    await second.core.start()
    await eventually(() => online, 10_000, 'online again')
    expect(second.emulator().core.logins.all().map((l) => l.ptloginExpiresAt)).toEqual(ends)
    await second.core.stop()
  })
})
