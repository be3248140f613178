import type { SessionView } from '@contract'
import type { LinkState } from '../bridge/link'

export interface BannerWords {
  tone: 'info' | 'warn' | 'error'
  key: string
  named?: Record<string, string | number>
  /** The service's own words (kick message), shown as given. */
  detail?: string
  action?: 'scan-again' | 'reconnect' | 'login'
  busy?: boolean
}

/**
 * What the connection banner says (UX.md: the state is always visible; online needs no banner).
 * Web mode's own socket comes first: while it is down, nothing the session says is current.
 */
export function bannerWords(session: SessionView, link: LinkState | undefined, now: number): BannerWords | undefined {
  if (link?.kind === 'waiting') return { tone: 'warn', key: 'banner.linkWaiting', named: { attempt: link.attempt }, busy: true }
  if (link?.kind === 'connecting' && link.attempt > 0) return { tone: 'warn', key: 'banner.linkWaiting', named: { attempt: link.attempt }, busy: true }
  switch (session.kind) {
    case 'online':
      return undefined
    case 'logged-out':
      return { tone: 'info', key: 'banner.loggedOut', action: 'login' }
    case 'connecting':
      return { tone: 'info', key: 'banner.connecting', busy: true }
    case 'reconnecting':
      return { tone: 'warn', key: 'banner.reconnecting', named: { attempt: session.attempt }, busy: true }
    case 'offline':
      return session.retryAt && session.retryAt > now
        ? { tone: 'warn', key: 'banner.offlineAt', named: { seconds: Math.ceil((session.retryAt - now) / 1000) }, action: 'reconnect' }
        : { tone: 'warn', key: 'banner.offline', action: 'reconnect' }
    case 'session-lost':
      return { tone: 'error', key: `banner.${session.reason}`, detail: session.message, action: 'scan-again' }
  }
}
