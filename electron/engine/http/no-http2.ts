/**
 * What the hosts' bundles (web mode's electron/web/vite.config.mts, the Electron main process's
 * electron.vite.config.ts) have for got's http2-wrapper: both alias it here. The
 * engine never asks got for HTTP/2 (no request sets `http2`: SmartQQ's servers speak HTTP/1.1),
 * and the real module cost every start ~25–35 ms of CPU before the web server listened: it
 * requires node:http2 and, as it loads, makes a TLSSocket, and with it a secure context holding
 * the root certificates. got reaches it only for an `http2` request
 * (createNativeRequestOptions, getFallbackRequestFunction), which fails here with this error.
 */
function unavailable(): never {
  throw new Error("HTTP/2 is not in this build: the engine's requests are HTTP/1.1")
}

export default {
  get auto(): never {
    return unavailable()
  },
  get globalAgent(): never {
    return unavailable()
  },
}
