import { defineStore } from 'pinia'
import { shallowReactive } from 'vue'
import { conversationKey, sameConversation, type ConversationRef, type FileTransferView } from '@contract'
import { useApi } from '../bridge'

export type FileAction = 'accept' | 'refuse' | 'cancel' | 'open' | 'reveal'

/**
 * The files contacts offered (§7.3), by transfer id: listed when a conversation opens, kept
 * current by `file.transfer` (state changes and progress, a few times a second).
 */
export const useFilesStore = defineStore('files', () => {
  const api = useApi()
  const transfers = shallowReactive(new Map<string, FileTransferView>())
  /** The conversations listed, to list again after web mode's connection comes back. */
  const listed = new Map<string, ConversationRef>()
  const inFlight = new Map<string, Promise<void>>()
  /** Transfer ids a card asked about that no list had. */
  const askedFor = new Set<string>()
  /** Event count per transfer: a list that was asked for before the latest event must not put older progress back. */
  const eventSeq = new Map<string, number>()
  let seq = 0

  api.on('file.transfer', (v) => {
    eventSeq.set(v.id, ++seq)
    transfers.set(v.id, v)
  })

  function load(ref: ConversationRef): Promise<void> {
    const k = conversationKey(ref)
    listed.set(k, ref)
    const running = inFlight.get(k)
    if (running) return running
    const asked = seq
    const p = api
      .invoke('file.list', { conversation: ref })
      .then((list) => {
        for (const v of list) if ((eventSeq.get(v.id) ?? 0) <= asked) transfers.set(v.id, v)
      })
      .finally(() => inFlight.delete(k))
    inFlight.set(k, p)
    return p
  }

  /** A card for a transfer this store has not heard of (the offer came after the list): list its conversation once more. */
  function ensure(ref: ConversationRef, id: string): Promise<void> {
    if (transfers.has(id) || askedFor.has(id)) return Promise.resolve()
    askedFor.add(id)
    return load(ref)
  }

  /**
   * The conversation's chat closed: its transfers are forgotten (listed again when it opens; one
   * still moving comes back with its next event) and a reconnect no longer lists it.
   */
  function release(ref: ConversationRef): void {
    listed.delete(conversationKey(ref))
    for (const [id, v] of transfers) {
      if (!sameConversation(v.conversation, ref)) continue
      transfers.delete(id)
      eventSeq.delete(id)
      askedFor.delete(id)
    }
  }

  function reload(): Promise<unknown> {
    return Promise.all([...listed.values()].map(load))
  }

  function act(action: FileAction, id: string): Promise<void> {
    return api.invoke(`file.${action}`, { id })
  }

  return { transfers, load, ensure, release, reload, act, get: (id: string) => transfers.get(id) }
})
