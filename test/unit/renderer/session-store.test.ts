// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { APP_INFO } from './fake-api'
import { flushPromises, setup } from './harness'

describe('session store', () => {
  it('takes the first state from session.get and app.info', async () => {
    const h = setup()
    h.api.answer('session.get', { session: { kind: 'online', qq: '10001', nick: 'Me', status: 'online' }, login: { kind: 'online' } })
    h.api.answer('app.info', { ...APP_INFO, profile: 'tencent' })
    const s = useSessionStore()
    expect(s.ready).toBe(false)
    await s.init()
    expect(s.ready).toBe(true)
    expect(s.online).toBe(true)
    expect(s.everOnline).toBe(true)
    expect(s.canOpenPhone).toBe(false)
  })

  it('follows login.state and session.state events', () => {
    const h = setup()
    const s = useSessionStore()
    h.api.emit('login.state', { kind: 'qr', image: 'data:image/png;base64,AA', expiresAt: 1, refreshes: 0 })
    expect(s.login.kind).toBe('qr')
    h.api.emit('login.state', { kind: 'scanned', image: 'data:image/png;base64,AA', expiresAt: 1 })
    expect(s.login.kind).toBe('scanned')
    h.api.emit('session.state', { kind: 'connecting' })
    expect(s.session.kind).toBe('connecting')
    h.api.emit('session.state', { kind: 'online', qq: '1', nick: 'n', status: 'online' })
    expect(s.online).toBe(true)
    h.api.emit('session.state', { kind: 'reconnecting', attempt: 2 })
    expect(s.online).toBe(false)
    expect(s.session).toEqual({ kind: 'reconnecting', attempt: 2 })
  })

  it('shows web mode the login view until online, and keeps the main view once a session has been seen', () => {
    const h = setup()
    const s = useSessionStore()
    expect(s.needsLoginView).toBe(true)
    h.api.emit('session.state', { kind: 'connecting' })
    expect(s.needsLoginView).toBe(true)
    h.api.emit('session.state', { kind: 'online', qq: '1', nick: 'n', status: 'online' })
    expect(s.needsLoginView).toBe(false)
    // Lost after being online: history stays on screen with the banner…
    h.api.emit('login.state', { kind: 'online' })
    h.api.emit('session.state', { kind: 'session-lost', reason: 'kicked', message: 'elsewhere' })
    expect(s.needsLoginView).toBe(false)
    // …until the user asks for a new QR code, which the login view shows.
    h.api.emit('login.state', { kind: 'qr', image: 'data:,', expiresAt: 1, refreshes: 0 })
    expect(s.needsLoginView).toBe(true)
    h.api.emit('session.state', { kind: 'logged-out' })
    h.api.emit('login.state', { kind: 'idle' })
    expect(s.needsLoginView).toBe(true)
  })

  it('sends the login commands with their arguments', async () => {
    const h = setup()
    const s = useSessionStore()
    await s.startLogin()
    await s.passwordLogin('123456', 'secret')
    await s.submitCaptcha('abcd')
    await s.refreshCaptcha()
    await flushPromises()
    expect(h.api.calls.map((c) => c.name)).toEqual(['login.start', 'login.password', 'login.captcha', 'login.refreshCaptcha'])
    expect(h.api.argsOf('login.password')).toEqual([{ qq: '123456', password: 'secret' }])
    expect(h.api.argsOf('login.captcha')).toEqual([{ text: 'abcd' }])
  })
})
