// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { LoginView } from '../../../electron/ipc/contract'
import QrPanel from '../../../renderer/src/components/login/QrPanel.vue'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { APP_INFO } from './fake-api'
import { flushPromises, mountWith, setup, type Harness } from './harness'

const QR: LoginView = { kind: 'qr', image: 'data:image/png;base64,iVBORw0KGgo=', expiresAt: Date.now() + 120_000, refreshes: 0 }
const CHANGED = { reason: 'backend-changed', from: 'gnome_libsecret', to: 'basic_text' } as const

async function mountPanel(h: Harness, login: LoginView) {
  h.api.answer('session.get', { session: { kind: 'logged-out' }, login })
  const w = mountWith(h, QrPanel)
  await useSessionStore().init()
  await flushPromises()
  return w
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the QR panel says why a scan is needed when the saved login was kept aside', () => {
  it('names the storage that wrote it and the one that cannot read it (zh-CN and en)', async () => {
    for (const [locale, words] of [
      ['zh-CN', '上次保存的登录由 gnome_libsecret 加密，现在使用的存储（basic_text）无法解密它'],
      ['en', 'encrypted with gnome_libsecret, and the storage in use now (basic_text) cannot decrypt it'],
    ] as const) {
      const h = setup({ locale })
      h.api.answer('app.info', { ...APP_INFO, sessionSetAside: CHANGED })
      const w = await mountPanel(h, QR)
      expect(w.get('[data-testid="session-set-aside"]').text()).toContain(words)
      w.unmount()
    }
  })

  it('says a file that does not decrypt at all could not be decrypted', async () => {
    const h = setup()
    h.api.answer('app.info', { ...APP_INFO, sessionSetAside: { reason: 'unreadable' } })
    const w = await mountPanel(h, QR)
    expect(w.get('[data-testid="session-set-aside"]').text()).toContain('上次保存的登录无法解密')
  })

  it('says nothing when the saved session was fine or there was none', async () => {
    const w = await mountPanel(setup(), QR)
    expect(w.find('[data-testid="session-set-aside"]').exists()).toBe(false)
  })

  it('asks again when the QR comes, so a page that asked before the saved session was tried still says it', async () => {
    const h = setup()
    const w = await mountPanel(h, { kind: 'restoring' })
    expect(w.find('[data-testid="session-set-aside"]').exists()).toBe(false)
    h.api.answer('app.info', { ...APP_INFO, sessionSetAside: CHANGED })
    h.api.emit('login.state', QR)
    await flushPromises()
    expect(w.get('[data-testid="session-set-aside"]').text()).toContain('gnome_libsecret')
  })
})
