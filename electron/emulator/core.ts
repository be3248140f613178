import { era, type Era, type EraName } from './era'
import { Faults } from './faults'
import { Notifier } from './notify'
import { AccountStore, DEFAULT_ACCOUNT, type AccountInput } from './state/accounts'
import { DEFAULT_KNOBS, WorldBuilder, type GraphKnobs } from './state/generator'
import { ChannelStore, type ChannelEnd, type ChannelSession } from './state/channels'
import { AvatarStore } from './media/avatars'
import { FileStore } from './media/files'
import { PictureStore } from './media/pictures'
import { LoginStore } from './state/logins'
import { SessionFile } from './state/persist'
import { restoreWorld, snapshotWorld } from './state/world-snapshot'
import { QrRegistry } from './state/qr-codes'
import { Rng } from './state/rng'
import type { StatusName } from '../smartqq/status'
import { World } from './state/world'
import { DEFAULT_RATE_LIMIT, type RateLimitSettings } from './web2/rate-limit'

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
  /**
   * How long a ptlogin session lives (§8.1: about two days), and so everything it yields: pt4_auth
   * renews the channel only within it; after it the saved session is dead and the user rescans.
   */
  ptloginTtlMs: number
  /** Size of the default account's generated contacts. */
  graph: GraphKnobs
  /** When the legacy password login (§4) asks for a captcha: never, always, or after a wrong password. */
  captcha: 'never' | 'always' | 'after-failure'
  /** The send APIs' anti-spam limiter (§8.5): over it, sends answer 1202. */
  rateLimit: RateLimitSettings
  /** Scripted members post in the chatty groups and discussions while the account is online. */
  chatter: boolean
  /** Messages per minute in every chatty group / discussion, instead of each one's own rate. */
  chatterRate: number | undefined
  /** How long the image server takes to answer (§7.1: the real one took 10–45 s; 0 unless asked). */
  imageDelayMs: number
  /** How long a file offer waits to be accepted before get_file2 answers 102 (§7.3). */
  fileOfferTtlMs: number
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  era: '2018',
  strict: true,
  qrTtlMs: 120_000,
  autoScanMs: undefined,
  seed: 1,
  pollHoldMs: 60_000,
  sessionTtlMs: 48 * 3600_000,
  ptloginTtlMs: 48 * 3600_000,
  graph: DEFAULT_KNOBS,
  captcha: 'after-failure',
  rateLimit: DEFAULT_RATE_LIMIT,
  chatter: true,
  chatterRate: undefined,
  imageDelayMs: 0,
  fileOfferTtlMs: 10 * 60_000,
}

export interface EmulatorCoreOptions extends Partial<Omit<EmulatorSettings, 'graph' | 'rateLimit'>> {
  /** Accounts besides the default one (which gets the `graph` knobs and the scripted contacts). */
  accounts?: AccountInput[]
  graph?: Partial<GraphKnobs>
  rateLimit?: Partial<RateLimitSettings>
  log?: (line: string) => void
  /** Where the issued sessions and the world are kept across restarts (node:sqlite, state/persist.ts); in memory only without. */
  sessionFile?: string
}

/** The emulated service's state and settings, independent of any socket. */
export class EmulatorCore {
  readonly config: EmulatorSettings & { eraRules: Era }
  readonly accounts: AccountStore
  readonly qr: QrRegistry
  readonly logins: LoginStore
  readonly channels: ChannelStore
  readonly rng: Rng
  readonly world = new World()
  readonly faults: Faults
  readonly notify: Notifier
  /** The pictures contacts sent (§7.1, §7.2). */
  readonly pictures: PictureStore
  /** The avatars getface serves (§7.6). */
  readonly avatars = new AvatarStore()
  /** File offers to the accounts (§7.3). */
  readonly files: FileStore = new FileStore(this)
  readonly log: (line: string) => void
  /** Where this emulator listens (startEmulator sets it): the image server's address (§7.1). */
  readonly address = { host: '127.0.0.1', port: 0 }
  private readonly timers = new Set<NodeJS.Timeout>()
  private clockOffsetMs = 0
  private sessions: { file: SessionFile; timer: NodeJS.Timeout } | undefined
  /** The generator's inputs, which name the world a sessions file may give back. */
  private readonly made: string
  private readonly channelEndListeners: Array<(c: ChannelSession, reason: ChannelEnd) => void> = []

