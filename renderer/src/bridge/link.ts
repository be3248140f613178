/** The transport's own connection (web mode's WebSocket); Electron IPC has none to show. */
export type LinkState = { kind: 'connecting'; attempt: number } | { kind: 'open' } | { kind: 'waiting'; attempt: number; retryAt: number }

export interface LinkSource {
  link(): LinkState
  onLink(listener: (state: LinkState) => void): () => void
}
