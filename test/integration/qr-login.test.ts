import { describe, expect, it } from 'vitest'
import { HttpClient } from '../../electron/engine/http/client'
import { Logger } from '../../electron/engine/log'
import { QrLogin, type QrLoginState } from '../../electron/engine/login/qr-login'
import { decodeQr, withEmulator } from '../support/emulator'
import { loginWithPhone } from '../support/login'
import { useEmulator } from '../support/use-emulator'

const { emu, phone } = await useEmulator()

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
    // What 2018 (the default era) handed out (§3.10).
    expect(session.cred.ptwebqq).toBe('')
    // Cookies are on the real domains.
    expect(await http.cookie('p_skey', 'http://s.web2.qq.com/')).toBeTruthy()
    expect(await http.cookie('p_skey', 'http://w.qq.com/')).toBeUndefined()
    // No secret reached the log.
    const secrets = [session.cred.vfwebqq, session.cred.psessionid, await http.cookie('skey', 'http://w.qq.com/')]
    for (const s of secrets) expect(logs.join('\n')).not.toContain(s)
  })
})

describe('the login’s start (§3.1, §3.2)', () => {
  it('asks for the QR code without waiting for the login page, and polls with the page’s login_sig', async () => {
    await phone.post('/control/faults', { endpoint: 'login_page', fault: { kind: 'delay', ms: 400 }, count: 1 })
    try {
      const lines: string[] = []
      const { login, http } = newLogin(lines)
      const polls: unknown[] = []
      const call = http.call.bind(http)
      http.call = ((ep, args, opts) => {
        if (ep.name === 'ptqrlogin') polls.push(args)
        return call(ep, args, opts)
      }) as typeof http.call
      const done = login.run()
      const qr = (await reach(login, 'qr')) as Extract<QrLoginState, { kind: 'qr' }>
      // The QR is up while the login page is still held.
      expect(lines.some((l) => l.startsWith('debug login_page '))).toBe(false)
      const text = decodeQr(qr.png)
      await phone.scan(text)
      await reach(login, 'scanned')
      await phone.confirm(text)
      await done
      const sig = await http.cookie('pt_login_sig', 'https://ssl.ptlogin2.qq.com/')
      expect(sig).toBeTruthy()
      expect(polls.length).toBeGreaterThan(0)
      for (const p of polls) expect(p).toMatchObject({ loginSig: sig })
    } finally {
      await phone.post('/control/faults/clear', {})
    }
  })

  it('fails with ptqrshow’s error while the login page is on the wire, and a cancel after leaves nothing unhandled', async () => {
    await phone.post('/control/faults', { endpoint: 'login_page', fault: { kind: 'delay', ms: 5000 }, count: 1 })
    await phone.post('/control/faults', { endpoint: 'ptqrshow', fault: { kind: 'http', status: 502 } })
    try {
      const { login } = newLogin()
      const ac = new AbortController()
      await expect(login.run(ac.signal)).rejects.toMatchObject({ kind: 'http', status: 502 })
      expect(login.state).toMatchObject({ kind: 'failed', error: { kind: 'http' } })
      // The login page's request, still held, ends cancelled: that rejection must have a handler.
      ac.abort()
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      await phone.post('/control/faults/clear', {})
    }
  })
})

describe('the login’s tail (§3.6, §3.7)', () => {
  /** The engine's answered requests by name, in the order their answers came (HttpClient's debug lines). */
  const answered = (lines: string[]) => lines.map((l) => /^debug (\S+) (GET|POST) /.exec(l)?.[1]).filter((n) => n !== undefined)

  it('sends login2 without waiting for getvfwebqq’s answer: the lists wait for one round trip, not two', async () => {
    await phone.post('/control/faults', { endpoint: 'getvfwebqq', fault: { kind: 'delay', ms: 300 }, count: 1 })
    try {
      const lines: string[] = []
      const session = await loginWithPhone(emu.profile, phone, { logger: new Logger((level, msg) => lines.push(`${level} ${msg}`)) })
      const order = answered(lines)
      // login2 answered while getvfwebqq was held: it was on the wire before that answer came.
      expect(order.indexOf('login2')).toBeGreaterThan(order.indexOf('check_sig'))
      expect(order.indexOf('login2')).toBeLessThan(order.indexOf('getvfwebqq'))
      // getvfwebqq's vfwebqq is the one kept (§3.6: login2's is wrong): the session works with it.
      expect(session.cred.vfwebqq).toMatch(/^[0-9a-f]{80}$/)
      expect(emu.core.channels.live('2851234567')?.psessionid).toBe(session.cred.psessionid)
    } finally {
      await phone.post('/control/faults/clear', {})
    }
  })

  it('fails the login with getvfwebqq’s error when it fails while login2 succeeds', async () => {
    await phone.post('/control/faults', { endpoint: 'getvfwebqq', fault: { kind: 'retcode', retcode: 100000 }, count: 1 })
    try {
      await expect(loginWithPhone(emu.profile, phone)).rejects.toMatchObject({ kind: 'protocol', retcode: 100000 })
    } finally {
      await phone.post('/control/faults/clear', {})
    }
  })
})

