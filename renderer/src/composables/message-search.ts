import { onBeforeUnmount, ref, shallowRef, watch } from 'vue'
import { toErrorView, type ConversationRef, type ErrorView, type SearchHit } from '@contract'
import { searchTerm } from '../lib/snippet'
import { useMessagesStore } from '../stores/messages'

/** A pause in typing this long runs the search (each keystroke would be a query over the whole history). */
export const SEARCH_DEBOUNCE_MS = 250

/**
 * History search as you type: debounced, the previous results gone as soon as the words change
 * (never the old words' hits under the new words), a late answer to older words ignored. `scope`
 * limits it to one conversation. `now()` searches at once (Enter).
 */
export function useMessageSearch(scope: () => ConversationRef | undefined, initial = '') {
  const messages = useMessagesStore()
  const query = ref(initial)
  const hits = shallowRef<SearchHit[]>()
  const error = shallowRef<ErrorView>()
  const busy = ref(false)
  /** The words the shown hits are for. */
  const searched = ref('')
  let generation = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  async function run(): Promise<void> {
    clearTimeout(timer)
    const q = searchTerm(query.value)
    const mine = ++generation
    if (!q) {
      busy.value = false
      return
    }
    busy.value = true
    try {
      const found = await messages.search(q, scope())
      if (mine !== generation) return
      hits.value = found
      searched.value = q
    } catch (e) {
      if (mine === generation) error.value = toErrorView(e)
    } finally {
      if (mine === generation) busy.value = false
    }
  }

  watch(query, () => {
    generation++
    hits.value = undefined
    error.value = undefined
    clearTimeout(timer)
    busy.value = !!searchTerm(query.value)
    if (busy.value) timer = setTimeout(() => void run(), SEARCH_DEBOUNCE_MS)
  })
  onBeforeUnmount(() => {
    clearTimeout(timer)
    generation++
  })

  return { query, hits, error, busy, searched, now: run }
}
