import type { ChatMessage } from '@contract'
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

/** Local midnight before `t`. */
function dayStart(t: number): number {
  const d = new Date(t)
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
}

/**
 * The chat as list rows, in the messages' order: a head row, a separator at each new day, the
 * unread divider. Times need not rise along the order (a server clock a little ahead, a reply
 * stamped with the whole second before the question): a separator comes only when the day moves
 * on past every day shown, so no day shows twice.
 */
export function messageRows(messages: readonly ChatMessage[], dividerBefore?: string): MessageRow[] {
  const rows: MessageRow[] = [{ type: 'start', key: 'start' }]
  let prev: ChatMessage | undefined
  let shownDay = -Infinity
  for (const m of messages) {
    const day = dayStart(m.time)
    const newDay = day > shownDay
    if (newDay) {
      shownDay = day
      rows.push({ type: 'day', key: `day:${dayKey(m.time)}`, time: m.time })
    }
    const divider = m.id === dividerBefore
    if (divider) rows.push({ type: 'divider', key: 'divider' })
    const continued = !!prev && !newDay && !divider && sameSender(prev, m) && Math.abs(m.time - prev.time) < RUN_GAP_MS
    rows.push({ type: 'message', key: `m:${m.id}`, message: m, continued })
    prev = m
  }
  return rows
}
