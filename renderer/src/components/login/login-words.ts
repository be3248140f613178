import type { LoginView } from '../../../../electron/ipc/contract'

/** The i18n key (and parameters) of the sentence that says where the login stands. */
export function loginSentence(view: LoginView, ready: boolean): { key: string; named?: Record<string, string> } {
  if (!ready) return { key: 'login.state.connecting' }
  switch (view.kind) {
    case 'confirming':
      return { key: 'login.state.confirming', named: { nick: view.nick } }
    case 'password-checking':
      return { key: 'login.state.passwordChecking' }
    case 'failed':
      return { key: 'login.state.failed' }
    default:
      return { key: `login.state.${view.kind}` }
  }
}

/** Seconds shown as m:ss. */
export function countdownText(expiresAt: number, now: number): string {
  const s = Math.max(0, Math.ceil((expiresAt - now) / 1000))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}
