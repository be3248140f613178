import { onScopeDispose, shallowRef, watch, type Ref } from 'vue'

/** How long a batch waits for a frame when none comes (a hidden page draws none). */
const NO_FRAME_MS = 100

/**
 * `source()` as a ref that takes a new value at most once per `windowMs` (at a frame) while it
 * keeps changing: a change after a quiet window is taken at once (one message shows without
 * delay), the changes that follow it within the window are taken together at the first frame
 * after it, and so on while they come. A busy group sends 50 messages a second, each its own
 * WebSocket frame and task, 20 ms apart: taken one by one (a frame is 16.7 ms, so batching per
 * frame merged almost none), each was a render, a measurement, a layout and a scroll of the list;
 * a window of 100 ms draws about five at a time. `urgent(next, shown)`: a change that must not
 * wait (a load that started or ended, the user's own message).
 */
export function useFrameBatched<T>(source: () => T, urgent: (next: T, shown: T) => boolean, windowMs = 0): Readonly<Ref<T>> {
  const shown = shallowRef(source())
  let frame = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let batching = false
  let pending = false

  /** The window opens: at its end, the first frame takes what changed meanwhile. */
  function schedule(): void {
    batching = true
    if (windowMs > 0) timer = setTimeout(awaitFrame, windowMs)
    else awaitFrame()
  }
  function awaitFrame(): void {
    timer = setTimeout(flush, NO_FRAME_MS)
    frame = requestAnimationFrame(flush)
  }
  function cancel(): void {
    cancelAnimationFrame(frame)
    clearTimeout(timer)
    frame = 0
    timer = undefined
    batching = false
  }
  /** The window's frame came: take what changed meanwhile, and keep batching while changes come. */
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
