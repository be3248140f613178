// @vitest-environment happy-dom
import type { VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LoginView as LoginState } from '../../../electron/ipc/contract'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { useUiStore } from '../../../renderer/src/stores/ui'
import LoginView from '../../../renderer/src/views/LoginView.vue'
import { APP_INFO } from './fake-api'
import { flushPromises, mountWith, setup, type Harness } from './harness'

const NOW = Date.UTC(2024, 0, 1, 12, 0, 0)
const QR = 'data:image/png;base64,iVBORw0KGgo='

async function mountLogin(h: Harness, login: LoginState) {
  h.api.answer('session.get', { session: { kind: 'logged-out' }, login })
  const w = mountWith(h, LoginView)
  await useSessionStore().init()
  await flushPromises()
  return w
}

/** Types a QQ number and a password on the password tab and submits them. */
async function submitPassword(w: VueWrapper, qq: string, password: string): Promise<void> {
  await w.get('[data-testid="tab-password"]').trigger('click')
  await w.get('[data-testid="password-qq"]').setValue(qq)
  await w.get('[data-testid="password-input"]').setValue(password)
  await w.get('.password-panel form').trigger('submit')
}

describe('login view', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] })
  })
  afterEach(() => {
    vi.useRealTimers()
    document.body.innerHTML = ''
  })

  it.each<[string, LoginState, string]>([
    ['restoring', { kind: 'restoring' }, '正在恢复上次的登录'],
    ['waiting for a scan', { kind: 'qr', image: QR, expiresAt: NOW + 120_000, refreshes: 0 }, '请使用手机 QQ 扫描二维码'],
    ['scanned', { kind: 'scanned', image: QR, expiresAt: NOW + 60_000 }, '已扫描，请在手机上确认登录'],
    ['confirming', { kind: 'confirming', nick: '小明' }, '小明，正在登录'],
    ['expired', { kind: 'expired' }, '二维码已过期，正在自动刷新'],
    ['refused', { kind: 'refused' }, '你在手机上拒绝了这次登录'],
    ['failed', { kind: 'failed', error: { kind: 'network', message: 'ECONNREFUSED' } }, '登录失败：网络连接失败'],
  ])('says the state in words: %s', async (_name, login, words) => {
    const w = await mountLogin(setup(), login)
    expect(w.get('[data-testid="login-state"]').text()).toContain(words)
  })

  it('shows the QR image and counts down to its expiry', async () => {
    const w = await mountLogin(setup(), { kind: 'qr', image: QR, expiresAt: NOW + 125_000, refreshes: 2 })
    expect(w.get('[data-testid="login-qr"]').attributes('src')).toBe(QR)
    expect(w.get('[data-testid="login-countdown"]').text()).toContain('2:05')
    await vi.advanceTimersByTimeAsync(6000)
    expect(w.get('[data-testid="login-countdown"]').text()).toContain('1:59')
    expect(w.text()).toContain('已自动刷新 2 次')
  })

  it('has no countdown once the code expired, and keeps the old image dimmed', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    h.api.emit('login.state', { kind: 'expired' })
    await flushPromises()
    expect(w.find('[data-testid="login-countdown"]').exists()).toBe(false)
    expect(w.get('.qr-frame').classes()).toContain('stale')
  })

  it('retries a failed login with login.start', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'failed', error: { kind: 'protocol', message: 'x', retcode: 103 } })
    expect(w.get('[data-testid="login-state"]').text()).toContain('会话已失效（103）')
    h.api.clearCalls()
    await w.get('[data-testid="retry-button"]').trigger('click')
    expect(h.api.argsOf('login.start')).toHaveLength(1)
  })

  it('asks for a QR code by itself when nothing is under way', async () => {
    const h = setup()
    await mountLogin(h, { kind: 'idle' })
    expect(h.api.argsOf('login.start')).toHaveLength(1)
  })

  it('does not start a second login while one is under way', async () => {
    const h = setup()
    await mountLogin(h, { kind: 'restoring' })
    expect(h.api.argsOf('login.start')).toHaveLength(0)
  })

  it('offers the simulated phone for emulator profiles only', async () => {
    const h = setup({ host: 'electron' })
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    await w.get('[data-testid="open-phone"]').trigger('click')
    expect(h.api.argsOf('phone.open')).toHaveLength(1)

    const h2 = setup()
    h2.api.answer('app.info', { ...APP_INFO, profile: 'tencent' })
    const w2 = await mountLogin(h2, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    expect(w2.find('[data-testid="open-phone"]').exists()).toBe(false)
  })

  it('switches server profile through settings.set, Tencent labelled as discontinued', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    const select = w.get('[data-testid="profile-select"]')
    expect(select.text()).toContain('2019')
    await select.setValue('tencent')
    await flushPromises()
    expect(h.api.argsOf('settings.set')).toEqual([{ profile: { kind: 'tencent' } }])
    await select.setValue('custom')
    await w.get('[data-testid="profile-host"]').setValue('10.0.0.2')
    await w.get('[data-testid="profile-port"]').setValue('8080')
    await w.get('form.custom').trigger('submit')
    await flushPromises()
    expect(h.api.argsOf('settings.set').at(-1)).toEqual({ profile: { kind: 'custom', host: '10.0.0.2', port: 8080 } })
  })

  it('logs in with a password and then a captcha', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    await submitPassword(w, '1234567', 'pw')
    expect(h.api.argsOf('login.password')).toEqual([{ qq: '1234567', password: 'pw' }])
    h.api.emit('login.state', { kind: 'captcha', image: 'data:image/jpeg;base64,AA' })
    await flushPromises()
    expect(w.get('[data-testid="login-state"]').text()).toContain('请输入图中的验证码')
    await w.get('[data-testid="captcha-input"]').setValue('x7kq')
    await w.get('.password-panel form').trigger('submit')
    expect(h.api.argsOf('login.captcha')).toEqual([{ text: 'x7kq' }])
  })

  it('a refused password login shows on the password tab only, in words; the QR tab asks for a QR instead of showing an error', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    await submitPassword(w, '1234567', 'wrong')
    h.api.emit('login.state', { kind: 'password-checking' })
    h.api.emit('login.state', { kind: 'password-failed', refusal: 'wrong-password', error: { kind: 'protocol', message: 'login: code 3', retcode: 3 } })
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('QQ 号码或密码不正确。请检查后重新输入。')
    h.api.clearCalls()

    await w.get('[data-testid="tab-qr"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('login.start')).toHaveLength(1)
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(false)
    expect(w.find('.overlay.bad').exists()).toBe(false)
    expect(w.text()).not.toContain('密码不正确')
    expect(w.get('[data-testid="login-state"]').text()).toBe('准备获取二维码…')
    h.api.emit('login.state', { kind: 'qr', image: QR, expiresAt: NOW + 120_000, refreshes: 0 })
    await flushPromises()
    expect(w.get('[data-testid="login-qr"]').attributes('src')).toBe(QR)
    expect(w.get('[data-testid="login-state"]').text()).toContain('请使用手机 QQ 扫描二维码')
  })

  it('after a reload over a refused password, opens on the password tab with the words and asks for no QR until the QR tab is chosen', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'password-failed', refusal: 'password-login-removed', error: { kind: 'protocol', message: 'login: code 1', retcode: 1 } })
    expect(w.get('[role="tab"][aria-selected="true"]').text()).toBe('密码登录')
    expect(w.get('[role="alert"]').text()).toBe('网页版 QQ 已于 2015 年 9 月 30 日取消密码登录，这个服务器不再接受密码。请改用扫码登录：用手机 QQ 扫描二维码。')
    expect(h.api.argsOf('login.start')).toHaveLength(0)
    await w.get('[data-testid="tab-qr"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('login.start')).toHaveLength(1)
  })

  it('a QR login that failed still shows on the QR tab, with a retry, and not on the password tab', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'failed', error: { kind: 'network', message: 'ECONNREFUSED' } })
    expect(w.find('.overlay.bad').exists()).toBe(true)
    expect(w.find('[data-testid="retry-button"]').exists()).toBe(true)
    await w.get('[data-testid="tab-password"]').trigger('click')
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })

  it.each<[string, LoginState & { kind: 'password-failed' }, string, string]>([
    ['busy', { kind: 'password-failed', refusal: 'busy', error: { kind: 'protocol', message: '', retcode: 1 } }, '服务器正忙，没能登录。请稍后再试。', 'The server is busy and could not sign you in. Try again in a moment.'],
    ['banned', { kind: 'password-failed', refusal: 'banned', error: { kind: 'protocol', message: '', retcode: 71 } }, '这个帐号因异常被禁止登录。请联系 QQ 客服。', 'This account is banned from signing in because of unusual activity. Contact QQ customer service.'],
    ['too many logins', { kind: 'password-failed', refusal: 'too-many-logins', error: { kind: 'protocol', message: '', retcode: 8 } }, '这个网络（IP 地址）登录次数太多', 'Too many sign-ins from this network'],
    ['an unnamed code', { kind: 'password-failed', refusal: 'unknown', error: { kind: 'protocol', message: '', retcode: 42 } }, '服务器拒绝了这次登录（代码 42）。请稍后再试，或改用扫码登录。', 'The server refused this sign-in (code 42).'],
    ['the network', { kind: 'password-failed', error: { kind: 'network', message: 'ECONNRESET' } }, '登录失败：网络连接失败', 'Sign-in failed'],
  ])('says what a refused password login means and what to do: %s', async (_name, login, zh, en) => {
    const w = await mountLogin(setup(), login)
    expect(w.get('[role="alert"]').text()).toContain(zh)
    expect(w.text()).not.toContain('错误码')
    const w2 = await mountLogin(setup({ locale: 'en' }), login)
    expect(w2.get('[role="alert"]').text()).toContain(en)
  })

  it('lets no longer a password or captcha be typed than the boundary accepts: the longest is sent without a bad-input error', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    await w.get('[data-testid="tab-password"]').trigger('click')
    const longest = Number(w.get('[data-testid="password-input"]').attributes('maxlength'))
    await submitPassword(w, '1234567', 'p'.repeat(longest))
    await expect(h.api.invoke('login.password', { qq: '1234567', password: 'p'.repeat(longest + 1) })).rejects.toMatchObject({ error: { kind: 'bad-input' } })

    h.api.emit('login.state', { kind: 'captcha', image: 'data:image/jpeg;base64,AA' })
    await flushPromises()
    const shortest = Number(w.get('[data-testid="captcha-input"]').attributes('maxlength'))
    await w.get('[data-testid="captcha-input"]').setValue('c'.repeat(shortest))
    await w.get('.password-panel form').trigger('submit')
    await expect(h.api.invoke('login.captcha', { text: 'c'.repeat(shortest + 1) })).rejects.toMatchObject({ error: { kind: 'bad-input' } })
    await flushPromises()
    expect(h.api.argsOf('login.password')).toHaveLength(2)
    expect(h.api.argsOf('login.captcha')).toHaveLength(2)
    expect(useUiStore().toasts).toEqual([])
  })

  it('refuses a QQ number that cannot be one, without calling the service', async () => {
    const h = setup()
    const w = await mountLogin(h, { kind: 'qr', image: QR, expiresAt: NOW + 1000, refreshes: 0 })
    await submitPassword(w, '012', 'pw')
    expect(h.api.argsOf('login.password')).toHaveLength(0)
    expect(w.text()).toContain('QQ 号码是 5 到 11 位数字')
  })
})
