import { useI18n } from 'vue-i18n'
import type { ChatMessage } from '@contract'
import { useConversationsStore } from '../stores/conversations'

/** A picture's alternative text says whose it is: the group member who sent it, the friend of a one-to-one chat, or me. */
export function usePictureAlt(): (message: ChatMessage) => string {
  const { t } = useI18n()
  const conversations = useConversationsStore()
  return (m) => (m.direction === 'out' ? t('picture.altMine') : t('picture.altFrom', { name: m.sender?.name ?? conversations.titleOf(m.conversation) }))
}
