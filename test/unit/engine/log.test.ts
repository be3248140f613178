import { describe, expect, it } from 'vitest'
import { Logger } from '../../../electron/engine/log'

describe('log redaction', () => {
  it('masks secret query parameters, JSON fields and registered token values', () => {
    const lines: string[] = []
    const log = new Logger((_l, m) => lines.push(m))
    log.addSecrets('a1b2c3d4e5f6')
    log.info('GET /api/getvfwebqq?ptwebqq=deadbeef&clientid=53999199&psessionid=8368abc')
    log.info('r={"vfwebqq":"xyz123456","hash":"00FF"} cookie skey=@Ab3dE5gHi')
    log.info('token a1b2c3d4e5f6 seen')
    expect(lines.join('\n')).not.toMatch(/deadbeef|8368abc|xyz123456|@Ab3dE5gHi|a1b2c3d4e5f6/)
    expect(lines[0]).toContain('clientid=53999199')
  })
})