describe('QR login edge cases', () => {
  it('fetches a new QR code by itself when one expires, then logs in with it', async () => {
    await phone.settings({ qrTtlMs: 300 })
    try {
      const { login } = newLogin()
      const pngs: Buffer[] = []
      login.on('state', (s) => {
        if (s.kind === 'qr') pngs.push(s.png)
      })
      const done = login.run()
      // Wait for the second code: the first expired and the client fetched another by itself.
      await new Promise<void>((resolve) => {
        const on = (s: QrLoginState) => {
          if (s.kind === 'qr' && s.refreshes === 1) {
            login.off('state', on)
            resolve()
          }
        }
        login.on('state', on)
      })
      await phone.settings({ qrTtlMs: 120_000 })
      // A code issued before the TTL went back up keeps its 300 ms: on a slow machine it may lapse
      // before the phone gets to it, and the client fetches the next (which lives 120 s).
      for (let seen = 1; ; seen++) {
        while (pngs.length <= seen) await new Promise((r) => setTimeout(r, 10))
        const text = decodeQr(pngs[pngs.length - 1]!)
        expect(text).not.toBe(decodeQr(pngs[0]!))
        if ((await phone.scan(text)).status === 200 && (await phone.confirm(text)).status === 200) break
        expect(seen, 'codes issued with the restored TTL lapsed').toBeLessThan(10)
      }
      const session = await done
      expect(session.qq).toBe('2851234567')
    } finally {
      await phone.settings({ qrTtlMs: 120_000 })
    }
  })

  it('gives up after a bounded number of refreshes in the expired state', async () => {
    await phone.settings({ qrTtlMs: 100 })
    try {
      const logger = new Logger()
      const login = new QrLogin(new HttpClient(emu.profile, { logger }), logger, { pollIntervalMs: 40, maxRefreshes: 2 })
      let qrs = 0
      login.on('state', (s) => {
        if (s.kind === 'qr') qrs++
      })
      await expect(login.run()).rejects.toMatchObject({ kind: 'protocol', retcode: 65 })
      expect(login.state.kind).toBe('expired')
      expect(qrs).toBe(3)
    } finally {
      await phone.settings({ qrTtlMs: 120_000 })
    }
  })

  it('ends in the refused state when the phone refuses', async () => {
    const { login } = newLogin()
    const done = login.run()
    const qr = (await reach(login, 'qr')) as Extract<QrLoginState, { kind: 'qr' }>
    await phone.refuse(decodeQr(qr.png))
    await expect(done).rejects.toMatchObject({ kind: 'protocol', retcode: 68 })
    expect(login.state.kind).toBe('refused')
  })

  it('stops at once when cancelled, back in idle', async () => {
    const { login } = newLogin()
    const ac = new AbortController()
    const done = login.run(ac.signal)
    await reach(login, 'qr')
    ac.abort()
    await expect(done).rejects.toMatchObject({ kind: 'cancelled' })
    expect(login.state.kind).toBe('idle')
  })

  it('reports a failure, not a hang, when the server is gone', async () => {
    const gone = await withEmulator()
    await gone.stop()
    const logger = new Logger()
    const login = new QrLogin(new HttpClient(gone.profile, { logger, timeoutMs: 2000 }), logger, { pollIntervalMs: 10 })
    await expect(login.run()).rejects.toMatchObject({ kind: 'network' })
    expect(login.state).toMatchObject({ kind: 'failed', error: { kind: 'network' } })
  })
})
