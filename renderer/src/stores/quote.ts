import { defineStore } from 'pinia'
import { shallowRef } from 'vue'
import { sameConversation, type ChatMessage, type ConversationRef } from '@contract'

/**
 * A message someone asked to quote (the message menu's 引用), waiting for its conversation's
 * composer: that composer takes it now, or when it mounts (the chat may be in another window
 * or tab of this page that opens next).
 */
export const useQuoteStore = defineStore('quote', () => {
  const pending = shallowRef<ChatMessage | undefined>()

  function quote(message: ChatMessage): void {
    pending.value = message
  }

  /** The pending quote for this conversation, handed over once. */
  function take(ref: ConversationRef): ChatMessage | undefined {
    const m = pending.value
    if (!m || !sameConversation(m.conversation, ref)) return undefined
    pending.value = undefined
    return m
  }

  return { pending, quote, take }
})
