import { createRequire, enableCompileCache } from 'node:module'
import { join } from 'node:path'

/**
 * The built web host's entry (out/web/start.js, electron/web/vite.config.mts): V8's compile
 * cache is switched on before the host's bundle (out/web/host.js) loads, so a start after the
 * first reads the bundle's compiled code from disk instead of parsing and compiling it again
 * (Node keeps it in its own folder under the OS temp folder and checks it against the file).
 * The host is required by path, at run time, so that the bundler keeps it a file of its own.
 */
enableCompileCache()
createRequire(__filename)(join(__dirname, 'host.js'))
