import type { ChatMessage } from '../../../electron/ipc/contract'
import { dayKey } from './time-format'

export type MessageRow =
  | { type: 'start'; key: 'start' }
  | { type: 'day'; key: string; time: number }
  | { type: 'divider'; key: 'divider' }
  | { type: 'message'; key: string; message: ChatMessage; continued: boolean }

/** Messages from one sender this close together read as one run: the name is shown once. */
const RUN_GAP_MS = 5 * 60_000

function sameSender(a: ChatMessage, b: ChatMessage): boolean {
  return a.direction === b.direction && (a.direction === 'out' || a.sender?.uin === b.sender?.uin)
}

/** The chat as list rows: a head row, a separator at each new day, the unread divider. */
export function messageRows(messages: readonly ChatMessage[], dividerBefore?: string): MessageRow[] {
  const rows: MessageRow[] = [{ type: 'start', key: 'start' }]
  let prev: ChatMessage | undefined
  for (const m of messages) {
    const newDay = !prev || dayKey(prev.time) !== dayKey(m.time)
    if (newDay) rows.push({ type: 'day', key: `day:${dayKey(m.time)}`, time: m.time })
    const divider = m.id === dividerBefore
    if (divider) rows.push({ type: 'divider', key: 'divider' })
    const continued = !!prev && !newDay && !divider && sameSender(prev, m) && m.time - prev.time < RUN_GAP_MS
    rows.push({ type: 'message', key: `m:${m.id}`, message: m, continued })
    prev = m
  }
  return rows
}
