import { lookup as dnsLookup, type LookupAddress, type LookupOneOptions, type LookupAllOptions } from 'node:dns'
import type { ProfileKind } from '../../model'
import { publicAddressOf } from './public-address'

/**
 * Where the engine's requests go. Endpoints are written once with their real URLs (real hosts,
 * real schemes); a profile only decides which address and port a host name reaches. There is
 * no emulator-specific branch anywhere else in the engine.
 */


export interface ServerProfile {
  readonly kind: ProfileKind
  /** The URL actually requested for a canonical endpoint URL. The host name is kept (Host header, cookies). */
  target(url: URL): URL
  /** Name resolution for every request. */
  readonly dnsLookup: LookupLike | undefined
  /** Extra CA certificates to trust (an emulator's own CA for https). */
  readonly ca: string | undefined
  /**
   * Where a picture's redirect (§7.1, §7.2) may lead: the IP address to connect to for `url`, or
   * undefined when the profile does not allow that host. The caller connects to exactly this
   * address (no second lookup). http(s) only.
   */
  allowsMediaHost(url: URL): Promise<string | undefined>
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
export type LookupLike = (hostname: string, options: LookupOneOptions | LookupAllOptions | LookupCallback, callback?: LookupCallback) => void

/** The real service, as it was. Discontinued in 2019; kept correct. */
export function tencentProfile(): ServerProfile {
  return {
    kind: 'tencent',
    target: (url) => url,
    dnsLookup: undefined,
    ca: undefined,
    // The image hosts were bare public IPs: public addresses only, names resolved here.
    allowsMediaHost: async (url) => (isWebUrl(url) ? publicAddressOf(url.hostname) : undefined),
  }
}

export interface EmulatorAddress {
  /** IP address the emulator listens on. */
  address: string
  /** Its plain-HTTP port. */
  httpPort: number
  /** Its https port, when it serves TLS (then https endpoints stay https). */
  httpsPort?: number
  /** PEM of the CA that signed its certificate. */
  ca?: string
}

/**
 * An emulator: every `*.qq.com` name resolves to its address (got's dnsLookup), and each
 * request goes to its http port — or its https port for https endpoints when it has one.
 */
export function emulatorProfile(at: EmulatorAddress, kind: 'emulator' | 'custom' = 'emulator'): ServerProfile {
  const family = at.address.includes(':') ? 6 : 4
  const lookup: LookupLike = (hostname, options, callback) => {
    const cb = (typeof options === 'function' ? options : callback) as LookupCallback
    const opts = typeof options === 'function' ? {} : options
    if (!isQqHost(hostname)) {
      dnsLookup(hostname, opts as LookupAllOptions, cb as never)
      return
    }
    // Node's autoSelectFamily asks with {all:true} and wants an array (TOOLCHAIN.md item 3).
    if ((opts as LookupAllOptions).all) cb(null, [{ address: at.address, family }])
    else cb(null, at.address, family)
  }
  return {
    kind,
    target(url) {
      if (!isQqHost(url.hostname)) return url
      const out = new URL(url.href)
      if (url.protocol === 'https:' && at.httpsPort !== undefined) {
        out.port = String(at.httpsPort)
      } else {
        out.protocol = 'http:'
        out.port = String(at.httpPort)
      }
      return out
    },
    dnsLookup: lookup,
    ca: at.ca,
    // The emulator's image host is itself (its own IP literal and port in the Location), nothing else.
    allowsMediaHost: async (url) => {
      if (!isWebUrl(url)) return undefined
      const host = url.hostname.replace(/^\[(.*)\]$/, '$1')
      const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80))
      const ownPort = url.protocol === 'https:' ? at.httpsPort : at.httpPort
      return host === at.address && port === ownPort ? at.address : undefined
    },
  }
}

function isWebUrl(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
}

export function isQqHost(hostname: string): boolean {
  return hostname === 'qq.com' || hostname.endsWith('.qq.com')
}
