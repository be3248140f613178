#!/usr/bin/env node
// `npm start`: build, then the desktop app (Electron) where it can run, else the same app in
// web mode, so `npm install && npm start` gives a working client on every machine. Electron 45
// downloads its binary on first use, as `electron .` would: this launcher does the same where
// a display can show it, bounded in time, and falls back to web mode when the download cannot
// happen (a closed network) or there is no display (Linux and the BSDs without X11 or Wayland).
// This file imports no Electron: node_modules/electron/index.js would start that download
// unbounded.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
/** An Electron that dies within this long of starting did not start: web mode takes over. */
const STARTUP_MS = 4000
/** The first start's download of Electron's binary (about 100 MB) gives up after this long. */
const DOWNLOAD_MS = 10 * 60_000
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

/**
 * Where Electron's binary is, found as node_modules/electron/index.js finds it (path.txt names
 * it inside dist/, or inside ELECTRON_OVERRIDE_DIST_PATH), without its download; undefined when
 * it is not there.
 */
export function electronBinary(electronDir, env = process.env) {
  const pathFile = join(electronDir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, name || 'electron') : name && join(electronDir, 'dist', name)
  return binary && existsSync(binary) ? binary : undefined
}

/**
 * Electron or web mode, and why not Electron. Pure: the binary's path (or undefined), the
 * platform, the environment.
 */
export function chooseMode({ binary, platform, env }) {
  const needsDisplay = platform !== 'win32' && platform !== 'darwin'
  if (needsDisplay && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { mode: 'web', reason: 'there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' }
  // Not downloaded yet: the first start fetches it, as `electron .` does.
  if (!binary) return { mode: 'download' }
  return { mode: 'electron', binary }
}

/**
 * Electron's own first-use download (node_modules/electron/install.js), bounded in time.
 * Resolves `{ ok: true }`, or `{ ok: false, error }` with its first error line.
 */
export function downloadElectron(installScript, { timeoutMs = DOWNLOAD_MS } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], { cwd: dirname(installScript), stdio: ['ignore', 'ignore', 'pipe'] })
    const err = []
    child.stderr.on('data', (c) => err.push(c))
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs)
    const settle = (ok, error) => {
      clearTimeout(timer)
      resolve(ok ? { ok: true } : { ok: false, error: error ?? firstLine(Buffer.concat(err).toString('utf8')) ?? 'the download failed' })
    }
    child.on('error', (e) => settle(false, e.message))
    child.on('close', (code, signal) => settle(code === 0, signal ? `no answer within ${Math.ceil(timeoutMs / 1000)} s` : undefined))
  })
}

/**
 * Runs Electron on the app. Its error output is held back for the first moments: if it dies
 * then, with an error, it resolves `{ started: false, error }` (its first line) and nothing of
 * its stack trace reaches the terminal; once it is up, it resolves with its exit code when the
 * user quits.
 */
export function runElectron(binary, args, { cwd = ROOT, startupMs = STARTUP_MS } = {}) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { ...ownGroup('pipe'), cwd })
    const held = []
    let starting = true
    const timer = setTimeout(() => {
      starting = false
      for (const chunk of held) process.stderr.write(chunk)
    }, startupMs)
    child.stderr.on('data', (chunk) => (starting ? held.push(chunk) : process.stderr.write(chunk)))
    forwardSignals(child)
    let done = false
    const settle = (code, error) => {
      if (done) return
      done = true
      clearTimeout(timer)
      if (starting && (code !== 0 || error)) resolve({ started: false, error: error ?? firstLine(Buffer.concat(held).toString('utf8')) ?? `exit code ${code}` })
      else {
        if (starting) for (const chunk of held) process.stderr.write(chunk)
        resolve({ started: true, code: code ?? 1 })
      }
    }
    child.on('error', (err) => settle(1, err.message))
    child.on('close', (code, signal) => settle(signal ? 1 : code))
  })
}

/** Web mode as `npm run web` runs it: the host built into out/web (one bundle, started with V8's compile cache). */
function runWeb(args) {
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--app', '-c', join('electron', 'web', 'vite.config.mts')], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) return Promise.resolve(build.status ?? 1)
  const child = spawn(process.execPath, [join('out', 'web', 'start.js'), ...args], ownGroup('inherit'))
  forwardSignals(child)
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1))))
}

/**
 * Ctrl-C or a kill of this process stops what it started, once: the child runs in its own
 * process group, so a terminal's Ctrl-C (which npm relays as well) reaches it only through here,
 * and its own graceful stop is not cut short by a second signal.
 */
function forwardSignals(child) {
  let forwarded = false
  const forward = (signal) => {
    if (forwarded) return
    forwarded = true
    child.kill(signal)
  }
  // This process ending any other way takes the child along.
  const takeAlong = () => child.kill('SIGTERM')
  for (const signal of SIGNALS) process.on(signal, forward)
  process.on('exit', takeAlong)
  child.once('exit', () => {
    for (const signal of SIGNALS) process.off(signal, forward)
    process.off('exit', takeAlong)
  })
}

/** Spawn options for a child that gets its signals from `forwardSignals` only. */
function ownGroup(stderr) {
  return { cwd: ROOT, stdio: ['ignore', 'inherit', stderr], detached: process.platform !== 'win32' }
}

function firstLine(text) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean)
}

async function main() {
  const args = process.argv.slice(2)
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit' })
  if (build.status !== 0) process.exit(build.status ?? 1)

  const electronDir = join(ROOT, 'node_modules', 'electron')
  let choice = chooseMode({ binary: electronBinary(electronDir), platform: process.platform, env: process.env })
  if (choice.mode === 'download') {
    console.log("Downloading Electron's binary (first start, about 100 MB)…")
    const got = await downloadElectron(join(electronDir, 'install.js'))
    const binary = got.ok ? electronBinary(electronDir) : undefined
    choice = binary ? { mode: 'electron', binary } : { mode: 'web', reason: `its binary could not be downloaded (${got.ok ? 'nothing was installed' : got.error})` }
  }
  if (choice.mode === 'electron') {
    const run = await runElectron(choice.binary, ['.', ...args])
    if (run.started) process.exit(run.code)
    console.log(`Electron could not start (${run.error}): starting web mode instead.`)
  } else {
    console.log(`Electron cannot run here: ${choice.reason}. Starting web mode instead.`)
  }
  process.exit(await runWeb(args))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
