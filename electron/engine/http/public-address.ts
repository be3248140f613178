import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/**
 * Which addresses a picture's redirect may lead to on the real service: public ones only. The
 * image hosts were bare public IPs (§7.1: `http://103.7.29.36:80/?ver=2173&rkey=…`); a Location
 * naming this machine, the LAN or a cloud metadata address is a server (or whoever answers as it)
 * using the client to reach what it should not. BlockList also matches the IPv4-mapped IPv6 forms
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`) against the IPv4 ranges.
 */
const NOT_PUBLIC = new BlockList()
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv4')
}
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  NOT_PUBLIC.addSubnet(net, bits, 'ipv6')
}

/** Whether an IP literal is a public unicast address. Anything that is not an IP literal is not. */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip
  const family = isIP(bare)
  if (family === 0) return false
  return !NOT_PUBLIC.check(bare, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * The address to connect to for a host name or IP literal, when every address it resolves to
 * is public (one private answer among public ones is a rebinding attempt, so it refuses); the
 * caller connects to exactly that address, so a second lookup cannot answer otherwise.
 */
export async function publicAddressOf(hostname: string): Promise<string | undefined> {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname
  if (isIP(bare)) return isPublicAddress(bare) ? bare : undefined
  try {
    const all = await lookup(bare, { all: true, verbatim: true })
    if (!all.length || !all.every((a) => isPublicAddress(a.address))) return undefined
    return all[0]!.address
  } catch {
    return undefined
  }
}
