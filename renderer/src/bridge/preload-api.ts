import type { QqApi } from '@contract'

/** The preload's `window.qq`, when this page runs in Electron; read only when asked. */
export function electronApi(win: Window): QqApi | undefined {
  const qq = (win as Window & { qq?: Partial<QqApi> }).qq
  return qq && typeof qq.invoke === 'function' && typeof qq.on === 'function' ? (qq as QqApi) : undefined
}
