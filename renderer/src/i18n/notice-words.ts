import type { Notice } from '@contract'

/**
 * A system line in words: which message says it (who let a member in or removed them, whether
 * an admin was set or unset) and its values. The one choice the chat, the copy menu and web
 * notifications share.
 */
export function noticeWords(t: (key: string, values: Record<string, unknown>) => string, n: Notice): string {
  switch (n.kind) {
    case 'member-joined':
      return n.by ? t('notice.memberJoinedBy', n) : t('notice.memberJoined', n)
    case 'member-removed':
      return n.by ? t('notice.memberRemovedBy', n) : t('notice.memberRemoved', n)
    case 'member-left':
      return t('notice.memberLeft', n)
    case 'admin-changed':
      return t(n.admin ? 'notice.adminSet' : 'notice.adminUnset', n)
    case 'tips':
      return t('notice.tips', n)
    case 'shake':
      return t('notice.shake', n)
  }
}
