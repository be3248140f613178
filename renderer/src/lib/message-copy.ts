import { plainText, type ChatMessage, type PreviewNames } from '@contract'
import { faceFor } from './faces-text'

/** How the parts that are not text read when a message is copied, in the UI's language. */
export interface CopyWords {
  image: string
  file: (name: string) => string
  callInvite: string
  notice: PreviewNames['notice']
  other: string
}

/**
 * A message as the text 复制 puts on the clipboard: its text as it is, faces as their names in
 * brackets (`[微笑]`, which the composer turns back into faces when pasted), pictures as [图片].
 */
export function copyText(message: ChatMessage, words: CopyWords): string {
  if (message.damaged) return ''
  return plainText(message.segments, { ...words, face: (id) => `[${faceFor(id).zh}]` })
}
