/**
 * What the engine needs from its host (Electron shell or web mode), as small interfaces so
 * the engine never imports electron (DESIGN.md boundaries).
 */

/** Where the saved session lives; the host encrypts it at rest when it can. */
export interface SessionVault {
  load(): Promise<unknown>
  save(saved: unknown): Promise<void>
  clear(): Promise<void>
}

/** A vault that keeps nothing (tests, "remember session" off). */
export const NO_VAULT: SessionVault = {
  load: async () => undefined,
  save: async () => undefined,
  clear: async () => undefined,
}
