import { constants, createHash, createPublicKey, publicEncrypt, type KeyObject } from 'node:crypto'
import { qqTeaEncrypt } from './qq-tea'

/**
 * The legacy login's password encodings (field `p`, §4.3) and the uin salt that `check`
 * hands out (§4.1). `vc` is the verify code: the `!XYZ` code from check or the captcha answer;
 * every encoding upper-cases it.
 */

const md5 = (data: Uint8Array | string): Buffer => createHash('md5').update(data).digest()
const HEX = (bytes: Buffer): string => bytes.toString('hex').toUpperCase()

const U64_LIMIT = 1n << 64n

/** The salt: the QQ number as 8 big-endian bytes. */
export function salt8(qq: string | bigint): Buffer {
  const n = typeof qq === 'bigint' ? qq : /^\d{1,20}$/.test(qq) ? BigInt(qq) : -1n
  if (n < 0n || n >= U64_LIMIT) throw new RangeError(`not a QQ number: ${String(qq)}`)
  const out = Buffer.alloc(8)
  out.writeBigUInt64BE(n)
  return out
}

/** The salt as ptui_checkVC writes it: `\x00\x00\x00\x00\x49\x96\x02\xd2`. */
export function formatSalt(salt: Uint8Array): string {
  return [...salt].map((b) => '\\x' + b.toString(16).padStart(2, '0')).join('')
}

/**
 * The 8 salt bytes from check's third argument: either the escaped text as it is on the wire,
 * or the 8 characters a JS-callback parser already made of it.
 */
export function parseSalt(text: string): Buffer {
  if (/^(\\x[0-9a-fA-F]{2}){8}$/.test(text)) return Buffer.from(text.replace(/\\x/g, ''), 'hex')
  if (text.length === 8 && [...text].every((c) => c.charCodeAt(0) <= 0xff)) return Buffer.from(text, 'latin1')
  throw new RangeError('not an 8-byte salt')
}

/** A: "triple MD5 + verify code" (≈2010–2012). */
export function encodeTripleMd5(password: string, vc: string): string {
  const h3 = HEX(md5(md5(md5(password))))
  return HEX(md5(h3 + vc.toUpperCase()))
}

/** B: "MD5 with uin salt" (≈2013; the answer to a 3-argument ptui_checkVC). */
export function encodeUinSalt(password: string, salt: Uint8Array, vc: string): string {
  const h2 = HEX(md5(Buffer.concat([md5(password), salt])))
  return HEX(md5(h2 + vc.toUpperCase()))
}

/** Tencent's ptlogin RSA public key (e = 3), hard-coded in its browser script. */
export const TENCENT_RSA_MODULUS =
  'F20CE00BAE5361F8FA3AE9CEFA495362FF7DA1BA628F64A347F0A8C012BF0B25' +
  '4A30CD92ABFFE7A6EE0DC424CB6166F8819EFA5BCCB20EDFB4AD02E412CCF579' +
  'B1CA711D55B8B0B3AEB60153D5E0693A2A86F3167D7847A0CB8B00004716A909' +
  '5D9BADC977CBB804DBDCBA6029A9710869A453F27DFDDF83C016D928B3CBF4C7'

let tencentKey: KeyObject | undefined
function tencentRsaKey(): KeyObject {
  tencentKey ??= createPublicKey({
    key: { kty: 'RSA', n: Buffer.from(TENCENT_RSA_MODULUS, 'hex').toString('base64url'), e: Buffer.from([3]).toString('base64url') },
    format: 'jwk',
  })
  return tencentKey
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16BE(n)
  return b
}

/** The TEA key of encoding C: md5(md5(password) || salt). */
export function rsaTeaKey(password: string, salt: Uint8Array): Buffer {
  return md5(Buffer.concat([md5(password), salt]))
}

/**
 * C: RSA + QQ-TEA (`pt_tea=1`, 2014 on; the answer to a 5-argument ptui_checkVC). Only the real
 * service can read it: the RSA step needs Tencent's private key. `random` feeds the TEA framing.
 */
export function encodeRsaTea(password: string, salt: Uint8Array, vc: string, random?: (n: number) => Uint8Array): string {
  const h1 = md5(password)
  const rsa = publicEncrypt({ key: tencentRsaKey(), padding: constants.RSA_PKCS1_PADDING }, h1)
  const code = Buffer.from(vc.toUpperCase(), 'utf8')
  const plain = Buffer.concat([u16(rsa.length), rsa, salt, u16(code.length), code])
  const sealed = qqTeaEncrypt(plain, rsaTeaKey(password, salt), random)
  // The browser's base64 with URL-unsafe characters swapped for ones ptlogin accepts in a query.
  return sealed.toString('base64').replace(/[/+=]/g, (c) => ({ '/': '-', '+': '*', '=': '_' })[c]!)
}
