import type { Segment } from '../../model'
import { faceById } from '../../model/faces'
import { plainText } from '../../model/preview'

/** Plain text of a message for previews, notifications and the search index (Chinese, like the UI default). */
export function messageText(segments: readonly Segment[]): string {
  return plainText(segments, {
    face: (id) => faceById(id)?.zh ?? '表情',
    image: '[图片]',
    file: (name) => `[文件] ${name}`,
    other: '[消息]',
  })
}
