import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Logger } from '../../../electron/engine/log'
import { logFileSink } from '../../../electron/main/log-file'

describe('log file', () => {
  it('writes info and above, scrubbed by the Logger, to logs/main.log', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'qq-logs-')), 'logs')
    const log = logFileSink(dir)
    const logger = new Logger(log.sink)
    logger.addSecrets('psessionid-value-123456')
    logger.info('poll2 r={"ptwebqq":"abcdef123456","psessionid":"psessionid-value-123456"}')
    logger.debug('a debug line')
    log.close()
    const text = readFileSync(join(dir, 'main.log'), 'utf8')
    expect(text).toMatch(/^\d{4}-\d\d-\d\dT\S+ info {2}poll2 /)
    expect(text).not.toContain('abcdef123456')
    expect(text).not.toContain('psessionid-value-123456')
    expect(text).not.toContain('a debug line')
    expect(statSync(join(dir, 'main.log')).mode & 0o077).toBe(0)
  })

  it.skipIf(process.platform === 'win32')('tightens a logs folder and main.log an older version left readable by others', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'qq-logs-')), 'logs')
    mkdirSync(dir, { mode: 0o755 })
    chmodSync(dir, 0o755)
    writeFileSync(join(dir, 'main.log'), 'old line\n', { mode: 0o644 })
    chmodSync(join(dir, 'main.log'), 0o644)
    logFileSink(dir).close()
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(join(dir, 'main.log')).mode & 0o777).toBe(0o600)
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toBe('old line\n')
  })

  it('rotates to main.old.log past its size, keeping one old generation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'qq-logs-'))
    const log = logFileSink(dir, { maxBytes: 200, verbose: true })
    for (let i = 0; i < 12; i++) log.sink('debug', `line ${i} ${'x'.repeat(40)}`)
    log.close()
    expect(readdirSync(dir).sort()).toEqual(['main.log', 'main.old.log'])
    expect(statSync(join(dir, 'main.log')).size).toBeLessThanOrEqual(200)
    expect(statSync(join(dir, 'main.old.log')).size).toBeLessThanOrEqual(200)
    expect(readFileSync(join(dir, 'main.log'), 'utf8')).toContain('line 11 ')
    // A fresh start with a full file rotates at once.
    const again = logFileSink(dir, { maxBytes: 10 })
    again.close()
    expect(statSync(join(dir, 'main.log')).size).toBe(0)
  })
})
