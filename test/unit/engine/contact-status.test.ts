import { describe, expect, it } from 'vitest'
import { toStatus } from '../../../electron/engine/contacts/mappers'
import { STATUS_NAMES, isStatusName, statusCode } from '../../../electron/smartqq/status'

/**
 * Issue 13: a status name is read without zod (isStatusName: a Set of the model's names). It must take
 * exactly the model's names and codes, and nothing else: no inherited property name, no
 * near miss, no other type.
 */
describe('toStatus', () => {
  it('takes every status name and every wire code of the model', () => {
    for (const name of STATUS_NAMES) {
      expect(toStatus(name)).toBe(name)
      expect(toStatus(statusCode(name))).toBe(name)
    }
  })

  it('reads anything else as offline: no inherited name, case or padding variant, unknown code or missing value', () => {
    for (const s of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'Online', ' online', 'online ', '', 'idle', '10']) {
      expect(toStatus(s), s).toBe('offline')
    }
    for (const n of [0, 11, -10, 10.5, NaN]) expect(toStatus(n), String(n)).toBe('offline')
    expect(toStatus(undefined)).toBe('offline')
  })

  it('isStatusName, which the login and the emulator use too, takes the model\'s names and nothing else', () => {
    for (const name of STATUS_NAMES) expect(isStatusName(name)).toBe(true)
    for (const v of ['constructor', 'Online', '', 10, null, undefined, {}, ['online']]) expect(isStatusName(v), String(v)).toBe(false)
  })
})
