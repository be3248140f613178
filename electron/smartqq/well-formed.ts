/** String.prototype.isWellFormed / toWellFormed (ES2024; the project's lib is ES2023). */
export type WellFormable = string & { toWellFormed(): string; isWellFormed(): boolean }

/** Lone surrogates → U+FFFD; everything else as it was. */
export function withoutLoneSurrogates(s: string): string {
  return (s as WellFormable).isWellFormed() ? s : (s as WellFormable).toWellFormed()
}

/**
 * A string from the network made safe to keep: lone surrogates become U+FFFD (what SQLite's
 * UTF-8 would store anyway — a key that changes between memory and disk splits a conversation)
 * and NUL characters are dropped (C strings, file names and logs end at them).
 */
export function wellFormed(s: string): string {
  const w = withoutLoneSurrogates(s)
  return w.includes('\0') ? w.replaceAll('\0', '') : w
}
