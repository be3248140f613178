import { randomBytes, randomInt } from 'node:crypto'

/**
 * Secrets minted in the formats the real service used (§2.5, §3.9). Secrets come from the
 * system CSPRNG, not the seeded generator: a restarted emulator must never re-issue the
 * tokens of a session a client saved before the restart.
 */

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const QRSIG_ALPHABET = ALNUM + '*_-'

function pick(alphabet: string, n: number): string {
  let s = ''
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)]
  return s
}

export const hex = (bytes: number) => randomBytes(bytes).toString('hex')
/** qrsig: about 64 chars of [A-Za-z0-9*_-]. */
export const newQrsig = () => pick(QRSIG_ALPHABET, 64)
/** skey: `@` + 9 alphanumerics. */
export const newSkey = () => '@' + pick(ALNUM, 9)
/** ptwebqq: 64 lowercase hex. */
export const newPtwebqq = () => hex(32)
/** vfwebqq: 80 lowercase hex. */
export const newVfwebqq = () => hex(40)
/** p_skey / pt4_token: 44 chars ending in `_`. */
export const newWeb2Token = () => pick(ALNUM + '-*', 43) + '_'
/** ptsigx of the check_sig URL: 128 hex. */
export const newPtsigx = () => hex(64)
export const newSupertoken = () => String(randomInt(100000000, 2147483647))
export const newSuperkey = () => pick(ALNUM + '-*_', 44)
/** The parenthesised request serial in ptuiCB messages. */
export const newSerial = () => String(randomInt(100000000, 4294967295))

/**
 * psessionid: hex of an Erlang external term {Pid, SelfUin, Skey, VfBytes} (§3.9). Its last
 * 40 bytes are the vfwebqq that login2 returns, which clients must NOT use.
 */
export function newPsessionid(selfQq: string, skey: string): { psessionid: string; login2Vfwebqq: string } {
  const node = Buffer.from('connserver_webqq@10.0.0.1', 'latin1')
  const pid = Buffer.concat([
    Buffer.from([0x67, 0x64]),
    u16(node.length),
    node,
    randomBytes(4),
    randomBytes(4),
    Buffer.from([0x02]),
  ])
  const uinBytes = bigintLe(BigInt(selfQq))
  const uin = Buffer.concat([Buffer.from([0x6e, uinBytes.length, 0x00]), uinBytes])
  const skeyBin = Buffer.concat([Buffer.from([0x6d]), u32(skey.length), Buffer.from(skey, 'latin1')])
  const vf = randomBytes(40)
  const vfBin = Buffer.concat([Buffer.from([0x6d]), u32(40), vf])
  const term = Buffer.concat([Buffer.from([0x83, 0x68, 0x04]), pid, uin, skeyBin, vfBin])
  return { psessionid: term.toString('hex'), login2Vfwebqq: vf.toString('hex') }
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16BE(n)
  return b
}
function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n)
  return b
}
function bigintLe(n: bigint): Buffer {
  const out: number[] = []
  while (n > 0n) {
    out.push(Number(n & 0xffn))
    n >>= 8n
  }
  return Buffer.from(out.length ? out : [0])
}
