import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

/** How long a batch waits when no frame comes (a hidden page draws none). */
const NO_FRAME_MS = 100

/**
 * `source()` as a ref that takes a new value at most once a frame while it keeps changing: a
 * change after a quiet frame is taken at once (one message shows without delay), the changes
 * that follow it are taken together at the next frame, and so on while they come. A busy group
 * sends 50 messages a second, each its own WebSocket frame and task: taken one by one, each was
 * a render, a measurement and a scroll of the list, all forcing a layout of their own.
 * `urgent(next, shown)`: a change that must not wait (say, a load that started or ended).
 */
export function useFrameBatched<T>(source: () => T, urgent: (next: T, shown: T) => boolean): Readonly<Ref<T>> {
  const shown = shallowRef(source())
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let pending = false

  function schedule(): void {
    frame = requestAnimationFrame(flush)
    timer = setTimeout(flush, NO_FRAME_MS)
  }
  function cancel(): void {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    frame = 0
    timer = undefined
  }
  /** The frame came: take what changed meanwhile, and keep batching while changes come. */
  function flush(): void {
    cancel()
    if (!pending) return
    pending = false
    shown.value = source()
    schedule()
  }

  const stop = watch(
    source,
    (next) => {
      const batching = frame !== 0 || timer !== undefined
      if (batching && !urgent(next, shown.value)) {
        pending = true
        return
      }
      pending = false
      shown.value = next
      if (!batching) schedule()
    },
    { flush: 'sync' },
  )
  onScopeDispose(() => {
    stop()
    cancel()
  })
  return shown
}
