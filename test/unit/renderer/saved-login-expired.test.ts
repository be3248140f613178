// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { LoginView } from '../../../electron/ipc/contract'
import QrPanel from '../../../renderer/src/components/login/QrPanel.vue'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { APP_INFO } from './fake-api'
import { flushPromises, mountWith, setup } from './harness'

const QR: LoginView = { kind: 'qr', image: 'data:image/png;base64,iVBORw0KGgo=', expiresAt: Date.now() + 120_000, refreshes: 0 }

afterEach(() => {
  document.body.innerHTML = ''
})

describe('the QR panel after a saved login that expired (issue 12, §8.1)', () => {
  it('says the saved login expired and to scan again (zh-CN and en)', async () => {
    for (const [locale, words] of [
      ['zh-CN', '上次保存的登录已过期'],
      ['en', 'Your saved login has expired'],
    ] as const) {
      const h = setup({ locale })
      h.api.answer('app.info', { ...APP_INFO, sessionSetAside: { reason: 'expired' } })
      h.api.answer('session.get', { session: { kind: 'logged-out' }, login: QR })
      const w = mountWith(h, QrPanel)
      await useSessionStore().init()
      await flushPromises()
      expect(w.get('[data-testid="session-set-aside"]').text()).toContain(words)
      w.unmount()
    }
  })
})
