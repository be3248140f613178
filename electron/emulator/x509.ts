import { X509Certificate, createHash, randomBytes, sign, type KeyObject } from 'node:crypto'
import type forge from 'node-forge'
import type forgeAsn1 from 'node-forge/lib/asn1'

/**
 * X.509 v3 certificates (RFC 5280) for the emulator's CA and server (tls.ts), for keys of
 * either kind Node makes: node-forge's `pki` builds and signs certificates for RSA keys only,
 * so its ASN.1 encoder (loaded alone, without the rest of forge) lays out the structure and
 * Node's crypto signs it — ECDSA with SHA-256 for an EC issuer, RSASSA-PKCS1-v1_5 with SHA-256
 * for an RSA one (a CA kept from before EC keys).
 */

type Asn1 = typeof forgeAsn1
type Node = forge.asn1.Asn1

/** What a certificate says and who signs it. */
export interface CertificateRequest {
  /** The subject's name, as [attribute OID, value] in order. */
  subject: ReadonlyArray<readonly [string, string]>
  publicKey: KeyObject
  /** The issuing CA's certificate (PEM) and key; none: self-signed with `signingKey`. */
  issuerCert?: string
  signingKey: KeyObject
  years: number
  ca: boolean
  /** DNS names and IPv4 addresses the certificate is for (a server's). */
  altNames?: { dns: readonly string[]; ips: readonly string[] }
}

export const OID = {
  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
} as const

const EXT = {
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
}

/** Signature algorithms by the signing key's kind (RFC 5758 §3.2: no parameters for ECDSA; RFC 4055: NULL for RSA). */
const SIGNATURE = {
  ec: { oid: '1.2.840.10045.4.3.2', nullParams: false },
  rsa: { oid: '1.2.840.113549.1.1.11', nullParams: true },
} as const

const loadAsn1 = async (): Promise<Asn1> => (await import('node-forge/lib/asn1')).default

