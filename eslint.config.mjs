import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Node's modules by their bare names (exact matches: `./events` is not `events`) and every `node:` one. */
const NODE_NAMES = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'events', 'zlib', 'dns']

/**
 * The architecture's arrows (README "How it is built"), enforced: an import that crosses one
 * fails the lint step of `npm test`. Each folder lists what it must not import; anything else
 * inside electron/ is allowed.
 */
const ELECTRON = { name: 'electron', message: 'only electron/main and electron/preload import electron (DESIGN.md)' }
const folder = (name) => [`**/${name}`, `**/${name}/**`]
const never = (folders, why) => ({ group: folders.flatMap(folder), message: why })
const nodeNames = (message) => NODE_NAMES.map((name) => ({ name, message }))
const nodeScheme = (message) => ({ group: ['node:*'], message })
const PURE = 'pure code: no Node APIs (it runs in the renderer too)'

const arrows = [
  // The app model and the IPC contract are pure: the renderer runs them.
  ['electron/model/**/*.ts', [ELECTRON, ...nodeNames(PURE)], [nodeScheme(PURE), { group: ['../*', '../**'], message: 'the model stands alone (zod only)' }]],
  ['electron/ipc/contract/**/*.ts', [ELECTRON, ...nodeNames(PURE)], [nodeScheme(PURE), never(['engine', 'emulator', 'backend', 'main', 'web', 'preload', 'smartqq'], 'the contract speaks only of the model')]],
  ['electron/smartqq/**/*.ts', [ELECTRON], [never(['engine', 'emulator', 'backend', 'ipc', 'main', 'web', 'preload'], 'shared protocol pieces depend on nothing but the model')]],
  ['electron/engine/**/*.ts', [ELECTRON], [never(['emulator', 'backend', 'ipc', 'main', 'web', 'preload'], 'the engine depends on the model and smartqq only (it never sees IPC, the emulator or a host)')]],
  ['electron/emulator/**/*.ts', [ELECTRON], [never(['engine', 'backend', 'ipc', 'main', 'web', 'preload'], 'the emulator is a server of its own: never the engine, the backend or a host')]],
  ['electron/ipc/*.ts', [ELECTRON], [never(['engine', 'emulator', 'backend', 'main', 'web', 'preload'], 'the transports are generic over the contract')]],
  ['electron/backend/**/*.ts', [ELECTRON], [never(['emulator', 'main', 'web', 'preload'], 'the backend is host-neutral: hosts pass the emulator in (ports.ts)')]],
  ['electron/web/**/*.ts', [ELECTRON], [never(['main', 'preload'], 'web mode is a host of its own')]],
  ['electron/main/**/*.ts', [], [never(['web', 'preload'], 'the Electron shell does not import the other host or the preload')]],
  ['electron/preload/**/*.ts', [], [never(['engine', 'emulator', 'backend', 'main', 'web', 'smartqq', 'model'], 'the preload knows the contract only')]],
  [['renderer/**/*.ts', 'renderer/**/*.vue'], [{ name: 'electron', message: 'the renderer never imports electron (DESIGN.md)' }, ...nodeNames('the renderer never imports Node (DESIGN.md)')], [
    nodeScheme('the renderer never imports Node (DESIGN.md)'),
    { group: ['**/electron', '**/electron/**'], message: "the renderer reaches electron/ only through '@contract'" },
  ]],
]

const boundaries = arrows.map(([files, paths, patterns]) => ({
  files: Array.isArray(files) ? files : [files],
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
}))

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.tools/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...boundaries,
)
