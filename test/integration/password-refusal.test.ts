import { describe, expect, it } from 'vitest'
import { refusalOf } from '../../electron/engine/login/password-login'
import { useEmulator } from '../support/use-emulator'
import { newClient } from '../support/client'

/**
 * A refused password login reaches the UI as `password-failed` with what was refused (§4.4),
 * never as the QR flow's `failed`: the engine (QQClient) against the emulator, both eras.
 */

const { emu, phone } = await useEmulator()

describe('refusalOf', () => {
  it('names each code of §4.4, and an unnamed code as unknown', () => {
    const named: Array<[string, string]> = [
      ['1', 'busy'],
      ['2', 'account-invalid'],
      ['3', 'wrong-password'],
      ['4', 'wrong-captcha'],
      ['5', 'verification-failed'],
      ['6', 'retry'],
      ['7', 'bad-parameters'],
      ['8', 'too-many-logins'],
      ['24', 'cookies-disabled'],
      ['71', 'banned'],
      ['10005', 'needs-second-factor'],
    ]
    for (const [code, refusal] of named) expect(refusalOf(code, 'x'), code).toBe(refusal)
    for (const code of ['42', '-1', 'constructor', '__proto__', '']) expect(refusalOf(code, 'x'), code).toBe('unknown')
  })

  it('hears the 2015-09-30 removal in its text, whatever the code (§8.6)', () => {
    expect(refusalOf('1', '登录失败，请稍后再试。')).toBe('password-login-removed')
    expect(refusalOf('7', ' 登录失败，请稍后再试。 ')).toBe('password-login-removed')
    expect(refusalOf('1', '服务器繁忙，请稍后再试。')).toBe('busy')
  })
})

describe('a password login the server refuses', () => {
  it('in the default (2018) era: password-failed, "password login removed", with the code kept', async () => {
    await phone.settings({ era: '2018' })
    const client = newClient(emu.profile)
    try {
      await client.login.startPassword('2851234567', 'password')
      expect(client.login.state).toMatchObject({ kind: 'password-failed', refusal: 'password-login-removed', error: { kind: 'protocol', retcode: 1 } })
    } finally {
      await client.shutdown()
    }
  })

  it('in era 2013 with a wrong password: password-failed, "wrong password"', async () => {
    await phone.settings({ era: '2013', captcha: 'never' })
    const client = newClient(emu.profile)
    try {
      await client.login.startPassword('2851234567', 'not the password')
      expect(client.login.state).toMatchObject({ kind: 'password-failed', refusal: 'wrong-password', error: { kind: 'protocol', retcode: 3 } })
    } finally {
      await client.shutdown()
    }
  })

  it('that breaks off (the connection drops): password-failed without a refusal (the error says why)', async () => {
    await phone.settings({ era: '2013', captcha: 'never' })
    emu.core.faults.add({ endpoint: 'login', fault: { kind: 'drop' }, count: 1 })
    const client = newClient(emu.profile)
    try {
      await client.login.startPassword('2851234567', 'password')
      expect(client.login.state).toMatchObject({ kind: 'password-failed', error: { kind: 'network' } })
      expect(client.login.state).not.toHaveProperty('refusal')
    } finally {
      await client.shutdown()
    }
  })
})
