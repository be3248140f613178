import { EventEmitter } from 'node:events'
import { EngineError, isEngineError } from '../errors'
import { toErrorView } from '../../model'
import type { Logger } from '../log'
import { getOnlineBuddies2 } from '../endpoints/contact-endpoints'
import { relink } from '../endpoints/login-endpoints'
import { poll2 } from '../endpoints/message-endpoints'
import { orderKey, type PollEvent } from '../endpoints/poll-items'
import type { Session } from '../session'
import type { SessionView } from '../../model/views'

/**
 * The poll2 loop (§6.1, §8.2, §8.7) and its watchdog. Every answer has a defined reaction:
 *   events / idle          → dispatch, poll again
 *   116                    → adopt the new ptwebqq (and its cookie), poll again
 *   120 / 121, > N failures → relink (login2 with the psessionid), bounded
 *   103                    → get_online_buddies2 (re-registers the session), count a failure
 *   100, 109, 110, 122, 100000, 100001, relink refused → silent relogin from the saved cookies (pt4_auth), bounded
 *   HTTP 504 / 502         → an idle poll (2017's norm, §6.1): not a failure
 *   kick_message           → stop, session lost with the service's reason — never an automatic relogin (§8.4)
 *   network down           → offline, retry with capped exponential backoff and jitter
 * After bounded recovery fails the loop stops in `session-lost` and says why; it never spins.
 */

export type Health = Extract<SessionView, { kind: 'online' | 'reconnecting' | 'offline' | 'session-lost' }>

export interface PollLoopOptions {
  /** Wait after a failing retcode (the official client waited 10 s). */
  retryDelayMs: number
  /** Consecutive failures before a relink (official: 8). */
  maxFailures: number
  maxRelinks: number
  maxRelogins: number
  /** Network backoff: base and cap. */
  backoffBaseMs: number
  backoffMaxMs: number
  /** Polls that come back empty faster than this are spaced out (no spinning on storms). */
  minIdlePollMs: number
  /**
   * A poll whose answer held presence changes alone and came back faster than this is followed
   * by the next one this long after it started (0: at once). See `run`.
   */
  presencePollSpacingMs: number
  /** A poll with no progress for this long is aborted by the watchdog. */
  watchdogMs: number
}

export const DEFAULT_POLL_OPTIONS: PollLoopOptions = {
  retryDelayMs: 10_000,
  maxFailures: 8,
  maxRelinks: 3,
  maxRelogins: 2,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
  minIdlePollMs: 1_000,
  presencePollSpacingMs: 250,
  watchdogMs: 150_000,
}

export interface PollHooks {
  /** Logs in again without the user (pt4_auth from the saved cookies); updates the session in place. */
  relogin(signal: AbortSignal): Promise<void>
}

export interface PollStats {
  polls: number
  /** Polls whose answer carried events (only these may follow each other without a pause). */
  withEvents: number
  failures: number
  relinks: number
  relogins: number
  watchdogAborts: number
}

const RELINK_CODES = new Set([120, 121])
// 122 "wrong web client3" (§2.6): the service no longer takes this web login.
const RELOGIN_CODES = new Set([100, 109, 110, 122, 100000, 100001])
const RELINK_LATER = new Set([112, 113, 115])

export class PollLoop extends EventEmitter<{ events: [PollEvent[]]; health: [Health] }> {
  private readonly opts: PollLoopOptions
  private running = false
  private stopCtl: AbortController | undefined
  private iterationCtl: AbortController | undefined
  private iterationStarted = 0
  private watchdog: NodeJS.Timeout | undefined
  private failures = 0
  private networkStreak = 0
  private current: Health = { kind: 'reconnecting', attempt: 0 }
  private wake: (() => void) | undefined
  /** poll2's ptwebqq is "" from now on: the service answered a non-empty one with 2018's anomaly (§3.10). */
  private emptyPtwebqq = false
  readonly stats: PollStats = { polls: 0, withEvents: 0, failures: 0, relinks: 0, relogins: 0, watchdogAborts: 0 }

