import type { ImageMime } from '@contract'
import type { ThreadPicture } from './thread-pictures'
import { visibleName } from './file-name'

const EXTENSIONS: Record<ImageMime, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/bmp': 'bmp' }

/**
 * What "save as" suggests: the name the sender's client gave it (a cface name, §7.2) without
 * any folder part, else one made from its hash; the extension always the one its bytes are.
 * Only a suggestion: the save dialog and the browser decide the file's name.
 */
export function saveName(p: Pick<ThreadPicture, 'picture' | 'name'>): string {
  const ext = EXTENSIONS[p.picture.mime]
  const given = visibleName(p.name ?? '')
    .replace(/^.*[/\\]/, '')
    .replace(/\.[^.]*$/, '')
    .replace(/^\.+/, '')
    .slice(0, 100)
  return `${given || `QQ-${p.picture.hash.slice(0, 12)}`}.${ext}`
}
