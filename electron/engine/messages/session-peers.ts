import type { ContactKey } from '../../model'

/** A temporary-session peer (§6.7): a group or discussion member, reached through that group. */
export interface SessionPeer {
  uin: string
  /** 0: via a group (id = gid); 1: via a discussion (id = did). */
  serviceType: 0 | 1
  id: string
}

/** Where temporary-session conversations lead in this login (filled as sessions start or arrive). */
export class SessionPeers {
  private readonly peers = new Map<ContactKey, SessionPeer>()

  remember(key: ContactKey, peer: SessionPeer): void {
    this.peers.set(key, peer)
  }

  get(key: ContactKey): SessionPeer | undefined {
    return this.peers.get(key)
  }

  /** A new login hands out new uins (§2.4): what was remembered no longer reaches anyone. */
  clear(): void {
    this.peers.clear()
  }
}
