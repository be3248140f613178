#!/usr/bin/env node
// `npm test`: type-check, lint, build, unit + integration tests (vitest), end-to-end tests
// (Playwright + Chromium on web mode). Every step runs even if an earlier one failed, so one
// run shows everything; the last line is the total: `N passed, N failed[, N skipped]`.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'

const [major, minor] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Node ${process.versions.node} is too old: this project needs Node >= 22.12 (see README).`)
  console.log('0 passed, 1 failed')
  process.exit(1)
}

const only = process.argv.slice(2)
let passed = 0
let failed = 0
let skipped = 0

function run(name, cmd, args) {
  if (only.length && !only.includes(name)) return false
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' })
  return r.status === 0
}

function step(name, cmd, args) {
  if (only.length && !only.includes(name)) return
  if (run(name, cmd, args)) passed++
  else {
    failed++
    console.log(`=== ${name}: FAILED`)
  }
}

/** Runs a vitest config and counts its tests from the JSON report. */
function vitest(name, config, report) {
  if (only.length && !only.includes(name)) return
  rmSync(report, { force: true })
  const ok = run(name, 'npx', ['vitest', 'run', '--config', config, '--outputFile.json=' + report])
  if (!existsSync(report)) {
    failed++
    console.log(`=== ${name}: no report (${ok ? 'no tests?' : 'crashed'})`)
    return
  }
  const r = JSON.parse(readFileSync(report, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0)
  skipped += r.numPendingTests + r.numTodoTests
  if (!ok && r.numFailedTests === 0 && !r.numFailedTestSuites) failed++
  console.log(`=== ${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)
}

step('typecheck-node', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.node.json'])
step('typecheck-web', 'npx', ['vue-tsc', '--noEmit', '-p', 'tsconfig.web.json'])
step('lint', 'npx', ['eslint', '--max-warnings', '0', '.'])
step('build', 'npx', ['electron-vite', 'build'])
vitest('unit', 'vitest.config.mts', 'test-results/vitest.json')
if (existsSync('vitest.e2e.config.mts')) vitest('e2e', 'vitest.e2e.config.mts', 'test-results/e2e.json')

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed ? 1 : 0)
