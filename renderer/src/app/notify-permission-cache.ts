/**
 * How long a read of the notification permission is trusted. Chromium answers
 * `Notification.permission` with a synchronous call to the browser process: read per message, a
 * busy group's 50 a second spent about a millisecond each on it in the page's main thread.
 */
export const PERMISSION_TRUST_MS = 1_000

/**
 * Whether the page may show notifications, read at most once per PERMISSION_TRUST_MS and again at
 * once when the Permissions API reports a change (the user allowed them from Settings).
 */
export function grantedReader(now: () => number = () => performance.now()): () => boolean {
  let granted = false
  let readAt = -Infinity
  void navigator.permissions
    ?.query({ name: 'notifications' })
    .then((s) => s.addEventListener('change', () => (readAt = -Infinity)))
    .catch(() => undefined)
  return () => {
    if (typeof Notification !== 'function') return false
    if (now() - readAt >= PERMISSION_TRUST_MS) {
      granted = Notification.permission === 'granted'
      readAt = now()
    }
    return granted
  }
}
