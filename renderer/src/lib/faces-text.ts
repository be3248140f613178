import { faceById, faceByName, MESSAGE_TEXT_MAX, plainText, UNKNOWN_FACE, type FaceInfo, type PreviewNames, type Segment } from '@contract'

export type OutgoingSegment = { type: 'text'; text: string } | { type: 'face'; id: number }

/** Longest face name in the table is three characters; anything longer in brackets is text. */
const FACE_NAME = /\[([^[\]\n]{1,6})\]/g

/**
 * The composer's text as segments: `[微笑]` style names from the face table become face
 * segments (users typed them this way in WebQQ, §6.8), unknown bracketed words stay text.
 */
export function parseOutgoing(text: string): OutgoingSegment[] {
  const out: OutgoingSegment[] = []
  let last = 0
  for (const m of text.matchAll(FACE_NAME)) {
    const face = faceByName(m[1] ?? '')
    if (!face) continue
    pushText(out, text.slice(last, m.index))
    out.push({ type: 'face', id: face.id })
    last = m.index + m[0].length
  }
  pushText(out, text.slice(last))
  return out
}

function pushText(out: OutgoingSegment[], text: string): void {
  for (let i = 0; i < text.length; i += MESSAGE_TEXT_MAX) out.push({ type: 'text', text: text.slice(i, i + MESSAGE_TEXT_MAX) })
}

export function faceFor(id: number): FaceInfo {
  return faceById(id) ?? UNKNOWN_FACE
}

/** What the composer can type: faces as their `[名字]`; pictures, files and the rest are left out. */
const COMPOSER_NAMES: PreviewNames = { face: (id) => faceFor(id).zh, image: '', file: () => '', callInvite: '', notice: () => '', other: '' }

/** Back to composer text (for Up-arrow recall). */
export function segmentsToText(segments: readonly Segment[]): string {
  return plainText(segments, COMPOSER_NAMES)
}
