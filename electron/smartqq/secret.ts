import { timingSafeEqual } from 'node:crypto'

/**
 * Whether a presented secret (the emulator's control secret, web mode's page token) is the
 * expected one, in a time that does not tell how much of it was right (a page probing a
 * loopback server could otherwise guess it byte by byte).
 */
export function secretMatches(given: string | null | undefined, secret: string): boolean {
  const a = Buffer.from(given ?? '')
  const b = Buffer.from(secret)
  return a.length === b.length && timingSafeEqual(a, b)
}
