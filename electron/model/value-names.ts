/**
 * The names of every closed set of values the app speaks of, as plain arrays: values.ts builds
 * its zod enums from them, and the renderer's first chunk reads them without loading zod (issue
 * 13: zod's own start and the schemas were ~40 ms of the page's startup script).
 */

/** Online states (§3.7, §5.16). */
export const STATUS_NAMES = ['online', 'away', 'busy', 'silent', 'hidden', 'offline', 'callme'] as const
export type StatusName = (typeof STATUS_NAMES)[number]

/** The statuses a user can pick, in menu order (offline is logging out). */
export const SETTABLE_STATUSES = ['online', 'callme', 'away', 'busy', 'silent', 'hidden'] as const satisfies readonly StatusName[]
export type SettableStatus = (typeof SETTABLE_STATUSES)[number]

/** What kind of client a contact is on (§5.7 client_type). */
export const CLIENT_KINDS = ['pc', 'mobile', 'iphone', 'web', 'pad', 'unknown'] as const
export type ClientKind = (typeof CLIENT_KINDS)[number]

export const CONVERSATION_KINDS = ['friend', 'group', 'discussion', 'session'] as const
export type ConversationKind = (typeof CONVERSATION_KINDS)[number]

/** The parts of the contact list, each loaded (and failing) on its own. */
export const CONTACT_PARTS = ['self', 'friends', 'groups', 'discussions', 'online', 'recent'] as const
export type ContactPart = (typeof CONTACT_PARTS)[number]

export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const
export type MemberRole = (typeof MEMBER_ROLES)[number]

export const MESSAGE_STATUSES = ['received', 'queued', 'sending', 'sent', 'failed', 'unknown'] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/** Where the engine connects: the embedded emulator, an emulator elsewhere, Tencent's servers. */
export const PROFILE_KINDS = ['emulator', 'custom', 'tencent'] as const
export type ProfileKind = (typeof PROFILE_KINDS)[number]

/** What runs the app: the Electron shell, or web mode in a browser. */
export const HOST_KINDS = ['electron', 'web'] as const
export type HostKind = (typeof HOST_KINDS)[number]

/** How the saved session is protected at rest. */
export const SECRET_STORAGES = ['encrypted', 'plaintext', 'unavailable'] as const
export type SecretStorage = (typeof SECRET_STORAGES)[number]

/**
 * Kinds of failure (STYLE.md: errors are values with a kind; the UI's words come from i18n by kind).
 * - network: no answer (refused, reset, DNS); timeout: none in time; http: an unexpected status;
 * - protocol: a non-zero retcode; malformed: an answer that cannot be understood;
 * - session-lost: the session needs the user; cancelled: the caller stopped it; bad-input: an invalid request;
 * - unavailable: the backend is (re)starting its engine and cannot do it yet.
 */
export const ERROR_KINDS = ['network', 'timeout', 'http', 'protocol', 'malformed', 'session-lost', 'cancelled', 'bad-input', 'unavailable'] as const
export type ErrorKind = (typeof ERROR_KINDS)[number]

/** Whether `value` is one of `names` (typed: a string from the wire narrowed to the set's type). */
export function isOneOf<T extends string>(names: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (names as readonly string[]).includes(value)
}
