import chimeUrl from '../../../resources/sounds/message.wav'

/**
 * The bundled new-message sound (resources/sounds/message.wav, drawn by draw-chime.mjs), from the
 * built assets: web mode plays it with its notifications, Electron when the main process says it
 * showed one (`ui.playSound`). One element, rewound, so quick messages never stack up a chorus;
 * and a burst (a busy group: 50 a second in issue 13) chimes once, not once per message.
 */
export const CHIME_QUIET_MS = 1_000

let audio: HTMLAudioElement | undefined
let lastChime = -Infinity

/** Plays the chime unless one began less than CHIME_QUIET_MS ago; true when it played. */
export function playChime(): boolean {
  const now = performance.now()
  if (now - lastChime < CHIME_QUIET_MS) return false
  lastChime = now
  audio ??= new Audio(chimeUrl)
  audio.currentTime = 0
  // A browser may refuse sound before the page had a gesture: a missed chime is not an error.
  audio.play().catch(() => undefined)
  return true
}