  constructor(opts: EmulatorCoreOptions = {}) {
    const { accounts, log, graph, rateLimit, sessionFile, ...settings } = opts
    const merged = {
      ...DEFAULT_SETTINGS,
      ...stripUndefined(settings),
      graph: { ...DEFAULT_KNOBS, ...stripUndefined(graph ?? {}) },
      rateLimit: { ...DEFAULT_RATE_LIMIT, ...stripUndefined(rateLimit ?? {}) },
    }
    this.config = { ...merged, eraRules: era(merged.era) }
    this.log = log ?? (() => {})
    this.rng = new Rng(merged.seed)
    this.faults = new Faults(this.rng.fork('faults'))
    this.notify = new Notifier(this)
    this.pictures = new PictureStore(this.world, () => this.now())
    this.accounts = new AccountStore(this.world, new WorldBuilder(this.world, this.rng))
    this.accounts.create(DEFAULT_ACCOUNT, merged.graph)
    for (const a of accounts ?? []) this.accounts.create(a)
    this.made = JSON.stringify({ seed: merged.seed, graph: merged.graph, accounts: accounts ?? [] })
    this.qr = new QrRegistry(() => this.config.qrTtlMs, () => this.now())
    this.logins = new LoginStore(
      () => this.now(),
      () => this.config.ptloginTtlMs,
    )
    this.channels = new ChannelStore(
      () => this.now(),
      () => this.config.sessionTtlMs,
      (c) => this.endChannel(c, 'expired'),
    )
    if (sessionFile) this.keepSessionsIn(sessionFile)
  }

  /**
   * Restores the world and the sessions a file holds and keeps them there; a file that is no
   * database is left alone (all in memory only), and a world it cannot give back is replaced by
   * the generated one.
   */
  private keepSessionsIn(path: string): void {
    let file: SessionFile
    try {
      file = new SessionFile(path)
      this.restoreWorldFrom(file, path)
      file.restore(this.logins, this.channels, this.now(), this.config.ptloginTtlMs)
    } catch (err) {
      this.log(`emulator: cannot keep sessions in ${path} (${(err as Error).message}); they live in memory only`)
      return
    }
    // Kept every second and at the stop: a crash loses at most the last second's changes.
    const timer = setInterval(() => {
      try {
        this.saveTo(file)
      } catch (err) {
        this.log(`emulator: cannot save to ${path} (${(err as Error).message})`)
      }
    }, 1000)
    timer.unref()
    this.sessions = { file, timer }
    for (const c of this.channels.allLive()) this.setPresence(c.login.qq, c.status)
  }

  private restoreWorldFrom(file: SessionFile, path: string): void {
    const saved = file.loadWorld(this.made)
    if (!saved) return
    if ('unusable' in saved) {
      this.log(`emulator: the world saved in ${path} is not used: ${saved.unusable}; starting from the generated world`)
      return
    }
    restoreWorld(this.world, saved.snapshot)
    this.accounts.adopt(saved.snapshot.accounts)
    // An account is online only through a live channel, which the sessions restore brings back.
    for (const a of this.accounts.all()) a.status = 'offline'
  }

  private saveTo(file: SessionFile): void {
    file.saveWorld(snapshotWorld(this.world, this.accounts.saved(), this.made))
    file.save(this.logins, this.channels)
  }

  /** The service's clock: the wall clock, moved on by advanceClock (tests, the control API). */
  now(): number {
    return Date.now() + this.clockOffsetMs
  }

  /**
   * Moves the service's clock on, so lifetimes (QR codes, channels, ptlogin sessions) run out
   * without waiting; they are checked on use, so nothing else needs to happen now.
   */
  advanceClock(ms: number): void {
    this.clockOffsetMs += ms
  }

  /**
   * The image server as the service named it, `ip:port` (§7.1: an IP literal, not a host name):
   * this emulator's own address; a wildcard listen address is reached on loopback.
   */
  get imageServer(): string {
    const { host, port } = this.address
    const ip = host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '::1' : host
    return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`
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
    if (reason === 'kicked') this.notify.kick(channel)
    this.channels.end(channel, reason)
    // A client that called login2 twice with the same cookies kicks its own first channel;
    // the login they share must live on for the new one.
    const shared = this.channels.live(channel.login.qq)?.login === channel.login
    if (reason === 'expired') this.logins.endWeb(channel.login)
    else if (!shared) this.logins.end(channel.login)
    for (const l of this.channelEndListeners) l(channel, reason)
    if (!this.channels.live(channel.login.qq)) this.setPresence(channel.login.qq, 'offline')
  }

  /** Sets a person's presence and tells their friends (buddies_status_change). */
  setPresence(qq: string, status: StatusName, clientType?: number): void {
    const p = this.world.person(qq)
    if (!p || (p.status === status && (clientType === undefined || p.clientType === clientType))) return
    p.status = status
    if (clientType !== undefined) p.clientType = clientType
    this.notify.presence(qq)
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
    const sessions = this.sessions
    this.sessions = undefined
    if (sessions) {
      clearInterval(sessions.timer)
      this.saveTo(sessions.file)
      sessions.file.close()
    }
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>
}
