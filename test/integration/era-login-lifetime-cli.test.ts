import { spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

/** `npm run emulator -- --login-ttl S` shortens the ptlogin session's lifetime (two days by default) for a test run. */

const child = spawn(resolve('node_modules/.bin/tsx'), ['electron/emulator/cli.ts', '--port', '0', '--login-ttl', '90'], { stdio: ['ignore', 'pipe', 'pipe'] })
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL')
})
const banner = await new Promise<string>((done, fail) => {
  let out = ''
  child.stdout.on('data', (d: Buffer) => {
    out += d
    if (out.includes('\n')) done(out.slice(0, out.indexOf('\n')))
  })
  child.once('exit', (code) => fail(new Error(`emulator exited ${code}`)))
})

describe('emulator CLI --login-ttl', () => {
  it('sets the ptlogin lifetime in seconds, as the control API reports it', async () => {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]
    const secret = /x-emulator-secret: (\S+)/.exec(banner)![1]!
    const state = (await (await fetch(`${url}/control/state`, { headers: { 'x-emulator-secret': secret } })).json()) as { settings: { ptloginTtlMs: number } }
    expect(state.settings.ptloginTtlMs).toBe(90_000)
  })
})
