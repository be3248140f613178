import type { ClientKind, Friend, StatusName } from '../../model'
import { isEntry } from '../http/decode'
import { ONLINE_FIELDS, type OnlineWire } from '../endpoints/contact-endpoints'
import { toClient, toStatus } from './mappers'

const { uin: UIN, status: STATUS, client_type: CLIENT } = ONLINE_FIELDS

/**
 * get_online_buddies2's `result` (§5.7) laid over friends just mapped, by uin, in one pass over
 * the parsed JSON: the first load's tail once that answer is in (issue 13), without OnlineWire's
 * entries. True when laid; false, and nobody changed, unless every entry is plain (each field
 * takes its shortcut, decode.ts `Field`): the endpoint's schema decides such an answer (onlineWire).
 */
export function layPlainPresence(result: unknown, byUin: ReadonlyMap<string, Friend>): boolean {
  if (!Array.isArray(result)) return false
  const hits: Friend[] = []
  const statuses: StatusName[] = []
  const clients: ClientKind[] = []
  for (const o of result) {
    if (!isEntry(o)) return false
    const uin = UIN.plain(o.uin)
    const status = STATUS.plain(o.status)
    const client = CLIENT.plain(o.client_type)
    if (typeof uin !== 'string' || typeof status !== 'string' || typeof client !== 'number') return false
    const f = byUin.get(uin)
    if (!f) continue
    hits.push(f)
    statuses.push(toStatus(status))
    clients.push(toClient(client))
  }
  // Laid once the whole answer is known to be plain: one that is declined changes nobody.
  for (let i = 0; i < hits.length; i++) {
    hits[i]!.status = statuses[i]!
    hits[i]!.client = clients[i]!
  }
  return true
}

/** A decoded online answer (the schema's way, for one the pass declines) laid over friends just mapped, by uin, in place. */
export function layWirePresence(online: OnlineWire, byUin: ReadonlyMap<string, Friend>): void {
  for (const o of online) {
    const f = byUin.get(o.uin)
    if (!f) continue
    f.status = toStatus(o.status)
    f.client = toClient(o.client_type)
  }
}
