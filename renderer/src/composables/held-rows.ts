import { computed, type ComputedRef } from 'vue'

/**
 * The rows a list shows, holding the last ones while a search finds nothing: the list is hidden
 * then (the "没有找到…" note stands in its place), and the keystroke that finds some again
 * patches the rows it kept instead of building every one of them anew.
 */
export function useHeldRows<T>(rows: () => readonly T[]): ComputedRef<readonly T[]> {
  let held: readonly T[] = []
  return computed(() => {
    const now = rows()
    if (now.length > 0) held = now
    return held
  })
}
