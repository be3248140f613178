import { afterAll, describe, expect, it, vi } from 'vitest'
import { Logger } from '../../electron/engine/log'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'

/**
 * The project runs on Node ≥ 22.12 (package.json engines), and process.threadCpuUsage came in
 * 22.15: the warm-up's timings (ContactService's debug lines) must fall back, not fail the lists.
 */

const { emu, phone } = await useEmulator({ seed: 7 })
const threadCpuUsage = process.threadCpuUsage
afterAll(() => {
  process.threadCpuUsage = threadCpuUsage
})

describe('the warm-up on a Node without process.threadCpuUsage', () => {
  it('loads every list, as on a newer Node', async () => {
    // As on Node 22.12: the function does not exist when the module is loaded.
    ;(process as { threadCpuUsage?: unknown }).threadCpuUsage = undefined
    vi.resetModules()
    const { ContactService } = await import('../../electron/engine/contacts/contact-service')
    const session = await loginWithPhone(emu.profile, phone)
    const snap = await new ContactService(session, new Logger()).load()
    expect(snap.failures).toEqual([])
    expect(snap.friends.length).toBeGreaterThan(0)
    expect(snap.groups.length).toBeGreaterThan(0)
  })
})
