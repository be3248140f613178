import { describe, expect, it } from 'vitest'
import { EngineError } from '../../../electron/engine/errors'
import { classifySendError } from '../../../electron/engine/messages/sender'

const net = (code: string) => new EngineError('network', code, { cause: Object.assign(new Error(code), { code }) })

describe('what a failed send means', () => {
  it.each([
    [new EngineError('protocol', '', { retcode: 103 }), 'again'],
    [new EngineError('protocol', '', { retcode: 121 }), 'again'],
    [net('ECONNREFUSED'), 'again'],
    [new EngineError('protocol', '', { retcode: 1202 }), 'unknown'],
    [net('ECONNRESET'), 'unknown'],
    [new EngineError('timeout', ''), 'unknown'],
    [new EngineError('http', '', { status: 504 }), 'unknown'],
    [new EngineError('malformed', ''), 'unknown'],
    [new EngineError('protocol', '', { retcode: 100001 }), 'failed'],
    [new EngineError('bad-input', ''), 'failed'],
  ])('%s → %s', (err, kind) => {
    expect(classifySendError(err).kind).toBe(kind)
  })
})
