import { createHash } from 'node:crypto'
import type { QQClient } from '../../electron/engine/client'
import type { ChatMessage, Segment } from '../../electron/model'
import { eventually } from './client'

/** Test helpers for pictures and files: what a client heard, and the picture segments of a message. */

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex')

/** Every message and message update a client emits, from now on. */
export function recorder(c: QQClient): { messages: ChatMessage[]; updates: ChatMessage[] } {
  const out = { messages: [] as ChatMessage[], updates: [] as ChatMessage[] }
  c.on('message', (m) => out.messages.push(m))
  c.on('updated', (m) => out.updates.push(m))
  return out
}

export type ImageSegment = Extract<Segment, { type: 'image' }>

export function imagesOf(m: ChatMessage): ImageSegment[] {
  return m.segments.filter((s): s is ImageSegment => s.type === 'image')
}

/** Waits for the received message a predicate picks. */
export function arrival(rec: ReturnType<typeof recorder>, pred: (m: ChatMessage) => boolean, what = 'the message'): Promise<ChatMessage> {
  return eventually(() => rec.messages.find(pred), 10_000, what)
}

/** Waits until a message's every picture is had or failed (its last update), and returns that message. */
export function settledPictures(rec: ReturnType<typeof recorder>, id: string, timeoutMs = 15_000): Promise<ChatMessage> {
  return eventually(
    () => {
      const last = rec.updates.filter((m) => m.id === id).at(-1)
      return last && imagesOf(last).every((s) => s.picture || s.failure) ? last : undefined
    },
    timeoutMs,
    `the pictures of ${id}`,
  )
}
