import { X509Certificate, createPrivateKey, generateKeyPair, privateEncrypt, constants, randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type forge from 'node-forge'
import { REAL_HOSTS } from './http/router'

/**
 * A certificate authority of the emulator's own and a server certificate for every real host
 * name, so an unmodified SmartQQ client pointed here by a hosts file (and told to trust
 * `ca.crt`) talks https to it. The CA is kept in the cert folder and reused, so a user installs
 * it once.
 *
 * Node's crypto does the RSA work (key generation on its thread pool, signing, checking a kept
 * certificate); node-forge, whose big-integer arithmetic is JavaScript, only builds the
 * certificates' structure, and is loaded only when one is made (not at a start that reuses them).
 */

export interface TlsMaterial {
  key: string
  cert: string
  ca: string
}

const SERVER_NAMES = [...REAL_HOSTS, 'qq.com', '*.qq.com', '*.web2.qq.com', '*.ptlogin2.qq.com', '*.web.qq.com', 'localhost']

type Forge = typeof forge

/** An RSA key pair as PEM. */
interface Keys {
  privateKey: string
  publicKey: string
}

const generate = promisify(generateKeyPair)

/** Starts a key pair on Node's thread pool (the caller goes on: loading forge, the emulator's world). */
function newRsaKeys(): Promise<Keys> {
  return generate('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })
}

/** The DER prefix of a SHA-256 DigestInfo (RFC 8017 §9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex')

/**
 * Signs a forge certificate with a PEM private key through Node: forge hands the key its
 * SHA-256 of the certificate body, and RSASSA-PKCS1-v1_5 is the private-key operation on that
 * digest's DigestInfo with block type 1 padding — what forge's own `key.sign` does.
 */
function signWith(f: Forge, cert: forge.pki.Certificate, privateKeyPem: string): void {
  const signer = {
    sign: (md: forge.md.MessageDigest) =>
      privateEncrypt({ key: privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), 'binary')])).toString('binary'),
  }
  cert.sign(signer as unknown as forge.pki.rsa.PrivateKey, f.md.sha256.create())
}

function baseCert(f: Forge, publicKeyPem: string, years: number): forge.pki.Certificate {
  const cert = f.pki.createCertificate()
  cert.publicKey = f.pki.publicKeyFromPem(publicKeyPem)
  // A positive serial: high bit cleared.
  cert.serialNumber = '01' + randomBytes(15).toString('hex')
  cert.validity.notBefore = new Date(Date.now() - 24 * 3600_000)
  cert.validity.notAfter = new Date(Date.now() + years * 365 * 24 * 3600_000)
  return cert
}

/** A CA: its certificate and private key as PEM. */
interface Ca {
  cert: string
  key: string
}

async function createCa(f: Forge, keys: Promise<Keys>): Promise<Ca> {
  const { privateKey, publicKey } = await keys
  const cert = baseCert(f, publicKey, 10)
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
  signWith(f, cert, privateKey)
  return { cert: f.pki.certificateToPem(cert), key: privateKey }
}

async function createServerCert(f: Forge, ca: Ca, keys: Promise<Keys>): Promise<{ cert: string; key: string }> {
  const { privateKey, publicKey } = await keys
  const caCert = f.pki.certificateFromPem(ca.cert)
  const cert = baseCert(f, publicKey, 2)
  cert.setSubject([{ name: 'commonName', value: 'ssl.ptlogin2.qq.com' }])
  cert.setIssuer(caCert.subject.attributes)
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...SERVER_NAMES.map((value) => ({ type: 2, value })), { type: 7, ip: '127.0.0.1' }],
    },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ])
  signWith(f, cert, ca.key)
  return { cert: f.pki.certificateToPem(cert), key: privateKey }
}

const loadForge = async (): Promise<Forge> => (await import('node-forge')).default

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
  let ca: Ca | undefined
  if (existsSync(caCertPath) && existsSync(caKeyPath)) {
    const [cert, key] = await Promise.all([readFile(caCertPath, 'utf8'), readFile(caKeyPath, 'utf8')])
    // Handed out as written (the text a user installed); a file that is no certificate throws.
    new X509Certificate(cert)
    ca = { cert, key }
  }
  const kept = ca && (await readServerCert(serverCertPath, serverKeyPath, ca.cert))
  if (ca && kept) return { ...kept, ca: ca.cert }
  // Both key pairs at once, before forge loads: the thread pool generates them side by side,
  // while this thread loads forge (and the emulator goes on making its world).
  const serverKeys = newRsaKeys()
  const caKeys = ca ? undefined : newRsaKeys()
  // Settled by the awaits below; a failure here must not go unhandled while forge loads.
  void serverKeys.catch(() => undefined)
  void caKeys?.catch(() => undefined)
  const f = await loadForge()
  if (!ca) {
    ca = await createCa(f, caKeys!)
    await writeFile(caKeyPath, ca.key, { mode: 0o600 })
    await writeFile(caCertPath, ca.cert, { mode: 0o600 })
  }
  const server = await createServerCert(f, ca, serverKeys)
  await writeFile(serverKeyPath, server.key, { mode: 0o600 })
  await writeFile(serverCertPath, server.cert, { mode: 0o600 })
  return { ...server, ca: ca.cert }
}

/** The kept server certificate and key, if they are still good for this CA and these host names. */
async function readServerCert(certPath: string, keyPath: string, caPem: string): Promise<{ cert: string; key: string } | undefined> {
  if (!existsSync(certPath) || !existsSync(keyPath)) return undefined
  try {
    const [certPem, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')])
    const cert = new X509Certificate(certPem)
    // `DNS:a, DNS:b, IP Address:127.0.0.1`, in the certificate's order.
    const names = (cert.subjectAltName ?? '')
      .split(', ')
      .filter((n) => n.startsWith('DNS:'))
      .map((n) => n.slice(4))
    const fresh = new Date(cert.validTo).getTime() > Date.now() + 7 * 24 * 3600_000
    const ours = cert.verify(new X509Certificate(caPem).publicKey) && JSON.stringify(names) === JSON.stringify(SERVER_NAMES)
    const paired = cert.checkPrivateKey(createPrivateKey(key))
    return fresh && ours && paired ? { cert: certPem, key } : undefined
  } catch {
    return undefined
  }
}
