import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** One observer for every watched element (a list shows dozens of avatars; one observer each would be as many). */
let shared: { observer: IntersectionObserver; seen: WeakMap<Element, () => void> } | undefined

function observer(): NonNullable<typeof shared> {
  if (!shared) {
    const seen = new WeakMap<Element, () => void>()
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (!e.isIntersecting) continue
          observer.unobserve(e.target)
          seen.get(e.target)?.()
          seen.delete(e.target)
        }
      },
      // A little ahead of the edge, so a row scrolled in has its avatar on the way already.
      { rootMargin: '200px 0px' },
    )
    shared = { observer, seen }
  }
  return shared
}

/**
 * True once `el` has come into view (clipped by its scrolling list: virtual lists keep a few
 * rows out of sight). Without IntersectionObserver everything counts as in view.
 */
export function useSeen(el: Ref<Element | null>): Ref<boolean> {
  const seen = ref(false)
  let watched: Element | null = null
  onMounted(() => {
    if (typeof IntersectionObserver === 'undefined' || !el.value) {
      seen.value = true
      return
    }
    watched = el.value
    const o = observer()
    o.seen.set(watched, () => (seen.value = true))
    o.observer.observe(watched)
  })
  onBeforeUnmount(() => {
    if (!watched || !shared) return
    shared.observer.unobserve(watched)
    shared.seen.delete(watched)
  })
  return seen
}
