import type { ChatMessage, Picture } from '@contract'

/** One picture of a conversation, as the lightbox steps through them. */
export interface ThreadPicture {
  message: ChatMessage
  /** The image segment's index in the message. */
  index: number
  picture: Picture
  /** The name the sender gave it (cface names, §7.2), when there is one. */
  name?: string
}

/** The pictures that have arrived in these messages, in message order (those still loading or failed have nothing to show). */
export function picturesOf(messages: readonly ChatMessage[]): ThreadPicture[] {
  const out: ThreadPicture[] = []
  for (const message of messages) {
    if (message.damaged) continue
    message.segments.forEach((s, index) => {
      if (s.type === 'image' && s.picture) out.push({ message, index, picture: s.picture, name: s.name })
    })
  }
  return out
}
