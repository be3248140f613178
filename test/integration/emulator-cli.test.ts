import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { request } from 'node:https'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDir } from '../support/client'
import { exited, spawnCli, startCli as startCliProcess, stopCli } from '../support/emulator-cli'

const children: ChildProcess[] = []
afterEach(async () => {
  await Promise.all(children.splice(0).map(stopCli))
})

/** Starts the CLI (stopped after the test) and resolves with its one-line banner. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; line: string }> {
  const run = await startCliProcess(args)
  children.push(run.child)
  return run
}

describe('emulator CLI', () => {
  it('prints the URL it listens on and the phone page with its secret, serves it and stops cleanly on SIGTERM', async () => {
    const { child, line } = await startCli(['--port', '0', '--seed', '5'])
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]
    expect(url).toBeDefined()
    const phoneUrl = / phone: (\S+)/.exec(line)?.[1]
    expect(phoneUrl).toMatch(new RegExp(`^${url}/phone\\?secret=[\\w-]{32}$`))
    const page = await fetch(phoneUrl!)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('模拟手机')
    expect((await fetch(`${url}/phone`)).status).toBe(403)
    const secret = new URL(phoneUrl!).searchParams.get('secret')!
    expect(line).toContain(`control API: header x-emulator-secret: ${secret}`)
    expect((await fetch(`${url}/control/state`, { headers: { 'x-emulator-secret': secret } })).status).toBe(200)
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
  })

  it('rejects a bad option with a usage message and status 2', async () => {
    const child = spawnCli(['--era', '1999'])
    children.push(child)
    let err = ''
    child.stderr!.on('data', (d: Buffer) => (err += d))
    expect(await exited(child)).toBe(2)
    expect(err).toContain('--era must be one of')
  })

  it('--tls serves https for the real host names with a certificate that verifies against the written CA', async () => {
    const dir = tempDir()
    const { child, line } = await startCli(['--tls', '--http-port', '0', '--https-port', '0', '--cert-dir', dir])
    const httpsPort = Number(/https:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1])
    expect(httpsPort).toBeGreaterThan(0)
    expect(line).toContain(join(dir, 'ca.crt'))
    const ca = readFileSync(join(dir, 'ca.crt'), 'utf8')
    const get = (opts: { ca?: string; servername: string }) =>
      new Promise<number>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: httpsPort, path: '/ptqrshow?appid=501004106', servername: opts.servername, headers: { host: opts.servername }, ca: opts.ca },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        req.end()
      })
    expect(await get({ ca, servername: 'ssl.ptlogin2.qq.com' })).toBe(200)
    await expect(get({ servername: 'ssl.ptlogin2.qq.com' })).rejects.toThrow(/self.signed|unable to verify|certificate/i)
    await expect(get({ ca, servername: 'example.com' })).rejects.toThrow(/altnames|does not match/i)
    child.kill('SIGTERM')
    expect(await exited(child)).toBe(0)
  })
})
