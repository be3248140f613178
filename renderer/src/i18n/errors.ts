import { useI18n } from 'vue-i18n'
import type { ErrorView } from '../../../electron/ipc/contract'

type Translate = (key: string, named?: Record<string, unknown>) => string
type Exists = (key: string) => boolean

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

/** `errorText` bound to the component's locale. */
export function useErrorText(): (e: ErrorView) => string {
  const { t, te } = useI18n()
  return (e) => errorText(e, (key, named) => t(key, named ?? {}), (key) => te(key))
}
