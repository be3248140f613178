/**
 * The anti-spam limiter in front of the send APIs (§8.5, §9 item 40). Nobody measured the
 * real thresholds; the folklore is "≥ 3 s between sends" and "ten-odd quick messages get the
 * account locked", after which every send answers 1202 for a while.
 */
export interface RateLimitSettings {
  enabled: boolean
  /** Sends allowed back to back. */
  burst: number
  /** One more send is allowed per this many ms. */
  refillMs: number
  /** How long every send is refused after repeated violations. */
  cooldownMs: number
}

/** A person typing never hits these; a script firing ten-odd messages at once does. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = { enabled: true, burst: 10, refillMs: 2000, cooldownMs: 60_000 }

/** Refused sends within one cooling period that lock the account for that period. */
const VIOLATIONS_TO_COOL = 3

interface Bucket {
  tokens: number
  at: number
  violations: number[]
  coolUntil: number
}

/** A token bucket per account, with a cooling period after repeated violations. */
export class SendLimiter {
  private readonly buckets = new Map<string, Bucket>()

  /** True when the account may send now (and counts the send); false means 1202. */
  take(account: string, now: number, s: RateLimitSettings): boolean {
    if (!s.enabled) return true
    const b = this.buckets.get(account) ?? { tokens: s.burst, at: now, violations: [], coolUntil: 0 }
    this.buckets.set(account, b)
    b.tokens = Math.min(s.burst, b.tokens + (now - b.at) / Math.max(1, s.refillMs))
    b.at = now
    if (now < b.coolUntil) return false
    if (b.tokens >= 1) {
      b.tokens -= 1
      return true
    }
    b.violations = [...b.violations.filter((t) => now - t < s.cooldownMs), now]
    if (b.violations.length >= VIOLATIONS_TO_COOL) {
      b.coolUntil = now + s.cooldownMs
      b.violations = []
    }
    return false
  }
}
