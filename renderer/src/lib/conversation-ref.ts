import type { ConversationRef } from '@contract'

/** One string per conversation, for maps and component keys (kind and key together are unique). */
export function refKey(ref: ConversationRef): string {
  return `${ref.kind}|${ref.key}`
}

export function sameRef(a: ConversationRef | null | undefined, b: ConversationRef | null | undefined): boolean {
  return a != null && b != null && a.kind === b.kind && a.key === b.key
}
