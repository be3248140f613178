import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HttpClient } from '../../electron/engine/http/client'
import { Logger } from '../../electron/engine/log'
import { QrLogin, type QrLoginState } from '../../electron/engine/login/qr-login'
import { Phone, decodeQr, withEmulator } from '../support/emulator'

let emu: Awaited<ReturnType<typeof withEmulator>>
let phone: Phone

beforeAll(async () => {
  emu = await withEmulator()
  phone = new Phone(emu.url)
})
afterAll(() => emu.stop())

function newLogin(logLines: string[] = []) {
  const logger = new Logger((level, msg) => logLines.push(`${level} ${msg}`))
  const http = new HttpClient(emu.profile, { logger })
  return { http, logger, login: new QrLogin(http, logger, { pollIntervalMs: 50 }) }
}

/** Resolves with the state once the login reaches a state of that kind. */
function reach(login: QrLogin, kind: QrLoginState['kind']): Promise<QrLoginState> {
  return new Promise((resolve) => {
    const on = (s: QrLoginState) => {
      if (s.kind === kind) {
        login.off('state', on)
        resolve(s)
      }
    }
    login.on('state', on)
  })
}

describe('QR login against the emulator', () => {
  it('logs in through scan and confirm on the phone', async () => {
    const logs: string[] = []
    const { login, http } = newLogin(logs)
    const states: string[] = []
    login.on('state', (s) => states.push(s.kind))
    const done = login.run()
    const qr = (await reach(login, 'qr')) as Extract<QrLoginState, { kind: 'qr' }>
    const text = decodeQr(qr.png)
    expect(text).toMatch(/^https:\/\/txz\.qq\.com\/p\?k=/)
    expect((await phone.scan(text)).status).toBe(200)
    await reach(login, 'scanned')
    expect((await phone.confirm(text)).status).toBe(200)
    const session = await done
    expect(states).toEqual(['qr', 'scanned', 'confirming', 'online'])
    expect(session.qq).toBe('2851234567')
    expect(session.info.nick).toBe('小企鹅')
    expect(session.cred.uin).toBe('2851234567')
    expect(session.cred.vfwebqq).toMatch(/^[0-9a-f]{80}$/)
    expect(session.cred.psessionid).toMatch(/^8368[0-9a-f]+$/)
    expect(session.cred.ptwebqq).toMatch(/^[0-9a-f]{64}$/)
    // Cookies are on the real domains.
    expect(await http.cookie('p_skey', 'http://s.web2.qq.com/')).toBeTruthy()
    expect(await http.cookie('p_skey', 'http://w.qq.com/')).toBeUndefined()
    // No secret reached the log.
    const secrets = [session.cred.vfwebqq, session.cred.psessionid, session.cred.ptwebqq]
    for (const s of secrets) expect(logs.join('\n')).not.toContain(s)
  })
})
