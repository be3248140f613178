import type { PlainResponse, Request } from 'got'

/** An answer as read off the wire: status and headers, the body as sent (still encoded). */
export interface RawAnswer {
  response: PlainResponse
  raw: Buffer
}

/**
 * Reads a got stream's answer, at most `maxBytes` of body: a Content-Length over the limit ends
 * the request before its body, a body that grows past it (no length, or a length that lies) is
 * cancelled once it does; both resolve 'too-large' and hold no more than the limit. got's promise
 * API read the same answer through PCancelable, an events proxy and an async iterator over the
 * body: ~0.07 ms of CPU more per request, a sixth of a poll answer (issue 13). The stream's errors
 * (got's RequestErrors) reject.
 */
export function readAnswer(req: Request, maxBytes: number): Promise<RawAnswer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let response: PlainResponse | undefined
    const tooLarge = () => {
      resolve('too-large')
      req.destroy()
    }
    req.once('response', (res: PlainResponse) => {
      response = res
      if (Number(res.headers['content-length']) > maxBytes) tooLarge()
    })
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) return tooLarge()
      chunks.push(chunk)
    })
    req.once('end', () => {
      resolve({ response: response!, raw: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) })
      // A got stream is never destroyed by itself (autoDestroy off), and until it is, its listener
      // on the caller's AbortSignal holds it: ~17 KB a request for as long as the signal lives (the
      // poll loop's lives as long as the session). Not before the request is through as well: Node
      // hands a keep-alive socket back to the agent once both the answer and the request have
      // finished, and on a busy backend an answer is often read before the request's 'finish' (a
      // fifth of the polls at 100 presence changes a second). Destroyed then, the socket is closed,
      // and the next poll pays a new TLS handshake and secure context (issue 13).
      if (req.writableFinished) req.destroy()
      else req.once('finish', () => req.destroy())
    })
    // `on`, not `once`: a stream can fail twice (a timeout, then the reset it causes); the promise settles once.
    req.on('error', reject)
  })
}
