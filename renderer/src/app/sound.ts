import chimeUrl from '../../../resources/sounds/message.wav'

/**
 * The bundled new-message sound (resources/sounds/message.wav, drawn by draw-chime.mjs), from the
 * built assets: web mode plays it with its notifications, Electron when the main process says it
 * showed one (`ui.playSound`). One element, rewound, so quick messages never stack up a chorus.
 */
let audio: HTMLAudioElement | undefined

export function playChime(): void {
  audio ??= new Audio(chimeUrl)
  audio.currentTime = 0
  // A browser may refuse sound before the page had a gesture: a missed chime is not an error.
  audio.play().catch(() => undefined)
}
