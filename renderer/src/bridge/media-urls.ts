import type { HostKind } from '@contract'

/** Where the page loads what the main process keeps for it (media-spec "Media URLs"). */
export interface MediaUrls {
  /** A picture in the media cache, by its sha-256. */
  mediaUrl(hash: string): string
  /** Web mode only: a received file, as a download; Electron opens and reveals files through the main process instead. */
  fileUrl?(id: string): string
}

/** The page's own `?token=`: web mode's server hands it out with the page URL and asks for it on every request (ws-protocol.ts). */
export function pageToken(loc: Pick<Location, 'search'>): string {
  return new URLSearchParams(loc.search).get('token') ?? ''
}

/**
 * Electron: the app's `qq-media:` scheme, the hash as the path (a standard scheme's host label
 * holds at most 63 characters, a sha-256 is 64). Web mode: the page's server, with its token.
 */
export function mediaUrlsFor(host: HostKind, token: string): MediaUrls {
  if (host === 'electron') return { mediaUrl: (hash) => `qq-media://m/${encodeURIComponent(hash)}` }
  const q = `?token=${encodeURIComponent(token)}`
  return {
    mediaUrl: (hash) => `/media/${encodeURIComponent(hash)}${q}`,
    fileUrl: (id) => `/files/${encodeURIComponent(id)}${q}`,
  }
}
