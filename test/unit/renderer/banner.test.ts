// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SessionView } from '../../../electron/ipc/contract'
import type { LinkSource, LinkState } from '../../../renderer/src/bridge/link'
import ConnectionBanner from '../../../renderer/src/components/ConnectionBanner.vue'
import { flushPromises, mountWith, setup } from './harness'

const NOW = Date.UTC(2024, 0, 1)

describe('connection banner', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval'] })
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it.each<[string, SessionView, string]>([
    ['connecting', { kind: 'connecting' }, '正在连接…'],
    ['reconnecting', { kind: 'reconnecting', attempt: 3 }, '连接中断，正在重连（第 3 次）'],
    ['offline with a retry time', { kind: 'offline', retryAt: NOW + 9500 }, '网络不可用，10 秒后自动重试'],
    ['offline', { kind: 'offline' }, '网络不可用，将自动重试'],
    ['kicked', { kind: 'session-lost', reason: 'kicked', message: '您的帐号在另一地点登录' }, '服务器消息：您的帐号在另一地点登录'],
    ['kicked, in its own words', { kind: 'session-lost', reason: 'kicked' }, '你的帐号在其他地方登录，这里已下线。'],
    ['expired', { kind: 'session-lost', reason: 'expired' }, '登录已失效（服务器返回 103），需要重新扫码。'],
    ['too many failures', { kind: 'session-lost', reason: 'failed' }, '多次重连失败'],
  ])('says %s', async (_name, state, words) => {
    const h = setup()
    h.api.emit('session.state', state)
    const w = mountWith(h, ConnectionBanner)
    await flushPromises()
    expect(w.get('[data-testid="conn-banner"]').text()).toContain(words)
  })

  it('is hidden while online', async () => {
    const h = setup()
    h.api.emit('session.state', { kind: 'online', qq: '1', nick: 'n', status: 'online' })
    const w = mountWith(h, ConnectionBanner)
    expect(w.find('[data-testid="conn-banner"]').exists()).toBe(false)
  })

  it('offers "重新扫码" when the session is lost, keeping history, and starts a new login', async () => {
    const h = setup()
    h.api.emit('session.state', { kind: 'session-lost', reason: 'expired' })
    const w = mountWith(h, ConnectionBanner)
    expect(w.text()).toContain('聊天记录和草稿都还在')
    const action = w.get('[data-testid="banner-action"]')
    expect(action.text()).toBe('重新扫码')
    await action.trigger('click')
    expect(h.api.argsOf('login.start')).toHaveLength(1)
  })

  it('reconnects at once on request while offline', async () => {
    const h = setup()
    h.api.emit('session.state', { kind: 'offline' })
    const w = mountWith(h, ConnectionBanner)
    await w.get('[data-testid="banner-action"]').trigger('click')
    expect(h.api.argsOf('session.reconnect')).toHaveLength(1)
  })

  it('says when web mode lost its own connection, before anything the session says', async () => {
    let listener: (s: LinkState) => void = () => {}
    const link: LinkSource = { link: () => ({ kind: 'open' }), onLink: (l) => ((listener = l), () => {}) }
    const h = setup({ link })
    h.api.emit('session.state', { kind: 'online', qq: '1', nick: 'n', status: 'online' })
    const w = mountWith(h, ConnectionBanner)
    expect(w.find('[data-testid="conn-banner"]').exists()).toBe(false)
    listener({ kind: 'waiting', attempt: 2, retryAt: NOW + 1000 })
    await flushPromises()
    expect(w.get('[data-testid="conn-banner"]').text()).toContain('与本机服务的连接已断开，正在重连（第 2 次）')
    listener({ kind: 'open' })
    await flushPromises()
    expect(w.find('[data-testid="conn-banner"]').exists()).toBe(false)
  })

  it('speaks English after the language changes', async () => {
    const h = setup({ locale: 'en' })
    h.api.emit('session.state', { kind: 'reconnecting', attempt: 1 })
    const w = mountWith(h, ConnectionBanner)
    expect(w.text()).toContain('Connection lost; reconnecting (attempt 1)')
  })
})
