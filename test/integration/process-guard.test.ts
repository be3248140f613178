import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { ServerFrame } from '../../electron/ipc/contract/ws-protocol'
import { eventually } from '../support/client'

/**
 * The last line (issue 8): in a real process, an exception thrown in a timer and a rejection
 * nobody handles are logged, and the backend answers the next command.
 */

let child: ChildProcess | undefined
afterAll(() => {
  child?.kill()
})

function invoke(ws: WebSocket, id: number, name: string): Promise<ServerFrame> {
  return new Promise((resolve) => {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as ServerFrame
      if (f.t === 'result' && f.id === id) resolve(f)
    })
    ws.send(JSON.stringify({ t: 'invoke', id, name, args: {} }))
  })
}

describe('process guard', () => {
  it('logs an uncaught throw in a timer and an unhandled rejection, and the backend still answers', async () => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../support/guarded-backend.ts')], { stdio: ['pipe', 'pipe', 'pipe'] })
    child = proc
    let stderr = ''
    proc.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)))
    const ready = await new Promise<{ port: number; token: string }>((resolve, reject) => {
      createInterface({ input: proc.stdout! }).once('line', (l) => resolve(JSON.parse(l) as { port: number; token: string }))
      proc.once('exit', () => reject(new Error(`backend exited: ${stderr}`)))
    })
    const origin = `http://127.0.0.1:${ready.port}`
    const ws = await new Promise<WebSocket>((resolve, reject) => {
      const s = new WebSocket(`ws://127.0.0.1:${ready.port}/ws?token=${ready.token}`, { origin })
      s.once('open', () => resolve(s))
      s.once('error', reject)
    })
    expect(await invoke(ws, 1, 'app.info')).toMatchObject({ ok: true })

    proc.stdin!.write('fault\n')
    await eventually(() => (stderr.includes('thrown in a timer') && stderr.includes('rejected, and nobody listens')) || undefined, 10_000, 'both logged')
    expect(stderr).toMatch(/uncaught exception \(kept running\): Error: thrown in a timer/)
    expect(stderr).toMatch(/unhandled rejection \(kept running\): Error: rejected, and nobody listens/)
    expect(proc.exitCode).toBeNull()
    expect(await invoke(ws, 2, 'app.info')).toMatchObject({ ok: true })
    ws.close()
    proc.kill()
    await exited
  }, 30_000)
})