/** A certificate as PEM. */
export async function issueCertificate(req: CertificateRequest): Promise<string> {
  const asn1 = await loadAsn1()
  const { Class, Type } = asn1
  const bytes = (b: Buffer) => b.toString('binary')
  const der = (n: Node) => Buffer.from(asn1.toDer(n).getBytes(), 'binary')
  const seq = (...items: Node[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, items)
  const oid = (o: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(o).getBytes())
  const octets = (b: Buffer) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes(b))
  // A BIT STRING's first content byte counts the unused bits of its last byte.
  const bitString = (b: Buffer, unused = 0) => asn1.create(Class.UNIVERSAL, Type.BITSTRING, false, String.fromCharCode(unused) + bytes(b))
  const bool = (v: boolean) => asn1.create(Class.UNIVERSAL, Type.BOOLEAN, false, v ? '\xff' : '\x00')
  const time = (d: Date) =>
    // UTCTime through 2049, GeneralizedTime after (RFC 5280 §4.1.2.5).
    d.getUTCFullYear() < 2050 ? asn1.create(Class.UNIVERSAL, Type.UTCTIME, false, asn1.dateToUtcTime(d)) : asn1.create(Class.UNIVERSAL, Type.GENERALIZEDTIME, false, asn1.dateToGeneralizedTime(d))
  const name = (attrs: CertificateRequest['subject']) =>
    seq(...attrs.map(([o, v]) => asn1.create(Class.UNIVERSAL, Type.SET, true, [seq(oid(o), asn1.create(Class.UNIVERSAL, Type.UTF8, false, forgeUtf8(v)))])))
  const extension = (o: string, critical: boolean, value: Node) => seq(oid(o), ...(critical ? [bool(true)] : []), octets(der(value)))

  const spki = req.publicKey.export({ type: 'spki', format: 'der' })
  const issuer = req.issuerCert ? issuerOf(asn1, req.issuerCert) : { name: name(req.subject), keyId: keyIdentifier(asn1, spki) }
  const kind = req.signingKey.asymmetricKeyType
  if (kind !== 'ec' && kind !== 'rsa') throw new Error(`cannot sign a certificate with a ${kind} key`)
  const algorithm = seq(oid(SIGNATURE[kind].oid), ...(SIGNATURE[kind].nullParams ? [asn1.create(Class.UNIVERSAL, Type.NULL, false, '')] : []))
  // KeyUsage bits (§4.2.1.3), first bit the highest: digitalSignature (0); keyCertSign (5) and cRLSign (6).
  const keyUsage = req.ca ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0x80]), 7)
  const extensions = [
    extension(EXT.basicConstraints, req.ca, req.ca ? seq(bool(true)) : seq()),
    extension(EXT.keyUsage, true, keyUsage),
    ...(req.ca ? [] : [extension(EXT.extKeyUsage, false, seq(oid(EXT.serverAuth)))]),
    ...(req.altNames
      ? [
          extension(
            EXT.subjectAltName,
            false,
            // GeneralName (§4.2.1.6): [2] dNSName, [7] iPAddress, both implicit.
            seq(
              ...req.altNames.dns.map((d) => asn1.create(Class.CONTEXT_SPECIFIC, 2, false, d)),
              ...req.altNames.ips.map((ip) => asn1.create(Class.CONTEXT_SPECIFIC, 7, false, bytes(Buffer.from(ip.split('.').map(Number))))),
            ),
          ),
        ]
      : []),
    extension(EXT.subjectKeyIdentifier, false, octets(keyIdentifier(asn1, spki))),
    ...(req.issuerCert ? [extension(EXT.authorityKeyIdentifier, false, seq(asn1.create(Class.CONTEXT_SPECIFIC, 0, false, bytes(issuer.keyId))))] : []),
  ]
  const now = Date.now()
  const tbs = seq(
    asn1.create(Class.CONTEXT_SPECIFIC, 0, true, [asn1.create(Class.UNIVERSAL, Type.INTEGER, false, '\x02')]),
    // A positive serial: its high bit cleared.
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, bytes(Buffer.concat([Buffer.from([0x01]), randomBytes(15)]))),
    algorithm,
    issuer.name,
    seq(time(new Date(now - 24 * 3600_000)), time(new Date(now + req.years * 365 * 24 * 3600_000))),
    name(req.subject),
    asn1.fromDer(bytes(spki), { decodeBitStrings: false }),
    asn1.create(Class.CONTEXT_SPECIFIC, 3, true, [seq(...extensions)]),
  )
  const tbsDer = der(tbs)
  const signature = sign('sha256', tbsDer, req.signingKey)
  return new X509Certificate(der(seq(tbs, algorithm, bitString(signature)))).toString()
}

/** forge's strings are bytes: a UTF-8 value goes in as its encoded bytes. */
const forgeUtf8 = (v: string) => Buffer.from(v, 'utf8').toString('binary')

/**
 * A key's identifier (§4.2.1.2 method 1): the SHA-1 of its subjectPublicKey bits — what forge's
 * `generateSubjectKeyIdentifier` gave the CAs it made, so a kept CA's identifier is the same.
 */
function keyIdentifier(asn1: Asn1, spkiDer: Buffer): Buffer {
  const bits = (asn1.fromDer(spkiDer.toString('binary'), { decodeBitStrings: false }).value as Node[])[1]!.value as string
  // Past the BIT STRING's unused-bits byte.
  return createHash('sha1').update(Buffer.from(bits.slice(1), 'binary')).digest()
}

/** The issuing CA's subject (the issuer name, byte for byte) and its key identifier. */
function issuerOf(asn1: Asn1, caPem: string): { name: Node; keyId: Buffer } {
  const ca = new X509Certificate(caPem)
  const tbs = (asn1.fromDer(ca.raw.toString('binary'), { decodeBitStrings: false }).value as Node[])[0]!.value as Node[]
  // TBSCertificate (§4.1): [0] version, serial, signature, issuer, validity, subject, …
  return { name: tbs[5]!, keyId: keyIdentifier(asn1, ca.publicKey.export({ type: 'spki', format: 'der' })) }
}
