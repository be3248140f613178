import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'
import { HttpClient } from '../../electron/engine/http/client'
import { emulatorProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'

/**
 * A bare HTTP server on 127.0.0.1 for a whole test file, and an engine HttpClient whose every
 * *.qq.com name reaches it (the emulator profile): for tests of the HTTP layer itself, where a
 * test writes the answers byte for byte. `await useLocalServer(handle)` at the file's top level;
 * it closes after the file's last test.
 */
export async function useLocalServer(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ http: HttpClient }> {
  const server = createServer(handle)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((r) => server.close(r))
  })
  return { http: new HttpClient(emulatorProfile({ address: '127.0.0.1', httpPort: port }), { logger: new Logger(), timeoutMs: 2000 }) }
}
