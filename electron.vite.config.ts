import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'electron-vite'
import { lazyListFormats } from './vite-plugins/lazy-list-formats'

/** The modules of web mode's early socket (renderer/src/bridge/open-early.ts and what it imports). */
const EARLY_SOCKET = /\/(renderer\/src\/bridge\/(open-early|early-socket|media-urls)|electron\/ipc\/contract\/ws-protocol)\.ts$/

// Every library is a devDependency, so electron-vite bundles it (TOOLCHAIN.md item 2): the
// packaged app holds only out/ and package.json.
export default defineConfig({
  main: {
    build: {
      lib: { entry: resolve(__dirname, 'electron/main/index.ts') },
      rollupOptions: { external: ['electron', /^node:/] },
    },
    // got's HTTP/2 module, which the engine never uses (engine/http/no-http2.ts says why it is left out).
    resolve: { alias: { 'http2-wrapper': resolve(__dirname, 'electron/engine/http/no-http2.ts') } },
    plugins: [lazyListFormats],
  },
  preload: {
    build: {
      lib: { entry: resolve(__dirname, 'electron/preload/index.ts') },
      rollupOptions: { external: ['electron'] },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [vue()],
    // The renderer's one door into electron/: the IPC contract (and the app model it re-exports).
    resolve: { alias: { '@contract': resolve(__dirname, 'electron/ipc/contract') } },
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      // Less for the page to read and parse at every start (issue 13); electron-vite leaves it off.
      minify: true,
      rollupOptions: {
        input: resolve(__dirname, 'renderer/index.html'),
        // Web mode's early socket in a chunk that imports nothing, so it runs before the
        // libraries evaluate (renderer/src/bridge/early-socket.ts).
        output: { manualChunks: (id) => (EARLY_SOCKET.test(id) ? 'early-socket' : undefined) },
        // The page's first chunk without zod (issue 13): the model's and the contract's modules
        // reach it through the @contract barrel, and their top-level z.…() calls would count as
        // effects, keeping every schema. They have none of their own, and no z.…() call is made
        // in the renderer for its effect alone (zod's global config is set in main.ts by hand).
        treeshake: { moduleSideEffects: (id) => !/electron\/(model|ipc\/contract)\//.test(id), manualPureFunctions: ['z'] },
      },
    },
  },
})
