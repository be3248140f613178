/**
 * The app model: what the engine produces and the UI shows (contacts, messages, views of the
 * engine's state), the closed value sets, and the few rules both sides apply. Pure — no Node,
 * no electron (lint checks) — so the engine, the backend, the IPC contract and the renderer
 * share one definition.
 */
export * from './values'
export * from './errors'
export type * from './contacts'
export * from './messages'
export * from './media'
export type * from './views'
export * from './conversations'
export * from './links'
export * from './faces'
export * from './preview'
export * from './attention'
export * from './first-view'
