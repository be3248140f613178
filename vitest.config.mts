import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [vue()],
  resolve: {
    // `electron` cannot be imported outside Electron: tests get a stub (TOOLCHAIN.md item 4).
    alias: { electron: resolve(import.meta.dirname, 'test/stubs/electron.ts'), '@contract': resolve(import.meta.dirname, 'electron/ipc/contract') },
  },
  test: {
    environment: 'node',
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
})
