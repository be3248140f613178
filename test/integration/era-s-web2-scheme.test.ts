import { afterEach, describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { ERA_NAMES, era } from '../../electron/emulator/era'
import { eventually, loginClient, newClient, tempDir } from '../support/client'
import { useEmulator } from '../support/use-emulator'

/**
 * s.web2.qq.com's scheme by era (issue 12): in 2013 and 2015 its https did not answer (seed note
 * 003, §1.3) and the emulator leaves it unanswered; the engine, which tries https first (the only
 * scheme that worked from 2018-12), falls back to http for that host and stays there. From 2016
 * https answers and stays in use. The emulator serves TLS, so the engine's https is real.
 */

const requests: string[] = []
const { emu, phone } = await useEmulator({
  pollHoldMs: 60,
  chatter: false,
  tls: { httpsPort: 0, certDir: tempDir() },
  logRequests: true,
  log: (line) => requests.push(line),
})

const clients: QQClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) await c.shutdown()
  await phone.settings({ era: '2018' })
})

describe('s.web2 over the scheme its era answered', () => {
  for (const name of ERA_NAMES) {
    const scheme = era(name).sWeb2Https ? 'https' : 'http'
    it(`era ${name}: getvfwebqq and the contact lists go over ${scheme} and the client gets its contacts`, async () => {
      await phone.settings({ era: name })
      requests.length = 0
      const c = newClient(emu.profile)
      clients.push(c)
      await loginClient(c, phone)
      await eventually(() => c.current?.contacts.snapshot.friends.length || undefined, 5_000, "the friends")
      const sWeb2 = requests.filter((l) => l.includes('://s.web2.qq.com/'))
      expect(sWeb2.some((l) => l.includes('/api/getvfwebqq'))).toBe(true)
      expect(sWeb2.some((l) => l.includes('/api/get_user_friends2'))).toBe(true)
      for (const l of sWeb2) expect(l).toMatch(new RegExp(`^(GET|POST) ${scheme}://s\\.web2\\.qq\\.com/\\S+ 200$`))
    })
  }
})
