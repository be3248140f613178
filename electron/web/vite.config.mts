import { resolve } from 'node:path'
import { defineConfig, type EnvironmentOptions } from 'vite'
import { lazyListFormats } from '../../vite-plugins/lazy-list-formats'

const root = resolve(import.meta.dirname, '../..')
const outDir = resolve(root, 'out/web')

/** One file of Node code with every library bundled in. */
const nodeBundle = (entry: string, file: string, emptyOutDir: boolean): EnvironmentOptions => ({
  consumer: 'server',
  resolve: { noExternal: true },
  build: { ssr: resolve(root, entry), outDir, emptyOutDir, target: 'node22', rollupOptions: { output: { format: 'cjs', entryFileNames: file } } },
})

/**
 * Web mode's host built (`npm run web` runs `node out/web/start.js`): every library bundled in,
 * as electron-vite does for the Electron shell, so a start reads one file instead of resolving,
 * reading and transpiling some 700 modules through tsx. Two builds (`vite build --app`): the host,
 * index.ts and all it imports (out/web/host.js), and start.ts (out/web/start.js), which switches
 * V8's compile cache on before it loads the host. One build would make them share a chunk
 * that start.js loads first, before the switch.
 */
export default defineConfig({
  root,
  logLevel: 'warn',
  plugins: [lazyListFormats],
  // got's HTTP/2 module, which the engine never uses (no-http2.ts says why it is left out).
  resolve: { alias: { 'http2-wrapper': resolve(root, 'electron/engine/http/no-http2.ts') } },
  builder: {
    // Only these two: not the client build vite would otherwise start from an index.html.
    buildApp: async (builder) => {
      await builder.build(builder.environments.host!)
      await builder.build(builder.environments.start!)
    },
  },
  environments: {
    host: nodeBundle('electron/web/index.ts', 'host.js', true),
    start: nodeBundle('electron/web/start.ts', 'start.js', false),
  },
})