  constructor(
    private readonly session: Session,
    private readonly hooks: PollHooks,
    private readonly logger: Logger,
    opts: Partial<PollLoopOptions> = {},
  ) {
    super()
    this.opts = { ...DEFAULT_POLL_OPTIONS, ...opts }
  }

  get health(): Health {
    return this.current
  }

  get isRunning(): boolean {
    return this.running
  }

  private setHealth(h: Health): void {
    const same = h.kind === this.current.kind && JSON.stringify(h) === JSON.stringify(this.current)
    this.current = h
    if (!same) this.emit('health', h)
  }

  private online(): void {
    this.setHealth({ kind: 'online', qq: this.session.qq, nick: this.session.info.nick, status: this.session.info.status })
  }

  start(): void {
    if (this.running) return
    this.running = true
    this.stopCtl = new AbortController()
    this.failures = 0
    this.online()
    this.watchdog = setInterval(() => this.checkWatchdog(), Math.min(5_000, this.opts.watchdogMs / 2))
    this.watchdog.unref()
    void this.supervise()
  }

  stop(): void {
    if (!this.running) return
    this.running = false
    this.stopCtl?.abort()
    this.iterationCtl?.abort()
    clearInterval(this.watchdog)
    this.wake?.()
  }

  /** Cuts a backoff wait short (the user's "reconnect now"). */
  reconnectNow(): void {
    this.wake?.()
  }

  /** Keeps the loop alive: an unexpected exception restarts it after a pause instead of killing it silently. */
  private async supervise(): Promise<void> {
    while (this.running) {
      try {
        await this.run()
      } catch (err) {
        if (!this.running) return
        this.logger.error(`poll loop crashed, restarting: ${(err as Error).stack ?? String(err)}`)
        await this.pause(this.opts.retryDelayMs)
      }
    }
  }

  private checkWatchdog(): void {
    if (this.running && this.iterationCtl && Date.now() - this.iterationStarted > this.opts.watchdogMs) {
      this.stats.watchdogAborts++
      this.logger.warn('poll2 made no progress; aborting the request')
      this.iterationCtl.abort()
    }
  }

  /** A wait that stop() or reconnectNow() ends early. */
  private async pause(ms: number): Promise<void> {
    if (!this.running) return
    await new Promise<void>((resolve) => {
      const t = setTimeout(done, ms)
      function done() {
        clearTimeout(t)
        resolve()
      }
      this.wake = done
    })
    this.wake = undefined
  }

  private jitter(ms: number): number {
    return Math.round(ms * (0.8 + Math.random() * 0.4))
  }

