/** Lower-cased once per contact so that a keystroke only runs `includes` over ready strings. */
export function searchable(...parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((p): p is string => !!p).join('\u0000').toLowerCase()
}

export function normaliseQuery(q: string): string {
  return q.trim().toLowerCase()
}
