import type { ErrorView } from './errors'
import type { ConversationRef } from './messages'
import type { HostKind, ProfileKind, SecretStorage, StatusName } from './values'

/** What the UI shows of the engine's state (plain data, pushed as events). */

/** The login flow (QR or password), for the login window. */
export type LoginView =
  | { kind: 'idle' }
  /** Trying the saved session first (no QR needed when it is still alive). */
  | { kind: 'restoring' }
  | { kind: 'qr'; image: string; expiresAt: number; refreshes: number }
  | { kind: 'scanned'; image: string; expiresAt: number }
  | { kind: 'confirming'; nick: string }
  | { kind: 'expired' }
  | { kind: 'refused' }
  /** Legacy password login (era 2013 servers). */
  | { kind: 'password-checking' }
  | { kind: 'captcha'; image: string }
  | { kind: 'online' }
  /** A QR login (or the saved session) failed: the QR tab shows it, with a retry. */
  | { kind: 'failed'; error: ErrorView }
  /** A password login failed: only the password tab shows it; the QR tab still gets its QR. */
  | { kind: 'password-failed'; error: ErrorView; refusal?: PasswordRefusal }

/**
 * What ptlogin's `login` refused, by its code (§4.4), so the UI can say what happened and what to
 * do; `password-login-removed` is the 2015-09-30 answer of every later server (§8.6).
 */
export type PasswordRefusal =
  | 'busy'
  | 'account-invalid'
  | 'wrong-password'
  | 'wrong-captcha'
  | 'verification-failed'
  | 'retry'
  | 'bad-parameters'
  | 'too-many-logins'
  | 'cookies-disabled'
  | 'banned'
  | 'needs-second-factor'
  | 'password-login-removed'
  /** A code §4.4 does not name (the error's retcode has it). */
  | 'unknown'

/** The connection as a whole (UX.md: always visible). */
export type SessionView =
  | { kind: 'logged-out' }
  | { kind: 'connecting' }
  | { kind: 'online'; qq: string; nick: string; status: StatusName }
  | { kind: 'reconnecting'; attempt: number; error?: ErrorView }
  /** Network gone; retrying on its own. */
  | { kind: 'offline'; error?: ErrorView; retryAt?: number }
  /** Needs the user: kicked by another login, expired beyond relogin, or too many failures. */
  | { kind: 'session-lost'; reason: 'kicked' | 'expired' | 'failed'; message?: string }

export interface ConversationSummary {
  ref: ConversationRef
  title: string
  face: number
  lastMessage?: { preview: string; senderName?: string; time: number; direction: 'in' | 'out'; status: string }
  unread: number
  draft?: string
  pinned: boolean
  muted: boolean
  /** Someone mentioned me (@) in this group or discussion since I last read it. */
  mentioned?: boolean
}

export interface SearchHit {
  messageId: string
  conversation: ConversationRef
  title: string
  time: number
  /** The matching text with the match marked by \u0001 … \u0002. */
  snippet: string
  /** Who wrote it: the sender's name of a received message (none for a system line). */
  sender?: string
  /** One's own message. */
  mine?: boolean
}

export interface FriendRequestView {
  /** The requester's QQ number (system_message verify_required carries it, §5.14). */
  account: string
  /** Their nickname when the service could tell it (get_stranger_info2), else empty. */
  nick: string
  message: string
  time: number
}

export interface AppInfo {
  version: string
  /** web mode: the same UI in a browser. */
  host: HostKind
  profile: ProfileKind
  /** The simulated phone page of the embedded / custom emulator. */
  phoneUrl?: string
  /** How the saved session is protected at rest. */
  secretStorage: SecretStorage
  /** The saved session could not be read and was kept aside: the QR panel says why a scan is needed. */
  sessionSetAside?: SessionSetAside
  platform: string
}

/**
 * Why the saved session was kept aside (renamed beside the vault file) instead of used: the
 * storage backend that encrypted it changed (Linux: e.g. gnome_libsecret to basic_text when the
 * keyring is not there) and the new one cannot decrypt it, or it does not decrypt at all. Or it
 * was read and tried, and the server said its login had expired (§8.1: about two days).
 */
export type SessionSetAside = { reason: 'backend-changed'; from: string; to: string } | { reason: 'unreadable' } | { reason: 'expired' }
