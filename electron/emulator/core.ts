import { era, type Era, type EraName } from './era'
import { AccountStore, type AccountInput } from './state/accounts'
import { ChannelStore, type ChannelEnd, type ChannelSession } from './state/channels'
import { LoginStore } from './state/logins'
import { QrRegistry } from './state/qr-codes'
import { Rng } from './state/rng'

export interface EmulatorSettings {
  /** Which period of the service to behave like (default 2018, its last form). */
  era: EraName
  /** Strict checking (§9): Referer family, get_online_buddies2 gate, login2's vfwebqq rejected. */
  strict: boolean
  /** QR code lifetime (§3.4: ≈120 s). */
  qrTtlMs: number
  /** When set, every new QR is scanned after this delay and confirmed the same delay later. */
  autoScanMs: number | undefined
  /** Seed of the generated world (contacts, chatter). */
  seed: number
  /** How long an idle poll2 is held (§6.1: ≈60 s). */
  pollHoldMs: number
  /** How long a channel session lives (§8.1: 1–2 days). */
  sessionTtlMs: number
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  era: '2018',
  strict: true,
  qrTtlMs: 120_000,
  autoScanMs: undefined,
  seed: 1,
  pollHoldMs: 60_000,
  sessionTtlMs: 48 * 3600_000,
}

export interface EmulatorCoreOptions extends Partial<EmulatorSettings> {
  accounts?: AccountInput[]
  log?: (line: string) => void
}

/** The emulated service's state and settings, independent of any socket. */
export class EmulatorCore {
  readonly config: EmulatorSettings & { eraRules: Era }
  readonly accounts: AccountStore
  readonly qr: QrRegistry
  readonly logins: LoginStore
  readonly channels: ChannelStore
  readonly rng: Rng
  readonly log: (line: string) => void
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly channelEndListeners: Array<(c: ChannelSession, reason: ChannelEnd) => void> = []

  constructor(opts: EmulatorCoreOptions = {}) {
    const { accounts, log, ...settings } = opts
    const merged = { ...DEFAULT_SETTINGS, ...stripUndefined(settings) }
    this.config = { ...merged, eraRules: era(merged.era) }
    this.log = log ?? (() => {})
    this.rng = new Rng(merged.seed)
    this.accounts = new AccountStore(accounts)
    this.qr = new QrRegistry(() => this.config.qrTtlMs, () => this.now())
    this.logins = new LoginStore(() => this.now())
    this.channels = new ChannelStore(
      () => this.now(),
      () => this.config.sessionTtlMs,
      (c) => this.endChannel(c, 'expired'),
    )
  }

  now(): number {
    return Date.now()
  }

  setEra(name: EraName): void {
    this.config.era = name
    this.config.eraRules = era(name)
  }

  /** A timer that is cancelled when the emulator stops. */
  later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t)
      fn()
    }, ms)
    t.unref()
    this.timers.add(t)
    return t
  }

  cancel(t: NodeJS.Timeout): void {
    clearTimeout(t)
    this.timers.delete(t)
  }

  onChannelEnd(listener: (c: ChannelSession, reason: ChannelEnd) => void): void {
    this.channelEndListeners.push(listener)
  }

  /**
   * Ends a channel session and its login's web2 cookies, telling listeners (poll queues, kick
   * items). An expired session keeps its ptlogin session, so pt4_auth can log in again without a
   * scan (§3.11); a kicked or logged-out one does not.
   */
  endChannel(channel: ChannelSession, reason: ChannelEnd): void {
    if (channel.ended) return
    this.channels.end(channel, reason)
    if (reason === 'expired') this.logins.endWeb(channel.login)
    else this.logins.end(channel.login)
    for (const l of this.channelEndListeners) l(channel, reason)
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
