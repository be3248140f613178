import type { ContactKey } from '../../model'
import type { ContactService } from '../contacts/contact-service'
import { parseSessionKey, sessionKey } from '../contacts/identity'
import { EngineError } from '../errors'

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

  constructor(private readonly contacts: ContactService) {}

  remember(key: ContactKey, peer: SessionPeer): void {
    this.peers.set(key, peer)
  }

  get(key: ContactKey): SessionPeer | undefined {
    return this.peers.get(key)
  }

  /**
   * A temporary session the user starts from a member list (or one an earlier login knew): its
   * key names the group or discussion and the member; finds the member's uin in this login.
   */
  async find(key: ContactKey): Promise<void> {
    const parsed = parseSessionKey(key)
    const via = parsed?.via ?? ''
    const group = this.contacts.group(via)
    const disc = group ? undefined : this.contacts.discussion(via)
    if (!parsed || (!group && !disc)) throw new EngineError('bad-input', 'no such temporary session')
    const members = group ? (await this.contacts.groupDetails(via)).members : (await this.contacts.discussionDetails(via)).members
    const member = members.find((x) => sessionKey(via, x.displayName) === key)
    if (!member) throw new EngineError('bad-input', 'that member is not in the group any more')
    this.remember(key, { uin: member.uin, serviceType: group ? 0 : 1, id: group ? group.gid : disc!.did })
  }

  /** A new login hands out new uins (§2.4): what was remembered no longer reaches anyone. */
  clear(): void {
    this.peers.clear()
  }
}
