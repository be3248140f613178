import { conversationKindSchema, errorViewSchema, fileStateSchema, type ConversationRef, type ErrorView, type FileState, type FileTransferView } from '../../model'
import type { HistoryStore } from '../history/history-store'

/** A file offer as stored (`file_transfers`, migration 4): the view's fields and the wire ids. */
export interface TransferRecord extends Omit<FileTransferView, 'rate' | 'remainingMs'> {
  peerUin: string
  /** The offer's session_id (§7.3), used as `lcid`. */
  lcid: number
  /** The partial file's name in the download folder, while receiving. */
  tempName?: string
}

type Row = Record<string, unknown>

/** The file offers of one account, in its history database. */
export class TransferStore {
  constructor(private readonly history: HistoryStore) {}

  add(t: { id: string; conversation: ConversationRef; peerUin: string; lcid: number; name: string; time: number }): void {
    this.history
      .statement(
        `INSERT INTO file_transfers (id, conv_kind, conv_key, peer_uin, lcid, name, state, received, offered_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'offered', 0, ?, ?) ON CONFLICT (id) DO NOTHING`,
      )
      .run(t.id, t.conversation.kind, t.conversation.key, t.peerUin, t.lcid, t.name, t.time, Date.now())
  }

  get(id: string): TransferRecord | undefined {
    const row = this.history.statement('SELECT * FROM file_transfers WHERE id = ?').get(id) as Row | undefined
    return row && decode(row)
  }

  list(conv: ConversationRef): TransferRecord[] {
    return (this.history.statement('SELECT * FROM file_transfers WHERE conv_kind = ? AND conv_key = ? ORDER BY offered_at, rowid').all(conv.kind, conv.key) as Row[]).map(decode)
  }

  /**
   * The live offer a peer's later item is about. The `refuse` and `send_ack` items' session_id
   * is not always the offer's: only its low 12 bits are (§7.3 quirk; lcids are `ms % 4096`).
   */
  findLive(peerUin: string, sessionId: number): TransferRecord | undefined {
    const row = this.history
      .statement(`SELECT * FROM file_transfers WHERE peer_uin = ? AND (lcid & 4095) = ? AND state IN ('offered', 'receiving') ORDER BY offered_at DESC, rowid DESC LIMIT 1`)
      .get(peerUin, sessionId & 0xfff) as Row | undefined
    return row && decode(row)
  }

  /** Transfers that were receiving: after a restart, none still is. */
  receiving(): TransferRecord[] {
    return (this.history.statement(`SELECT * FROM file_transfers WHERE state = 'receiving'`).all() as Row[]).map(decode)
  }

  update(
    id: string,
    patch: { state?: FileState; received?: number; size?: number; savedName?: string; tempName?: string | null; error?: ErrorView | null; cancelledBy?: 'me' | 'sender' },
  ): void {
    const sets: string[] = ['updated_at = ?']
    const args: Array<string | number | null> = [Date.now()]
    const set = (column: string, value: string | number | null) => {
      sets.push(`${column} = ?`)
      args.push(value)
    }
    if (patch.state !== undefined) set('state', patch.state)
    if (patch.received !== undefined) set('received', patch.received)
    if (patch.size !== undefined) set('size', patch.size)
    if (patch.savedName !== undefined) set('saved_name', patch.savedName)
    if (patch.tempName !== undefined) set('temp_name', patch.tempName)
    if (patch.error !== undefined) set('error', patch.error && JSON.stringify(patch.error))
    if (patch.cancelledBy !== undefined) set('cancelled_by', patch.cancelledBy)
    this.history.statement(`UPDATE file_transfers SET ${sets.join(', ')} WHERE id = ?`).run(...args, id)
  }
}

/** A row → a record; a damaged field reads as what is safe (an unknown state is `failed`, never resumable). */
function decode(r: Row): TransferRecord {
  const kind = conversationKindSchema.safeParse(r.conv_kind)
  const state = fileStateSchema.safeParse(r.state)
  const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined)
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  let error: ErrorView | undefined
  try {
    const parsed = typeof r.error === 'string' ? errorViewSchema.safeParse(JSON.parse(r.error)) : undefined
    error = parsed?.success ? parsed.data : undefined
  } catch {
    error = undefined
  }
  const size = num(r.size)
  const savedName = str(r.saved_name)
  const tempName = str(r.temp_name)
  const cancelledBy = r.cancelled_by === 'me' || r.cancelled_by === 'sender' ? r.cancelled_by : undefined
  return {
    id: String(r.id),
    conversation: { kind: kind.success ? kind.data : 'friend', key: str(r.conv_key) ?? '' },
    peerUin: str(r.peer_uin) ?? '',
    lcid: num(r.lcid) ?? 0,
    name: str(r.name) ?? '',
    state: state.success ? state.data : 'failed',
    received: num(r.received) ?? 0,
    time: num(r.offered_at) ?? 0,
    ...(size !== undefined && { size }),
    ...(savedName && { savedName }),
    ...(tempName && { tempName }),
    ...(error && { error }),
    ...(cancelledBy && { cancelledBy }),
  }
}

/** What the UI sees of a record (no wire ids, no temporary name). */
export function transferView(t: TransferRecord, live: { rate?: number; remainingMs?: number } = {}): FileTransferView {
  const { peerUin: _p, lcid: _l, tempName: _t, ...view } = t
  return { ...view, ...live }
}
