import { X509Certificate, createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { connect } from 'node:tls'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadTlsMaterial } from '../../electron/emulator/tls'
import { OID, issueCertificate } from '../../electron/emulator/x509'
import { tempDir } from '../support/client'

/**
 * The emulator's CA and server certificate (tls.ts, x509.ts): EC P-256 keys, laid out with
 * forge's ASN.1 encoder and signed by Node. What it makes must be a certificate chain a TLS
 * client accepts, a kept server certificate that is not this CA's is issued anew (the CA stays:
 * a user installed it), and a CA kept from the RSA days still signs.
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

  it('makes EC P-256 keys for the CA and the server (no RSA generation at a first start)', async () => {
    const m = await loadTlsMaterial(join(tempDir(), 'tls'))
    for (const pem of [m.ca, m.cert]) {
      const key = new X509Certificate(pem).publicKey
      expect(key.asymmetricKeyType).toBe('ec')
      expect(key.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    }
    expect(createPrivateKey(m.key).asymmetricKeyType).toBe('ec')
  })

  it('is a chain a TLS client that trusts the CA accepts for ssl.ptlogin2.qq.com', async () => {
    const m = await loadTlsMaterial(join(tempDir(), 'tls'))
    const server = createServer({ key: m.key, cert: m.cert }, (_req, res) => res.end('ok'))
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const authorized = await new Promise<boolean>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, servername: 'ssl.ptlogin2.qq.com', ca: m.ca }, () => {
          resolve(socket.authorized)
          socket.end()
        })
        socket.on('error', reject)
      })
      expect(authorized).toBe(true)
    } finally {
      server.close()
    }
  })

  it('signs a new server certificate with a kept RSA CA (one made before the keys were EC)', async () => {
    const dir = join(tempDir(), 'tls')
    mkdirSync(dir, { recursive: true })
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const caCert = await issueCertificate({ subject: [[OID.commonName, 'SmartQQ Emulator Local CA']], publicKey: rsa.publicKey, signingKey: rsa.privateKey, years: 10, ca: true })
    writeFileSync(join(dir, 'ca.crt'), caCert)
    writeFileSync(join(dir, 'ca.key'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }))
    const m = await loadTlsMaterial(dir)
    expect(m.ca).toBe(caCert)
    const server = new X509Certificate(m.cert)
    expect(server.verify(rsa.publicKey)).toBe(true)
    expect(server.checkIssued(new X509Certificate(caCert))).toBe(true)
    expect(server.publicKey.asymmetricKeyType).toBe('ec')
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
