import { plainText, ZH_PREVIEW_NAMES, type Segment } from '../../model'

/** Plain text of a message for previews, notifications and the search index (Chinese, like the UI default). */
export function messageText(segments: readonly Segment[]): string {
  return plainText(segments, ZH_PREVIEW_NAMES)
}
