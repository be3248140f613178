import { EventEmitter } from 'node:events'
import type { Request } from 'got'
import { describe, expect, it, vi } from 'vitest'
import { readAnswer } from '../../../electron/engine/http/read-answer'

/**
 * readAnswer destroys a got stream once it is through, so that it lets go of the caller's
 * AbortSignal, but never before the request has finished too: Node returns a keep-alive socket
 * to the agent only once both the answer and the request are done, and a request destroyed
 * between the two closes its socket (the next poll then paid a new TLS handshake). The order of
 * the two events is the backend's event loop's: both are driven here, on a stand-in for got's stream.
 */

function fakeRequest(writableFinished: boolean) {
  return Object.assign(new EventEmitter(), { writableFinished, destroy: vi.fn() })
}

function answer(req: ReturnType<typeof fakeRequest>, body: string) {
  req.emit('response', { headers: { 'content-length': String(body.length) }, statusCode: 200 })
  req.emit('data', Buffer.from(body))
  req.emit('end')
}

describe('readAnswer', () => {
  it('resolves an answer read before its request finished, and destroys the request only once it has', async () => {
    const req = fakeRequest(false)
    const read = readAnswer(req as unknown as Request, 1024)
    answer(req, '{"retcode":0}')
    const read1 = await read
    expect(read1 !== 'too-large' && read1.raw.toString()).toBe('{"retcode":0}')
    expect(req.destroy).not.toHaveBeenCalled()
    req.writableFinished = true
    req.emit('finish')
    expect(req.destroy).toHaveBeenCalledTimes(1)
  })

  it('destroys a request that had finished at once when its answer ends', async () => {
    const req = fakeRequest(true)
    const read = readAnswer(req as unknown as Request, 1024)
    answer(req, '{}')
    await read
    expect(req.destroy).toHaveBeenCalledTimes(1)
  })

  it('destroys at once an answer whose length is over the limit', async () => {
    const req = fakeRequest(false)
    const read = readAnswer(req as unknown as Request, 4)
    req.emit('response', { headers: { 'content-length': '5' }, statusCode: 200 })
    expect(await read).toBe('too-large')
    expect(req.destroy).toHaveBeenCalledTimes(1)
  })
})
