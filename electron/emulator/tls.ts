import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import forge from 'node-forge'
import { REAL_HOSTS } from './http/router'

/**
 * A certificate authority of the emulator's own and a server certificate for every real host
 * name, so an unmodified SmartQQ client pointed here by a hosts file (and told to trust
 * `ca.crt`) talks https to it. The CA is kept in the cert folder and reused, so a user installs
 * it once.
 */

export interface TlsMaterial {
  key: string
  cert: string
  ca: string
}

const SERVER_NAMES = [...REAL_HOSTS, 'qq.com', '*.qq.com', '*.web2.qq.com', '*.ptlogin2.qq.com', '*.web.qq.com', 'localhost']

function newRsaKeys(): forge.pki.rsa.KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
  }
}

function baseCert(publicKey: forge.pki.PublicKey, years: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  // A positive serial: high bit cleared.
  cert.serialNumber = '01' + randomBytes(15).toString('hex')
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000)
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600_000)
  return cert
}

function createCa(): { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } {
  const keys = newRsaKeys()
  const cert = baseCert(keys.publicKey, 10)
  const subject = [
    { name: 'commonName', value: 'SmartQQ Emulator Local CA' },
    { name: 'organizationName', value: 'SmartQQ Emulator' },
  ]
  cert.setSubject(subject)
  cert.setIssuer(subject)
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ])
  cert.sign(keys.privateKey, forge.md.sha256.create())
  return { cert, key: keys.privateKey }
}

function createServerCert(ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }): { cert: string; key: string } {
  const keys = newRsaKeys()
  const cert = baseCert(keys.publicKey, 2)
  cert.setSubject([{ name: 'commonName', value: 'ssl.ptlogin2.qq.com' }])
  cert.setIssuer(ca.cert.subject.attributes)
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...SERVER_NAMES.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: ca.cert.generateSubjectKeyIdentifier().getBytes() },
  ])
  cert.sign(ca.key, forge.md.sha256.create())
  return { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) }
}

/** The folder's material, loaded once per process (two emulators starting together must not both write a CA). */
const loaded = new Map<string, Promise<TlsMaterial>>()

/**
 * Loads the CA and the server certificate from `dir`, creating and writing them on first use
 * (owner-only, 0600: the folder may be the app's private data folder): RSA generation is paid
 * once per folder, not at every start. A server certificate that expires within a week, was
 * issued by another CA or names other hosts is issued anew.
 */
export function loadTlsMaterial(dir: string): Promise<TlsMaterial> {
  let material = loaded.get(dir)
  if (!material) {
    material = readOrCreate(dir)
    loaded.set(dir, material)
    material.catch(() => loaded.delete(dir))
  }
  return material
}

async function readOrCreate(dir: string): Promise<TlsMaterial> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const caCertPath = join(dir, 'ca.crt')
  const caKeyPath = join(dir, 'ca.key')
  const serverCertPath = join(dir, 'server.crt')
  const serverKeyPath = join(dir, 'server.key')
  let ca: { cert: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey }
  if (existsSync(caCertPath) && existsSync(caKeyPath)) {
    ca = {
      cert: forge.pki.certificateFromPem(await readFile(caCertPath, 'utf8')),
      key: forge.pki.privateKeyFromPem(await readFile(caKeyPath, 'utf8')) as forge.pki.rsa.PrivateKey,
    }
  } else {
    ca = createCa()
    await writeFile(caKeyPath, forge.pki.privateKeyToPem(ca.key), { mode: 0o600 })
    await writeFile(caCertPath, forge.pki.certificateToPem(ca.cert), { mode: 0o600 })
  }
  const caPem = forge.pki.certificateToPem(ca.cert)
  const kept = await readServerCert(serverCertPath, serverKeyPath, ca.cert)
  if (kept) return { ...kept, ca: caPem }
  const server = createServerCert(ca)
  await writeFile(serverKeyPath, server.key, { mode: 0o600 })
  await writeFile(serverCertPath, server.cert, { mode: 0o600 })
  return { ...server, ca: caPem }
}

/** The kept server certificate and key, if they are still good for this CA and these host names. */
async function readServerCert(certPath: string, keyPath: string, ca: forge.pki.Certificate): Promise<{ cert: string; key: string } | undefined> {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined
  try {
    const [certPem, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')])
    const cert = forge.pki.certificateFromPem(certPem)
    const names = (cert.getExtension('subjectAltName') as { altNames?: Array<{ type: number; value?: string }> } | null)?.altNames
      ?.filter((n) => n.type === 2)
      .map((n) => n.value)
    const fresh = cert.validity.notAfter.getTime() > Date.now() + 7 * 24 * 3600_000
    const ours = ca.verify(cert) && JSON.stringify(names) === JSON.stringify(SERVER_NAMES)
    const paired = (cert.publicKey as forge.pki.rsa.PublicKey).n.equals((forge.pki.privateKeyFromPem(key) as forge.pki.rsa.PrivateKey).n)
    return fresh && ours && paired ? { cert: certPem, key } : undefined
  } catch {
    return undefined
  }
}
