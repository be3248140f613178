import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const NODE_BUILTINS = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'stream', 'url', 'util', 'events']

/** DESIGN.md boundaries, enforced: a crossing fails the lint step of `npm test`. */
const boundaries = [
  {
    files: ['electron/engine/**/*.ts', 'electron/emulator/**/*.ts', 'electron/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'engine, emulator and protocol never import electron (DESIGN.md)' }] }],
    },
  },
  {
    files: ['electron/emulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the emulator never imports electron (DESIGN.md)' }],
          patterns: [{ group: ['**/engine', '**/engine/**'], message: 'the emulator never imports the engine (DESIGN.md)' }],
        },
      ],
    },
  },
  {
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the engine never imports electron (DESIGN.md)' }],
          patterns: [{ group: ['**/emulator', '**/emulator/**'], message: 'the engine never imports the emulator' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'the renderer never imports electron (DESIGN.md)' }],
          patterns: [
            { group: NODE_BUILTINS, message: 'the renderer never imports Node (DESIGN.md)' },
            {
              // gitignore semantics: a path under an excluded folder cannot be re-included, so
              // exclude level by level and re-include the allowed folders on the way down.
              group: ['**/electron/*', '!**/electron/ipc', '!**/electron/protocol', '**/electron/ipc/*', '**/electron/protocol/*', '!**/electron/ipc/contract', '!**/electron/protocol/faces'],
              message: 'the renderer only imports the IPC contract and the face table from electron/',
            },
          ],
        },
      ],
    },
  },
]

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
