import { onBeforeUnmount, ref, type Ref } from 'vue'

export type PermissionState = NotificationPermission | 'unsupported'

function current(): PermissionState {
  return typeof Notification === 'function' ? Notification.permission : 'unsupported'
}

/**
 * The browser's notification permission (web mode), live, and the request for it. The request
 * must come from a user gesture (a click in Settings): browsers ignore or penalise asking on load.
 */
export function useNotificationPermission(): { state: Ref<PermissionState>; request(): Promise<void> } {
  const state = ref<PermissionState>(current())
  // The user may change it in the browser's site settings while the dialog is open.
  let status: PermissionStatus | undefined
  const onChange = (): void => {
    state.value = current()
  }
  void navigator.permissions
    ?.query({ name: 'notifications' })
    .then((s) => {
      status = s
      s.addEventListener('change', onChange)
    })
    .catch(() => undefined)
  onBeforeUnmount(() => status?.removeEventListener('change', onChange))
  return {
    state,
    request: async () => {
      if (state.value === 'unsupported') return
      state.value = await Notification.requestPermission()
    },
  }
}
