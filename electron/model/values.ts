import { z } from 'zod'

/**
 * Every closed set of values the app speaks of, defined once as a zod enum; the types derive
 * from them, and the IPC schemas, the engine and the UI all use these.
 */

/** Online states (§3.7, §5.16). */
export const statusSchema = z.enum(['online', 'away', 'busy', 'silent', 'hidden', 'offline', 'callme'])
export type StatusName = z.infer<typeof statusSchema>
export const STATUS_NAMES = statusSchema.options

/** The statuses a user can pick, in menu order (offline is logging out). */
export const SETTABLE_STATUSES = ['online', 'callme', 'away', 'busy', 'silent', 'hidden'] as const satisfies readonly StatusName[]
export type SettableStatus = (typeof SETTABLE_STATUSES)[number]

/** What kind of client a contact is on (§5.7 client_type). */
export const clientKindSchema = z.enum(['pc', 'mobile', 'iphone', 'web', 'pad', 'unknown'])
export type ClientKind = z.infer<typeof clientKindSchema>

export const conversationKindSchema = z.enum(['friend', 'group', 'discussion', 'session'])
export type ConversationKind = z.infer<typeof conversationKindSchema>

/** The parts of the contact list, each loaded (and failing) on its own. */
export const contactPartSchema = z.enum(['self', 'friends', 'groups', 'discussions', 'online', 'recent'])
export type ContactPart = z.infer<typeof contactPartSchema>

export const memberRoleSchema = z.enum(['owner', 'admin', 'member'])
export type MemberRole = z.infer<typeof memberRoleSchema>

export const messageStatusSchema = z.enum(['received', 'queued', 'sending', 'sent', 'failed', 'unknown'])
export type MessageStatus = z.infer<typeof messageStatusSchema>

/** Where the engine connects: the embedded emulator, an emulator elsewhere, Tencent's servers. */
export const profileKindSchema = z.enum(['emulator', 'custom', 'tencent'])
export type ProfileKind = z.infer<typeof profileKindSchema>

/** What runs the app: the Electron shell, or web mode in a browser. */
export const hostKindSchema = z.enum(['electron', 'web'])
export type HostKind = z.infer<typeof hostKindSchema>

/** How the saved session is protected at rest. */
export const secretStorageSchema = z.enum(['encrypted', 'plaintext', 'unavailable'])
export type SecretStorage = z.infer<typeof secretStorageSchema>

/**
 * Kinds of failure (STYLE.md: errors are values with a kind; the UI's words come from i18n by kind).
 * - network: no answer (refused, reset, DNS); timeout: none in time; http: an unexpected status;
 * - protocol: a non-zero retcode; malformed: an answer that cannot be understood;
 * - session-lost: the session needs the user; cancelled: the caller stopped it; bad-input: an invalid request;
 * - unavailable: the backend is (re)starting its engine and cannot do it yet.
 */
export const errorKindSchema = z.enum(['network', 'timeout', 'http', 'protocol', 'malformed', 'session-lost', 'cancelled', 'bad-input', 'unavailable'])
export type ErrorKind = z.infer<typeof errorKindSchema>
