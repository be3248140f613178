import type { ClientKind, StatusName } from '@contract'

/** Hidden is what the contact chose to show us: offline. */
export function isOnline(status: StatusName): boolean {
  return status !== 'offline' && status !== 'hidden'
}

export type DotColour = 'green' | 'amber' | 'red'

export function statusDot(status: StatusName): DotColour | undefined {
  switch (status) {
    case 'online':
    case 'callme':
      return 'green'
    case 'away':
      return 'amber'
    case 'busy':
    case 'silent':
      return 'red'
    default:
      return undefined
  }
}

export function clientDevice(client: ClientKind): 'pc' | 'mobile' | undefined {
  if (client === 'pc' || client === 'web') return 'pc'
  if (client === 'mobile' || client === 'iphone' || client === 'pad') return 'mobile'
  return undefined
}

/**
 * The status to show for a friend: while our own session is not online (offline, reconnecting,
 * kicked) nobody's presence is known any more, so nobody is shown online — the last status
 * heard would be a guess dressed as a fact.
 */
export function shownStatus(status: StatusName, sessionOnline: boolean): StatusName {
  return sessionOnline ? status : 'offline'
}
