import { afterEach } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { loginClient, newClient } from './client'
import type { Phone, TestEmulator } from './emulator'

/**
 * Clients of one emulator for the tests of a file: `online(opts)` makes one and logs it in;
 * after each test every client in `clients` is shut down and the emulator's faults are cleared,
 * so no test inherits another's session or fault.
 */
export function useClients(emu: TestEmulator, phone: Phone): { clients: QQClient[]; online: (opts?: Parameters<typeof newClient>[1]) => Promise<QQClient> } {
  const clients: QQClient[] = []
  afterEach(async () => {
    await phone.post('/control/faults/clear', {})
    for (const c of clients.splice(0)) await c.shutdown()
  })
  const online = async (opts: Parameters<typeof newClient>[1] = {}): Promise<QQClient> => {
    const c = newClient(emu.profile, opts)
    clients.push(c)
    await loginClient(c, phone)
    return c
  }
  return { clients, online }
}
