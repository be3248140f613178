import type { AvatarSubject, ConversationRef } from '@contract'
import { conversationAvatar } from './avatar-look'

const kept = new Map<string, AvatarSubject | undefined>()

/**
 * `conversationAvatar`, as the same object each time for the same conversation. A list row drawn
 * again (every row in view, per keystroke in the search box) then leaves the Avatar of a contact
 * it still shows alone: Vue compares props by identity, and a new subject object each time made
 * every Avatar in view draw again.
 */
export function keptAvatar(ref: ConversationRef): AvatarSubject | undefined {
  const id = `${ref.kind}\u0000${ref.key}`
  if (kept.has(id)) return kept.get(id)
  if (kept.size > 20_000) kept.clear()
  const subject = conversationAvatar(ref)
  kept.set(id, subject)
  return subject
}