  private async run(): Promise<void> {
    while (this.running) {
      const started = Date.now()
      this.iterationCtl = new AbortController()
      this.iterationStarted = started
      // stop() aborts the iteration's controller too: no AbortSignal.any with the stop signal per poll (issue 13).
      const signal = this.iterationCtl.signal
      let quiet = false
      let presenceOnly = false
      try {
        this.stats.polls++
        const ptwebqq = this.emptyPtwebqq ? '' : this.session.cred.ptwebqq
        const answer = await this.session.http.call(poll2, { cred: this.session.cred, ptwebqq }, { signal })
        this.networkStreak = 0
        switch (answer.kind) {
          case 'events': {
            this.failures = 0
            if (this.current.kind !== 'online') this.online()
            if (answer.rejected) this.logger.warn(`poll2: left out ${answer.rejected} item(s) that did not fit`)
            quiet = answer.events.length === 0
            presenceOnly = !quiet && answer.events.every((e) => e.type === 'buddies_status_change')
            if (!quiet) this.stats.withEvents++
            if (!this.dispatch(answer.events)) return
            break
          }
          case 'idle':
            this.failures = 0
            if (this.current.kind !== 'online') this.online()
            quiet = true
            break
          case 'rotate':
            await this.rotate(answer.ptwebqq)
            break
          case 'anomaly':
            quiet = true
            // From 2018-01 the answer to a poll that carried a ptwebqq (§3.10): carry none from now on.
            if (ptwebqq !== '') {
              this.emptyPtwebqq = true
              this.logger.info('poll2 refused the ptwebqq (2018-01); polling with "" from now on')
              break
            }
            // 2018: an error dressed as success; check the session is still registered.
            await this.fail(undefined, signal)
            break
          case 'retcode':
            if (!(await this.onRetcode(answer.retcode, signal))) return
            quiet = true
            break
        }
      } catch (err) {
        if (!this.running) return
        if (!(await this.onError(err))) return
        quiet = true
      } finally {
        this.iterationCtl = undefined
      }
      if (this.failures > this.opts.maxFailures && !(await this.recover('relink'))) return
      // Never spin: an answer without news that came back fast is spaced out.
      const took = Date.now() - started
      if (quiet && took < this.opts.minIdlePollMs) await this.pause(this.jitter(this.opts.minIdlePollMs - took))
      // A stream of presence changes (5,000 friends, 100 a second, a server a millisecond away:
      // one change per answer) is taken in at most 1000 / presencePollSpacingMs polls a second,
      // each bringing what queued meanwhile (§6.1: a poll answers with everything queued), not a
      // poll per change (a request costs more CPU than the change, issue 13). The wait is the one
      // the backend's push makes anyway (PresencePush: ≤ 1 buddy.status per 0.25 s), moved to the
      // server's queue; a change after a quiet spell, and every answer with a message, polls
      // again at once.
      else if (presenceOnly && took < this.opts.presencePollSpacingMs) await this.pause(this.opts.presencePollSpacingMs - took)
    }
  }

  /**
   * Dispatches events in (time, msg_id) order (§6.1: an answer's items come in no promised
   * order); a kick ends the loop. Returns false when stopped. The answer lists items newest
   * first (§6.1: "the list comes reversed", clients iterate it from the end): reversed, then
   * sorted stably, items with equal keys are in the order they happened — presence changes have
   * no time nor msg_id (§6.2), and of a friend's two changes in one answer the later must win.
   * The dispatcher stores messages in exactly this order, which is their order in the chat.
   * Times and msg_ids are safe integers (poll-items.ts), and the comparison does not subtract them.
   */
  private dispatch(events: PollEvent[]): boolean {
    const cmp = (x: number, y: number) => (x < y ? -1 : x > y ? 1 : 0)
    const sorted = [...events].reverse().sort((a, b) => {
      const [ta, ma] = orderKey(a)
      const [tb, mb] = orderKey(b)
      return cmp(ta, tb) || cmp(ma, mb)
    })
    const kick = sorted.find((e) => e.type === 'kick_message')
    const rest = sorted.filter((e) => e.type !== 'kick_message')
    if (rest.length) this.emit('events', rest)
    if (kick && kick.type === 'kick_message') {
      this.logger.warn('kicked: another login took the session')
      this.halt({ kind: 'session-lost', reason: 'kicked', message: kick.value.reason })
      return false
    }
    return true
  }

  private halt(h: Health): void {
    this.setHealth(h)
    this.stop()
  }

  /** 116: the new ptwebqq is used from now on, also as the qq.com cookie (§3.10). */
  private async rotate(ptwebqq: string): Promise<void> {
    this.session.cred.ptwebqq = ptwebqq
    this.logger.addSecrets(ptwebqq)
    await this.session.http.jar.setCookie(`ptwebqq=${ptwebqq}; Domain=qq.com; Path=/`, 'http://w.qq.com/')
  }

  private async fail(error: EngineError | undefined, signal: AbortSignal): Promise<void> {
    this.failures++
    this.stats.failures++
    if (error && this.current.kind === 'online') this.setHealth({ kind: 'reconnecting', attempt: this.failures, error: toErrorView(error) })
    // 103 and the 2018 anomaly: call get_online_buddies2, the known fix (§8.3).
    await this.session.http.call(getOnlineBuddies2, { cred: this.session.cred }, { signal }).catch(() => undefined)
  }

