import type { HostKind, QqApi } from '@contract'
import type { LinkSource } from './link'
import { mediaUrlsFor, pageToken, type MediaUrls } from './media-urls'
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
  const ws = createWebSocketBridge({ url: webSocketUrl(win.location) })
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
