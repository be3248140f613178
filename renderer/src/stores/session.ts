import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { AppInfo, LoginView, SessionView } from '@contract'
import { useApi, useBridge } from '../bridge'
import type { LinkState } from '../bridge/link'

/** Login flow states in which the login view has something to show. */
const LOGIN_IN_PROGRESS: ReadonlySet<LoginView['kind']> = new Set(['restoring', 'qr', 'scanned', 'confirming', 'expired', 'refused', 'password-checking', 'captcha', 'failed', 'password-failed'])

/** The login flow and the connection as a whole, as the main process reports them. */
export const useSessionStore = defineStore('session', () => {
  const bridge = useBridge()
  const api = useApi()
  const login = shallowRef<LoginView>({ kind: 'idle' })
  const session = shallowRef<SessionView>({ kind: 'logged-out' })
  const appInfo = shallowRef<AppInfo>()
  /** True once `session.get` answered: until then the states above are placeholders. */
  const ready = ref(false)
  /** Has this page seen the session online? Then history stays on screen whatever happens. */
  const everOnline = ref(false)
  const link = shallowRef<LinkState | undefined>(bridge.link?.link())

  api.on('login.state', (v) => {
    login.value = v
  })
  api.on('session.state', setSession)
  bridge.link?.onLink((s) => {
    link.value = s
  })

  function setSession(v: SessionView): void {
    session.value = v
    if (v.kind === 'online') everOnline.value = true
  }

  const online = computed(() => session.value.kind === 'online')
  const loginInProgress = computed(() => LOGIN_IN_PROGRESS.has(login.value.kind))
  /** Web mode has one page: it shows the login view until there is a session to show. */
  const needsLoginView = computed(() => {
    const kind = session.value.kind
    if (kind === 'online') return false
    if (kind === 'logged-out' || !everOnline.value) return true
    return loginInProgress.value
  })
  const canOpenPhone = computed(() => appInfo.value?.profile === 'emulator' || appInfo.value?.profile === 'custom')

  async function init(): Promise<void> {
    const [state, info] = await Promise.all([api.invoke('session.get', {}), api.invoke('app.info', {})])
    login.value = state.login
    setSession(state.session)
    appInfo.value = info
    ready.value = true
  }

  async function refreshAppInfo(): Promise<void> {
    appInfo.value = await api.invoke('app.info', {})
  }

  return {
    login,
    session,
    appInfo,
    ready,
    everOnline,
    link,
    online,
    loginInProgress,
    needsLoginView,
    canOpenPhone,
    init,
    refreshAppInfo,
    startLogin: () => api.invoke('login.start', {}),
    cancelLogin: () => api.invoke('login.cancel', {}),
    passwordLogin: (qq: string, password: string) => api.invoke('login.password', { qq, password }),
    submitCaptcha: (text: string) => api.invoke('login.captcha', { text }),
    refreshCaptcha: () => api.invoke('login.refreshCaptcha', {}),
    reconnect: () => api.invoke('session.reconnect', {}),
    logout: () => api.invoke('logout', {}),
    openPhone: () => api.invoke('phone.open', {}),
  }
})
