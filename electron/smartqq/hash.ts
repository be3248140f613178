/**
 * The small hash functions of the ptlogin / web2 protocol (SMARTQQ-PROTOCOL §3.3, §3.11, §5.1, §10).
 * All share the recurrence h = 33·h + c (mod 2^32) over UTF-16 code units.
 */

function times33(s: string, seed: number): number {
  let h = seed >>> 0
  for (let i = 0; i < s.length; i++) {
    // Math.imul keeps the product in 32 bits; >>> 0 makes it unsigned again.
    h = (Math.imul(h, 33) + s.charCodeAt(i)) >>> 0
  }
  return h
}

/** `ptqrtoken` = hash33(qrsig): starts at 0, keeps 31 bits. */
export function hash33(s: string): number {
  return times33(s, 0) & 0x7fffffff
}

/** `pt4_auth?auth_token=` and logout's `pt4_hkey`: starts at 0, keeps all 32 bits. */
export function time33(s: string): number {
  return times33(s, 0)
}

/** g_tk / bkn CSRF token of qq.com web APIs: starts at 5381, keeps 31 bits. */
export function gTk(skey: string): number {
  return times33(skey, 5381) & 0x7fffffff
}

/**
 * The `hash` parameter of get_user_friends2 / get_group_name_list_mask2, the final variant
 * SmartQQ used from 2015 to the end (§5.1 "H_final").
 * selfUin may be a number or a decimal string (uins can exceed 2^53 in theory; only the
 * low 32 bits matter here).
 */
export function friendHash(selfUin: number | string | bigint, ptwebqq: string): string {
  const n = [0, 0, 0, 0]
  for (let i = 0; i < ptwebqq.length; i++) n[i % 4]! ^= ptwebqq.charCodeAt(i)
  const u = Number(BigInt(selfUin) & 0xffffffffn)
  const salt = [0x45, 0x43, 0x4f, 0x4b] // "ECOK"
  const v = [(u >>> 24) & 0xff, (u >>> 16) & 0xff, (u >>> 8) & 0xff, u & 0xff].map((b, i) => b ^ salt[i]!)
  const bytes = [n[0]!, v[0]!, n[1]!, v[1]!, n[2]!, v[2]!, n[3]!, v[3]!]
  return bytes.map((b) => (b & 0xff).toString(16).toUpperCase().padStart(2, '0')).join('')
}
