import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { Socket } from 'node:net'
import tls, { type TLSSocket } from 'node:tls'
import { describe, expect, it, vi } from 'vitest'
import { ContactService } from '../../electron/engine/contacts/contact-service'
import { HttpClient } from '../../electron/engine/http/client'
import { Logger } from '../../electron/engine/log'
import { QrLogin } from '../../electron/engine/login/qr-login'
import { duringEmulator, decodeQr } from '../support/emulator'

/**
 * Issue 13: the warm-up sends self info and the three lists to s.web2 at once, each on its own
 * connection (no pipelining). Those connections are opened while the user confirms on the
 * phone, so no TLS handshake sits between login2 and the lists. Against a fresh emulator (its
 * own ports: no connection of another test can be reused).
 */

/** New TLS connections by host name while `use` runs (diagnostics_channel, as bench contacts-remote counts them). */
async function tlsConnections<T>(use: () => Promise<T>): Promise<{ out: T; hosts: string[] }> {
  const hosts: string[] = []
  const on = (msg: unknown) => {
    const socket = (msg as { socket: Socket }).socket
    if ((socket as TLSSocket).encrypted) socket.once('secureConnect', () => hosts.push((socket as TLSSocket & { servername?: string }).servername ?? '?'))
  }
  subscribe('net.client.socket', on)
  try {
    return { out: await use(), hosts }
  } finally {
    unsubscribe('net.client.socket', on)
  }
}

describe('the warm-up’s connections', () => {
  it('are opened while the user confirms on the phone: the lists need no TLS handshake after login2', async () => {
    await duringEmulator({ seed: 5, chatter: false }, async (emu, phone) => {
      const logger = new Logger()
      const http = new HttpClient(emu.profile, { logger })
      const login = new QrLogin(http, logger, { pollIntervalMs: 20 })
      let code = ''
      login.on('state', (s) => {
        if (s.kind === 'qr') void phone.scan((code = decodeQr(s.png)))
        // A person reads the phone and taps confirm a moment after the scan.
        if (s.kind === 'scanned') setTimeout(() => void phone.confirm(code), 400)
      })
      const before = await tlsConnections(() => login.run())
      expect(before.hosts.filter((h) => h === 's.web2.qq.com').length, 'the login opened s.web2 connections').toBeGreaterThanOrEqual(4)
      const during = await tlsConnections(() => new ContactService(before.out, logger).load())
      expect(during.out.failures).toEqual([])
      expect(during.out.friends.length).toBeGreaterThan(0)
      expect(during.hosts).toEqual([])
    })
  })

  it('share one TLS context: a login and its lists open several connections and build no context for any', async () => {
    await duringEmulator({ seed: 6, chatter: false }, async (emu, phone) => {
      const logger = new Logger()
      const http = new HttpClient(emu.profile, { logger })
      const login = new QrLogin(http, logger, { pollIntervalMs: 20 })
      login.on('state', (s) => {
        if (s.kind === 'qr') {
          const code = decodeQr(s.png)
          void phone.scan(code).then(() => phone.confirm(code))
        }
      })
      // Node's TLS sockets call the module's createSecureContext when they are given no context.
      const contexts = vi.spyOn(tls, 'createSecureContext')
      try {
        const { hosts } = await tlsConnections(async () => new ContactService(await login.run(), logger).load())
        expect(hosts.length).toBeGreaterThanOrEqual(5)
        expect(contexts).not.toHaveBeenCalled()
      } finally {
        contexts.mockRestore()
      }
    })
  })
})
