import { afterAll, describe, expect, it } from 'vitest'
import { startCli, stopCli } from '../support/emulator-cli'

/** `npm run emulator -- --login-ttl S` shortens the ptlogin session's lifetime (two days by default) for a test run. */

const { child, line: banner } = await startCli(['--port', '0', '--login-ttl', '90'])
afterAll(() => stopCli(child))

describe('emulator CLI --login-ttl', () => {
  it('sets the ptlogin lifetime in seconds, as the control API reports it', async () => {
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]
    const secret = /x-emulator-secret: (\S+)/.exec(banner)![1]!
    const state = (await (await fetch(`${url}/control/state`, { headers: { 'x-emulator-secret': secret } })).json()) as { settings: { ptloginTtlMs: number } }
    expect(state.settings.ptloginTtlMs).toBe(90_000)
  })
})
