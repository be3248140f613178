/**
 * The longest message a person may write, in UTF-16 code units (what a textarea and zod count):
 * the composer's limit, and the limit of `message.send` (all its text together) and of
 * `conversation.setDraft`. 3,000 is a few pages of typing or a long paste. The service took
 * ≈720 UTF-8 bytes per message (§6.4), so the engine splits: 3,000 Chinese characters are
 * 9,000 bytes, 13 messages, and at one send every 3 s (§6.4 rate limits) 39 s of sending and
 * 13 bubbles in the friend's window — beyond that a paste is a file, not a chat message.
 */
export const MESSAGE_TEXT_MAX = 3_000

/**
 * The largest WebSocket frame either side accepts from the renderer (web mode). A maximal
 * message is at most 6 bytes a code unit as JSON (`\u0000` escapes), 18 kB: far below.
 */
export const WS_MAX_FRAME_BYTES = 1024 * 1024

/** The longest signature the UI offers (the official page capped the long nick at 200 characters). */
export const LONG_NICK_MAX = 200
/** A remark for a friend, as the friend-request answer sets it. */
export const MARKNAME_MAX = 64
/** A free-text reason (refusing a friend request). */
export const REASON_MAX = 200
/** A message-search query. */
export const SEARCH_QUERY_MAX = 200

/** A QQ number as the password login takes it (5–11 digits, no leading zero). */
export const QQ_NUMBER = /^[1-9]\d{4,10}$/
/** The longest password the password login sends. */
export const PASSWORD_MAX = 64
/** The longest captcha answer. */
export const CAPTCHA_MAX = 16
