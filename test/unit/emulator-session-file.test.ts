import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import { ChannelStore } from '../../electron/emulator/state/channels'
import { LoginStore } from '../../electron/emulator/state/logins'
import { SessionFile } from '../../electron/emulator/state/persist'
import { tempDir } from '../support/client'

describe("the emulator's session file", () => {
  it('writes the sessions only when they changed (an idle emulator wrote and synced them every second)', () => {
    const path = join(tempDir(), 'sessions.sqlite')
    const file = new SessionFile(path)
    const logins = new LoginStore(() => Date.now(), () => 3_600_000)
    const channels = new ChannelStore(() => Date.now(), () => 3_600_000, () => undefined)
    file.save(logins, channels)
    // Another writer marks the row: an unchanged save leaves the mark, a changed one replaces it.
    const other = new DatabaseSync(path)
    const mark = () => other.prepare("UPDATE state SET value = 'mark' WHERE key = 'sessions'").run()
    const stored = () => (other.prepare("SELECT value FROM state WHERE key = 'sessions'").get() as { value: string }).value
    mark()
    file.save(logins, channels)
    expect(stored()).toBe('mark')
    logins.create('10001')
    file.save(logins, channels)
    expect(JSON.parse(stored())).toMatchObject({ logins: [{ qq: '10001' }] })
    other.close()
    file.close()
  })
})
