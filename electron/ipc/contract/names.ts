/**
 * The contract's command and event names as plain data (no zod), so the sandboxed preload can
 * build its allow-lists without bundling the schemas. `index.ts` checks that the schemas and
 * the result types cover exactly these names.
 */
export const COMMAND_NAMES = [
  'app.info',
  'login.start',
  'login.cancel',
  'login.password',
  'login.captcha',
  'login.refreshCaptcha',
  'logout',
  'session.get',
  'session.reconnect',
  'contacts.get',
  'contacts.retry',
  'group.members',
  'discussion.members',
  'friend.profile',
  'self.setStatus',
  'self.setLongNick',
  'friendRequest.answer',
  'conversations.list',
  'conversation.open',
  'conversation.read',
  'conversation.setDraft',
  'conversation.setPinned',
  'conversation.setMuted',
  'message.send',
  'message.retry',
  'history.page',
  'history.around',
  'history.search',
  'file.accept',
  'file.refuse',
  'file.reveal',
  'settings.get',
  'settings.set',
  'phone.open',
  'link.open',
] as const
export type CommandName = (typeof COMMAND_NAMES)[number]

export const EVENT_NAMES = [
  'login.state',
  'session.state',
  'contacts.changed',
  'message.new',
  'message.status',
  'conversations.changed',
  'friend.request',
  'typing',
  'file.offer',
  'settings.changed',
  'ui.openConversation',
] as const
export type EventName = (typeof EVENT_NAMES)[number]

export function isCommandName(s: unknown): s is CommandName {
  return typeof s === 'string' && (COMMAND_NAMES as readonly string[]).includes(s)
}
export function isEventName(s: unknown): s is EventName {
  return typeof s === 'string' && (EVENT_NAMES as readonly string[]).includes(s)
}
