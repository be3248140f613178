import { useI18n } from 'vue-i18n'
import type { ErrorView, LoginView } from '@contract'

type Translate = (key: string, named?: Record<string, unknown>) => string
type Exists = (key: string) => boolean
type PasswordFailure = Extract<LoginView, { kind: 'password-failed' }>

/** Words for an engine error: from its kind and retcode, never from the engine's own message. */
export function errorText(e: ErrorView, t: Translate, te: Exists): string {
  switch (e.kind) {
    case 'protocol': {
      if (e.retcode == null) return t('errors.protocolPlain')
      const known = `errors.retcode.r${e.retcode}`
      return te(known) ? t(known) : t('errors.protocol', { retcode: e.retcode })
    }
    case 'http':
      return e.status != null ? t('errors.http', { status: e.status }) : t('errors.httpPlain')
    case 'session-lost':
      return t('errors.sessionLost')
    case 'bad-input':
      return t('errors.badInput')
    default:
      return t(`errors.${e.kind}`)
  }
}

/**
 * Words for a failed password login: what the server refused and what to do about it (ptlogin's
 * codes are not web2 retcodes, §4.4); a login that broke off before an answer, in the error's words.
 */
export function passwordFailureText(v: PasswordFailure, t: Translate, te: Exists): string {
  if (v.refusal) return t(`login.refusal.${v.refusal}`, { code: v.error.retcode ?? '?' })
  return t('login.state.failed', { reason: errorText(v.error, t, te) })
}

function useTranslators(): { t: Translate; te: Exists } {
  const { t, te } = useI18n()
  return { t: (key, named) => t(key, named ?? {}), te: (key) => te(key) }
}

/** `errorText` bound to the component's locale. */
export function useErrorText(): (e: ErrorView) => string {
  const { t, te } = useTranslators()
  return (e) => errorText(e, t, te)
}

/** `passwordFailureText` bound to the component's locale. */
export function usePasswordFailureText(): (v: PasswordFailure) => string {
  const { t, te } = useTranslators()
  return (v) => passwordFailureText(v, t, te)
}
