import { connect } from 'node:net'
import { describe, expect, it } from 'vitest'
import { useEmulator } from '../support/use-emulator'

/**
 * The emulator's HTTP edge under hostile bytes, over raw sockets (fetch and node:http would
 * refuse to send them): a malformed Host header, request target or request line answers 400,
 * and the process, which is the desktop app's when the emulator is embedded, carries on.
 */

const { emu } = await useEmulator()

/** Writes raw request bytes and resolves with everything the server sent before it closed. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // Not half-closed: the server closes once it answered (Connection: close, HTTP/1.0, or a 400).
    const socket = connect(emu.port, '127.0.0.1', () => socket.write(request))
    let answer = ''
    socket.setEncoding('latin1')
    socket.on('data', (d: string) => (answer += d))
    socket.on('close', () => resolve(answer))
    socket.on('error', reject)
  })
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1])
const get = (target: string, host: string) => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`

describe('the emulator HTTP edge', () => {
  it.each([
    ['a Host with a space', get('/phone', 'a b')],
    ['a Host that opens an IPv6 literal', get('/phone', '[')],
    ['a Host with a bad IPv6 literal', get('/phone', '[zz]:80')],
    ['a Host with a path', get('/control/state', '127.0.0.1/control')],
    ['a Host with user info', get('/phone', 'evil@127.0.0.1')],
    ['a Host with a port out of range', get('/phone', '127.0.0.1:99999')],
    ['no Host at all', 'GET /phone HTTP/1.0\r\n\r\n'],
    ['the asterisk target', get('*', '127.0.0.1')],
    ['an absolute target with no host', get('http://', '127.0.0.1')],
    ['an absolute target with a bad host', get('http://[/phone', '127.0.0.1')],
    ['a request line with a space in its target', 'GET /ph one HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
  ])('answers 400 to %s, and a normal request still works after it', async (_what, request) => {
    expect(statusOf(await exchange(request))).toBe(400)
    const ok = await exchange(get('/ptqrshow?appid=501004106&e=2&l=M&s=3&d=72&v=4&t=0.1&daid=164&pt_3rd_aid=0', 'ssl.ptlogin2.qq.com'))
    expect(statusOf(ok)).toBe(200)
    expect(ok).toContain('Content-Type: image/png')
  })

  it('takes the host from an absolute request target, as a proxy client sends it (RFC 9112 §3.2.2)', async () => {
    const answer = await exchange(get('http://ssl.ptlogin2.qq.com/ptqrshow?appid=501004106&e=2&l=M&s=3&d=72&v=4&t=0.1&daid=164&pt_3rd_aid=0', '127.0.0.1'))
    expect(statusOf(answer)).toBe(200)
    expect(answer).toContain('Content-Type: image/png')
  })
})
