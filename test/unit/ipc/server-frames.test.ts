import { describe, expect, it } from 'vitest'
import { errorViewSchema, ERROR_KINDS, readServerFrame } from '../../../electron/ipc/contract'
import { readErrorView } from '../../../electron/model/read-error-view'

/** Web mode's frames as the page reads them by hand (no zod in its first chunk, issue 13). */
describe("the page's reading of web mode's frames", () => {
  it('takes results, failures and events as they are', () => {
    expect(readServerFrame({ t: 'result', id: 3, ok: true, value: { a: 1 } })).toEqual({ t: 'result', id: 3, ok: true, value: { a: 1 } })
    expect(readServerFrame({ t: 'result', id: 4, ok: true })).toEqual({ t: 'result', id: 4, ok: true, value: undefined })
    expect(readServerFrame({ t: 'result', id: 5, ok: false, error: { kind: 'unavailable', message: 'starting' } })).toEqual({ t: 'result', id: 5, ok: false, error: { kind: 'unavailable', message: 'starting' } })
    expect(readServerFrame({ t: 'event', name: 'session.state', payload: { kind: 'online' } })).toEqual({ t: 'event', name: 'session.state', payload: { kind: 'online' } })
  })

  it('drops every frame it cannot use', () => {
    for (const bad of [
      null,
      'result',
      42,
      [{ t: 'result', id: 1, ok: true }],
      {},
      { t: 'invoke', id: 1, name: 'app.info', args: {} },
      { t: 'result', ok: true, value: 1 },
      { t: 'result', id: '1', ok: true, value: 1 },
      { t: 'result', id: 1, value: 1 },
      { t: 'result', id: 1, ok: 'yes', value: 1 },
      { t: 'result', id: 1, ok: false },
      { t: 'result', id: 1, ok: false, error: 'failed' },
      { t: 'result', id: 1, ok: false, error: { kind: 'explosion', message: 'x' } },
      { t: 'result', id: 1, ok: false, error: { kind: 'network' } },
      { t: 'result', id: 1, ok: false, error: { kind: 'http', message: 'x', status: '500' } },
      { t: 'result', id: 1, ok: false, error: { kind: 'protocol', message: 'x', retcode: null } },
      { t: 'event', payload: {} },
      { t: 'event', name: 7, payload: {} },
    ]) {
      expect(readServerFrame(bad), JSON.stringify(bad)).toBeUndefined()
    }
  })

  it('reads an ErrorView exactly as the schema does: the same ones refused, the same fields kept', () => {
    const candidates: unknown[] = [
      ...ERROR_KINDS.map((kind) => ({ kind, message: 'm' })),
      { kind: 'protocol', message: 'm', retcode: 103, status: 200, reason: 'r', extra: 1, __proto__: { kind: 'x' } },
      { kind: 'http', message: 'm', status: 502 },
      { kind: 'http', message: 'm', status: '502' },
      { kind: 'network', message: 3 },
      { kind: 'toString', message: 'm' },
      { kind: 'constructor', message: 'm' },
      { message: 'm' },
      { kind: 'timeout', message: 'm', reason: null },
      { kind: 'http', message: 'm', status: Number.NaN },
      { kind: 'protocol', message: 'm', retcode: Number.POSITIVE_INFINITY },
      [],
      undefined,
      Object.create({ kind: 'network', message: 'inherited' }),
    ]
    for (const c of candidates) expect(readErrorView(c), JSON.stringify(c)).toEqual(errorViewSchema.safeParse(c).data)
  })
})
