import type { LoginView } from '@contract'

/**
 * A state of the password path. The password tab shows these; the QR tab never does (it asks
 * for a QR instead), so a refused password cannot leave the QR tab without a QR.
 */
export function isPasswordView(view: LoginView): boolean {
  return view.kind === 'password-checking' || view.kind === 'captcha' || view.kind === 'password-failed'
}

/** The i18n key (and parameters) of the QR tab's sentence that says where the login stands. */
export function loginSentence(view: LoginView, ready: boolean): { key: string; named?: Record<string, string> } {
  if (!ready) return { key: 'login.state.connecting' }
  if (isPasswordView(view)) return { key: 'login.state.idle' }
  switch (view.kind) {
    case 'confirming':
      return { key: 'login.state.confirming', named: { nick: view.nick } }
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