  /** Returns false when the loop must end. */
  private async onRetcode(retcode: number, signal: AbortSignal): Promise<boolean> {
    const error = new EngineError('protocol', `poll2 answered retcode ${retcode}`, { endpoint: 'poll2', retcode })
    if (retcode === 1202) return true
    if (RELINK_CODES.has(retcode)) return this.recover('relink')
    if (RELOGIN_CODES.has(retcode)) return this.recover('relogin')
    await this.fail(error, signal)
    await this.pause(this.jitter(this.opts.retryDelayMs))
    return true
  }

  private async onError(err: unknown): Promise<boolean> {
    const error = isEngineError(err) ? err : new EngineError('malformed', String(err), { cause: err })
    if (error.kind === 'cancelled') {
      // The watchdog aborted a hung request: count it and go on.
      this.failures++
      return true
    }
    if (error.kind === 'network') {
      // The network is gone: not the session's fault, so not counted; back off and keep trying.
      this.networkStreak++
      const wait = this.jitter(Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** Math.min(10, this.networkStreak - 1)))
      this.setHealth({ kind: 'offline', error: toErrorView(error), retryAt: Date.now() + wait })
      await this.pause(wait)
      return true
    }
    // Timeouts, 502/504, malformed answers: count, short pause (§6.1: ignore 502/504, retry).
    this.failures++
    this.stats.failures++
    if (this.failures > 1) this.setHealth({ kind: 'reconnecting', attempt: this.failures, error: toErrorView(error) })
    await this.pause(this.jitter(Math.min(this.opts.retryDelayMs, this.opts.backoffBaseMs * this.failures)))
    return true
  }

  /**
   * Relink first (cheap, keeps the session), then a silent relogin; each bounded. Returns false
   * when both are exhausted (the loop stops in session-lost).
   */
  private async recover(start: 'relink' | 'relogin'): Promise<boolean> {
    const signal = this.stopCtl!.signal
    const attempt = { n: 0 }
    const transient = (err: unknown) => isEngineError(err, 'network') || isEngineError(err, 'timeout')
    if (start === 'relink') {
      const relinked = await this.recoverWith(this.opts.maxRelinks, attempt, async () => {
        this.stats.relinks++
        const { cred, info } = this.session
        const r = await this.session.http.call(relink, { ptwebqq: cred.ptwebqq, psessionid: cred.psessionid, status: info.status }, { signal })
        cred.psessionid = r.psessionid
        this.logger.addSecrets(r.psessionid)
        // 112 / 113 / 115: the server asks to try later (§8.2); anything else: relink cannot work.
      }, (err) => RELINK_LATER.has((isEngineError(err) && err.retcode) || 0) || transient(err), signal)
      if (relinked !== undefined) return relinked
    }
    const relogged = await this.recoverWith(this.opts.maxRelogins, attempt, async () => {
      this.stats.relogins++
      await this.hooks.relogin(signal)
    }, transient, signal)
    if (relogged !== undefined) return relogged
    if (this.running) this.halt({ kind: 'session-lost', reason: 'expired' })
    return false
  }

  /**
   * Up to `max` tries of one recovery step, each followed by get_online_buddies2 (which
   * registers the session again). true: recovered; false: stopped; undefined: gave up.
   */
  private async recoverWith(max: number, attempt: { n: number }, step: () => Promise<void>, retryable: (err: unknown) => boolean, signal: AbortSignal): Promise<boolean | undefined> {
    for (let i = 0; i < max && this.running; i++) {
      this.setHealth({ kind: 'reconnecting', attempt: ++attempt.n })
      try {
        await step()
        await this.session.http.call(getOnlineBuddies2, { cred: this.session.cred }, { signal })
        this.failures = 0
        this.online()
        return true
      } catch (err) {
        if (!this.running) return false
        this.logger.warn(`recovery failed: ${(err as Error).message}`)
        if (!retryable(err)) return undefined
        await this.pause(this.jitter(this.opts.retryDelayMs))
      }
    }
    return this.running ? undefined : false
  }
}
