import { faceByEmoji, faceById, faceByName, FACES, MESSAGE_TEXT_MAX, plainText, UNKNOWN_FACE, type FaceInfo, type PreviewNames, type Segment } from '@contract'

export type OutgoingSegment = { type: 'text'; text: string } | { type: 'face'; id: number }

/** Longest face name in the table is three characters; anything longer in brackets is text. */
const FACE_NAME = /\[([^[\]\n]{1,6})\]/g

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/**
 * Any face of the table as the composer shows it: its emoji, the variation selector optional (a
 * keyboard may leave it out), longest first. Not a piece of a bigger emoji: not right after or
 * before a zero-width joiner, nor before a skin tone (👍🏽 is the user's own emoji, kept as text).
 */
const FACE_GLYPH = new RegExp(
  `(?<!\\u200D)(?:${[...FACES]
    .map((f) => f.emoji.replaceAll('\uFE0F', ''))
    .sort((a, b) => b.length - a.length)
    .map((e) => `${escape(e)}\\uFE0F?`)
    .join('|')})(?![\\uFE0F\\u200D\\u{1F3FB}-\\u{1F3FF}])`,
  'gu',
)

/**
 * The composer's text as segments: the faces it shows as emoji, and `[微笑]` style names from
 * the face table (users typed them this way in WebQQ, §6.4), become face segments; unknown
 * bracketed words stay text.
 */
export function parseOutgoing(text: string): OutgoingSegment[] {
  const out: OutgoingSegment[] = []
  let last = 0
  for (const { index, length, face } of facesIn(text)) {
    pushText(out, text.slice(last, index))
    out.push({ type: 'face', id: face.id })
    last = index + length
  }
  pushText(out, text.slice(last))
  return out
}

/** Where faces are in composer text, in order: `[名字]` codes and the table's emoji. */
function facesIn(text: string): Array<{ index: number; length: number; face: FaceInfo }> {
  const found: Array<{ index: number; length: number; face: FaceInfo }> = []
  for (const m of text.matchAll(FACE_NAME)) {
    const face = faceByName(m[1] ?? '')
    if (face) found.push({ index: m.index, length: m[0].length, face })
  }
  for (const m of text.matchAll(FACE_GLYPH)) {
    const face = faceByEmoji(m[0])
    if (face) found.push({ index: m.index, length: m[0].length, face })
  }
  return found.sort((a, b) => a.index - b.index)
}

function pushText(out: OutgoingSegment[], text: string): void {
  for (let i = 0; i < text.length; i += MESSAGE_TEXT_MAX) out.push({ type: 'text', text: text.slice(i, i + MESSAGE_TEXT_MAX) })
}

export function faceFor(id: number): FaceInfo {
  return faceById(id) ?? UNKNOWN_FACE
}

/**
 * Composer text with every known `[名字]` code shown as its face (a draft from before, or a code
 * typed by hand), and where a caret at `caret` ends up.
 */
export function showFaces(text: string, caret = text.length): { text: string; caret: number } {
  let moved = caret
  const shown = text.replace(FACE_NAME, (code: string, name: string, at: number) => {
    const face = faceByName(name)
    if (!face) return code
    // A caret after or inside the code ends up after the face.
    if (at < caret) moved -= Math.min(code.length, caret - at) - face.emoji.length
    return face.emoji
  })
  return { text: shown, caret: moved }
}

/** What the composer can type: faces as their emoji (ids outside the table are left out, as are pictures and files). */
const COMPOSER_NAMES: PreviewNames = { face: (id) => faceById(id)?.emoji ?? '', image: '', file: () => '', callInvite: '', notice: () => '', other: '' }

/** Back to composer text (for Up-arrow recall and quotes). */
export function segmentsToText(segments: readonly Segment[]): string {
  return plainText(segments, COMPOSER_NAMES)
}
