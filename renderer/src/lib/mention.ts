/**
 * The @ picker's text rules. SmartQQ had no mention element: the official clients sent a mention
 * as the text `@名字` (it arrives as its own text segment, §6.3), so the composer only inserts
 * text. What follows the `@` up to the caret is the query; an `@` inside a word (an e-mail
 * address, `a@b`) starts none.
 */

/** Longest query still read as a mention being typed; past it the `@` was something else. */
const QUERY_MAX = 24

export interface MentionQuery {
  /** Index of the `@`. */
  start: number
  query: string
}

/** The mention being typed just before `caret`, if any. */
export function mentionQuery(text: string, caret: number): MentionQuery | undefined {
  const before = text.slice(0, caret)
  const at = before.lastIndexOf('@')
  if (at < 0) return undefined
  const query = before.slice(at + 1)
  if (query.length > QUERY_MAX || /[\s@]/.test(query)) return undefined
  const prev = before[at - 1]
  if (prev !== undefined && /[\p{L}\p{N}_.+-]/u.test(prev) && !/\p{Script=Han}/u.test(prev)) return undefined
  return { start: at, query }
}

export interface Mentionable {
  uin: string
  /** What the list shows: card → remark → nick → number. */
  label: string
  /** What the others know them as, so their clients see the mention: card, else nick (a remark is only mine). */
  mention: string
  nick: string
}

/**
 * Members matching the query: those whose label, mention name or nick starts with it first,
 * then those containing it, each in the given order (case-insensitive).
 */
export function matchMembers<T extends Mentionable>(members: readonly T[], query: string, limit = 50): T[] {
  const q = query.toLowerCase()
  if (!q) return members.slice(0, limit)
  // One pass, each member's names lowered once: a 2,000-member group is 2,000 members per keystroke.
  const starts: T[] = []
  const contains: T[] = []
  for (const m of members) {
    const names = [m.label.toLowerCase(), m.mention.toLowerCase(), m.nick.toLowerCase()]
    if (names.some((n) => n.startsWith(q))) {
      if (starts.push(m) === limit) break
    } else if (contains.length < limit && names.some((n) => n.includes(q))) contains.push(m)
  }
  return [...starts, ...contains].slice(0, limit)
}

/** The text with `@query` replaced by `@name ` and the caret after the space. */
export function insertMention(text: string, found: MentionQuery, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `
  // A space the user already typed after the caret is not doubled.
  const rest = text.slice(caret)
  const after = rest.startsWith(' ') ? rest.slice(1) : rest
  return { text: text.slice(0, found.start) + inserted + after, caret: found.start + inserted.length }
}

/** The DOM id of an option of the listbox `listId` (the text box points at the active one). */
export function mentionOptionId(listId: string, index: number): string {
  return `${listId}-${index}`
}
