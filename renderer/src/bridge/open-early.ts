import { openEarlySocket, webSocketUrl } from './early-socket'

// main.ts imports this first: in web mode the socket opens before the rest of the bundle (the
// app, Vue, the views) evaluates; the bridge takes it over (early-socket.ts). Electron's
// preload provides window.qq instead.
if (!window.qq) openEarlySocket(webSocketUrl(window.location))
