import type { QqApi } from '@contract'

declare global {
  interface Window {
    /** The preload's API (electron/preload): there in Electron, absent in web mode. */
    qq?: QqApi
  }
}
