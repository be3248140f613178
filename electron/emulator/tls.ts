import { X509Certificate, createPrivateKey, generateKeyPair, type KeyObject } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { REAL_HOSTS } from './http/router'
import { OID, issueCertificate } from './x509'

/**
 * A certificate authority of the emulator's own and a server certificate for every real host
 * name, so an unmodified SmartQQ client pointed here by a hosts file (and told to trust
 * `ca.crt`) talks https to it. The CA is kept in the cert folder and reused, so a user installs
 * it once.
 *
 * The keys are EC P-256 (a first start made two RSA-2048 keys: 0.1–0.7 s of CPU, on the
 * cores the page loading beside it needed); x509.ts lays the certificates out and Node signs
 * them. A CA kept from before, an RSA one, goes on signing new server certificates.
 */

export interface TlsMaterial {
  key: string
  cert: string
  ca: string
}

const SERVER_NAMES = [...REAL_HOSTS, 'qq.com', '*.qq.com', '*.web2.qq.com', '*.ptlogin2.qq.com', '*.web.qq.com', 'localhost']

const generate = promisify(generateKeyPair)

const newKeys = (): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> => generate('ec', { namedCurve: 'P-256' })

const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string

/** A CA: its certificate and private key as PEM. */
interface Ca {
  cert: string
  key: string
}

async function createCa(): Promise<Ca> {
  const { privateKey, publicKey } = await newKeys()
  const cert = await issueCertificate({
    subject: [
      [OID.commonName, 'SmartQQ Emulator Local CA'],
      [OID.organizationName, 'SmartQQ Emulator'],
    ],
    publicKey,
    signingKey: privateKey,
    years: 10,
    ca: true,
  })
  return { cert, key: pem(privateKey) }
}

async function createServerCert(ca: Ca): Promise<{ cert: string; key: string }> {
  const { privateKey, publicKey } = await newKeys()
  const cert = await issueCertificate({
    subject: [[OID.commonName, 'ssl.ptlogin2.qq.com']],
    publicKey,
    issuerCert: ca.cert,
    signingKey: createPrivateKey(ca.key),
    years: 2,
    ca: false,
    altNames: { dns: SERVER_NAMES, ips: ['127.0.0.1'] },
  })
  return { cert, key: pem(privateKey) }
}

/** The performance mark set when a folder's material is ready (read, or made on a first start): web mode's startup timeline shows it. */
export const TLS_MATERIAL_READY = 'emulator TLS material ready'

/** The folder's material, loaded once per process (two emulators starting together must not both write a CA). */
const loaded = new Map<string, Promise<TlsMaterial>>()

/**
 * Loads the CA and the server certificate from `dir`, creating and writing them on first use
 * (owner-only, 0600: the folder may be the app's private data folder). A server certificate that expires within a week, was
 * issued by another CA or names other hosts is issued anew.
 */
export function loadTlsMaterial(dir: string): Promise<TlsMaterial> {
  let material = loaded.get(dir)
  if (!material) {
    material = readOrCreate(dir).then((m) => {
      performance.mark(TLS_MATERIAL_READY)
      return m
    })
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
  if (!ca) {
    ca = await createCa()
    await writeFile(caKeyPath, ca.key, { mode: 0o600 })
    await writeFile(caCertPath, ca.cert, { mode: 0o600 })
  }
  const server = await createServerCert(ca)
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
