import type { HostKind, QqApi } from '@contract'
import type { LinkSource } from './link'
import { mediaUrlsFor, pageToken, type MediaUrls } from './media-urls'
import { takeEarlySocket } from './early-socket'
import { createWebSocketBridge, webSocketUrl } from './websocket'

export interface AppBridge extends MediaUrls {
  api: QqApi
  /** Present in web mode only: the WebSocket's own state, for the banner and for resyncing. */
  link?: LinkSource
  host: HostKind
}

/** `window.qq` when the preload provided it, else the WebSocket bridge (web mode). */
export function chooseBridge(win: Window): AppBridge {
  if (win.qq) return { api: win.qq, host: 'electron', ...mediaUrlsFor('electron', '') }
  // Its first connection is the socket main.ts opened early, when there is one.
  const ws = createWebSocketBridge({ url: webSocketUrl(win.location), connect: (url) => takeEarlySocket(url) ?? new WebSocket(url) })
  return { api: ws, link: ws, host: 'web', ...mediaUrlsFor('web', pageToken(win.location)) }
}

let current: AppBridge | undefined

export function setBridge(bridge: AppBridge): void {
  current = bridge
}

export function useBridge(): AppBridge {
  if (!current) throw new Error('bridge not set: call setBridge() before using the stores')
  return current
}

export function useApi(): QqApi {
  return useBridge().api
}
