import { describe, expect, it } from 'vitest'
import { EngineError } from '../../../electron/engine/errors'
import { dispatch, type Handlers } from '../../../electron/ipc/dispatch'
import { webLink } from '../../../electron/model'

const calls: unknown[] = []
const handlers = new Proxy({} as Handlers, {
  get: (_t, name) => (args: unknown) => {
    calls.push([name, args])
    if (name === 'message.retry') throw new EngineError('bad-input', 'no such outgoing message')
    if (name === 'contacts.get') throw new Error('boom')
    return { ok: name }
  },
})

describe('the main-process boundary', () => {
  it('refuses unknown commands and bad arguments without calling a handler', async () => {
    calls.length = 0
    expect(await dispatch(handlers, 'fs.readFile', {})).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect(await dispatch(handlers, 'message.send', { conversation: { kind: 'friend', key: '' }, segments: [] })).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    expect(await dispatch(handlers, 'self.setStatus', { status: 'online', extra: 1 })).toMatchObject({ ok: false })
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false })
    expect(calls).toEqual([])
  })

  it('passes validated (and defaulted) arguments, and turns errors into typed views', async () => {
    expect(await dispatch(handlers, 'history.page', { conversation: { kind: 'group', key: 'g:n:x' } })).toEqual({ ok: true, value: { ok: 'history.page' } })
    expect(calls.at(-1)).toEqual(['history.page', { conversation: { kind: 'group', key: 'g:n:x' }, limit: 50 }])
    expect(await dispatch(handlers, 'message.retry', { id: 'x' })).toEqual({ ok: false, error: { kind: 'bad-input', message: 'no such outgoing message' } })
    expect(await dispatch(handlers, 'contacts.get', {})).toMatchObject({ ok: false, error: { kind: 'malformed', message: 'boom' } })
  })

  it('opens only http(s) links', () => {
    expect(webLink('https://w.qq.com/x')).toBe('https://w.qq.com/x')
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'not a url']) expect(webLink(bad)).toBeUndefined()
  })
})
