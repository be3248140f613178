import type { ChatMessage, ContactsSnapshot, ConversationSummary, Friend, Group, StatusName } from '../../../electron/ipc/contract'
import { EMPTY_CONTACTS } from './fake-api'

export function friend(n: number, over: Partial<Friend> = {}): Friend {
  return {
    key: `f:q:${10000 + n}`,
    uin: String(900 + n),
    qq: String(10000 + n),
    nick: `nick${n}`,
    displayName: `Friend ${n}`,
    face: 0,
    category: 0,
    vipLevel: 0,
    status: 'offline' as StatusName,
    client: 'pc',
    ...over,
  }
}

export function group(n: number, over: Partial<Group> = {}): Group {
  return { key: `g:n:Group ${n}`, gid: String(5000 + n), code: String(7000 + n), name: `Group ${n}`, displayName: `Group ${n}`, mask: 0, ...over }
}

export function snapshot(over: Partial<ContactsSnapshot> = {}): ContactsSnapshot {
  return { ...EMPTY_CONTACTS, ...over }
}

export function summary(key: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { ref: { kind: 'friend', key }, title: key, face: 0, unread: 0, pinned: false, muted: false, ...over }
}

let seq = 0
export function message(over: Partial<ChatMessage> = {}): ChatMessage {
  seq++
  return {
    id: `m${seq}`,
    conversation: { kind: 'friend', key: 'f:q:10001' },
    direction: 'in',
    time: Date.UTC(2024, 0, 2, 8, 0, seq),
    order: seq,
    segments: [{ type: 'text', text: `hello ${seq}` }],
    status: 'received',
    ...over,
  }
}
