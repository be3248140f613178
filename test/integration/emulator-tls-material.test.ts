import { X509Certificate, createPrivateKey } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTlsMaterial } from '../../electron/emulator/tls'
import { tempDir } from '../support/client'

/**
 * The emulator's CA and server certificate (tls.ts): Node does the RSA work (signing with the
 * PEM key, checking a kept certificate), forge only the structure. What it makes must be a
 * certificate chain a TLS client accepts, and a kept server certificate that is not this CA's
 * is issued anew (the CA stays: a user installed it).
 */
describe('the emulator TLS material', () => {
  it('is a server certificate signed by the CA for every real host name, paired with its key; the CA is self-signed', async () => {
    const m = await loadTlsMaterial(join(tempDir(), 'tls'))
    const ca = new X509Certificate(m.ca)
    const server = new X509Certificate(m.cert)
    expect(ca.verify(ca.publicKey)).toBe(true)
    expect(ca.ca).toBe(true)
    expect(server.verify(ca.publicKey)).toBe(true)
    expect(server.checkIssued(ca)).toBe(true)
    expect(server.checkPrivateKey(createPrivateKey(m.key))).toBe(true)
    for (const host of ['ssl.ptlogin2.qq.com', 'd1.web2.qq.com', 's.web2.qq.com', 'localhost']) expect(server.checkHost(host)).toBe(host)
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1')
  })

  it('issues the server certificate anew when the kept one is another CA\'s, and keeps the CA', async () => {
    const other = join(tempDir(), 'tls')
    await loadTlsMaterial(other)
    const dir = join(tempDir(), 'tls')
    const first = await loadTlsMaterial(dir)
    // A second folder with this CA and the other CA's server certificate: a fresh process would find it so.
    const mixed = join(tempDir(), 'tls')
    mkdirSync(mixed, { recursive: true })
    for (const f of ['ca.crt', 'ca.key']) copyFileSync(join(dir, f), join(mixed, f))
    for (const f of ['server.crt', 'server.key']) copyFileSync(join(other, f), join(mixed, f))
    const again = await loadTlsMaterial(mixed)
    expect(again.ca).toBe(first.ca)
    expect(again.cert).not.toBe(readFileSync(join(other, 'server.crt'), 'utf8'))
    expect(new X509Certificate(again.cert).verify(new X509Certificate(first.ca).publicKey)).toBe(true)
    expect(readFileSync(join(mixed, 'server.crt'), 'utf8')).toBe(again.cert)
  })

  it('reuses a kept server certificate that is still good', async () => {
    const dir = join(tempDir(), 'tls')
    const first = await loadTlsMaterial(dir)
    // Another folder with the same files: loadTlsMaterial remembers folders, a new process would not.
    const copy = join(tempDir(), 'tls')
    mkdirSync(copy, { recursive: true })
    for (const f of ['ca.crt', 'ca.key', 'server.crt', 'server.key']) copyFileSync(join(dir, f), join(copy, f))
    expect(await loadTlsMaterial(copy)).toEqual(first)
  })
})
