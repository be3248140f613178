import { randomBytes } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { createWriteStream, existsSync, linkSync, lstatSync, mkdirSync, realpathSync, renameSync, rmSync, unlinkSync } from 'node:fs'
import { join, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { toErrorView, type ConversationRef, type ErrorView, type FileTransferView } from '../../model'
import { getFile2, refuseFile2 } from '../endpoints/file-endpoints'
import { EngineError } from '../errors'
import type { HistoryStore } from '../history/history-store'
import { isQqHost } from '../http/profile'
import type { Logger } from '../log'
import type { Session } from '../session'
import { locationUrl } from './file-url'
import { numberedName, safeFileName } from './safe-name'
import { TransferStore, transferView, type TransferRecord } from './transfer-store'

export interface FileOptions {
  /** Where received files go (the host's: Electron's downloads folder, web mode's --download-dir). */
  downloadDir?: string
  /** Least time between two progress events of a transfer. */
  progressIntervalMs: number
  /** How long the file host may stay silent (before answering, or between chunks). */
  idleMs: number
}

export const FILE_DEFAULTS: FileOptions = { progressIntervalMs: 250, idleMs: 60_000 }

/** The partial file's name pattern: the only names this service ever removes. */
const TEMP_NAME = /^\.[0-9a-f]{16}\.qqpart$/
/** filesrv_transfer statuses that end a transfer (§6.2, §7.3): error, peer timeout, refused by the peer's client. */
const SERVER_FAILURES: Record<number, string> = { 50: 'the file server reported an error', 51: 'the sender timed out', 53: 'the sender’s client refused' }

/** Why an active transfer is being stopped. */
type StopReason = { by: 'me' } | { by: 'sender' } | { by: 'timeout' } | { by: 'server'; error: ErrorView } | { by: 'app' }

interface Active {
  abort: AbortController
  reason?: StopReason
  done: Promise<void>
}

/**
 * Files offered to the account (§7.3): the offers are stored with their messages, the user
 * accepts (get_file2 → its redirect, followed by hand → the body streamed into a temporary file
 * in the download folder, never held in memory → the byte count checked → renamed to a safe,
 * unused name), refuses (refuse_file2) or cancels; the sender's cancel and the file server's
 * reports end it too. Every change is a `transfer` event (progress at most every
 * `progressIntervalMs`). Nothing is written outside the download folder, and only names this
 * service made there are ever removed.
 */
export class FileService extends EventEmitter<{ transfer: [FileTransferView] }> {
  readonly store: TransferStore
  private readonly active = new Map<string, Active>()
  private readonly opts: FileOptions

  constructor(
    private readonly session: Session,
    history: HistoryStore,
    private readonly logger: Logger,
    opts: Partial<FileOptions> = {},
  ) {
    super()
    this.opts = { ...FILE_DEFAULTS, ...opts }
    this.store = new TransferStore(history)
    this.recover()
  }

  /** A new offer (inside the transaction that stores its message). */
  offer(t: { id: string; conversation: ConversationRef; peerUin: string; lcid: number; name: string; time: number }): void {
    this.store.add(t)
  }

  list(conversation: ConversationRef): FileTransferView[] {
    return this.store.list(conversation).map((t) => transferView(t))
  }

  /** Starts receiving an offered file; progress and the outcome come as events. */
  accept(id: string): void {
    const t = this.live(id, ['offered'])
    if (!this.opts.downloadDir) throw new EngineError('unavailable', 'no download folder')
    this.store.update(id, { state: 'receiving', received: 0, error: null })
    this.changed(id)
    const abort = new AbortController()
    const entry: Active = { abort, done: Promise.resolve() }
    this.active.set(id, entry)
    entry.done = this.receive(t, this.opts.downloadDir, entry).finally(() => this.active.delete(id))
  }

  /** Declines an offer. */
  async refuse(id: string): Promise<void> {
    const t = this.live(id, ['offered'])
    this.store.update(id, { state: 'refused' })
    this.changed(id)
    await this.tellRefused(t)
  }

  /** Stops a transfer the user no longer wants (an offer not yet accepted is refused). */
  async cancel(id: string): Promise<void> {
    const t = this.live(id, ['offered', 'receiving'])
    const running = this.active.get(id)
    if (running) {
      running.reason = { by: 'me' }
      running.abort.abort()
      await running.done
      return
    }
    this.store.update(id, { state: 'cancelled', cancelledBy: 'me' })
    this.changed(id)
    await this.tellRefused(t)
  }

  /** A `file_message` with mode `refuse` (§7.3): the sender cancelled, or (cancel_type 3) the offer timed out. */
  senderCancelled(fromUin: string, sessionId: number, cancelType?: number): void {
    const t = this.store.findLive(fromUin, sessionId)
    if (!t) return
    this.stopOrMark(t, cancelType === 3 ? { by: 'timeout' } : { by: 'sender' })
  }

  /** A `filesrv_transfer` item (§6.2): a failure report ends the transfer it names; `done` (0) is known already. */
  serverStatus(fromUin: string | undefined, lcid: number, statuses: ReadonlyArray<{ file_name: string; file_status: number }>): void {
    const failure = statuses.find((s) => s.file_name !== '' && SERVER_FAILURES[s.file_status])
    if (!failure || !fromUin) return
    const t = this.store.findLive(fromUin, lcid)
    if (!t) return
    const error: ErrorView = { kind: 'unavailable', message: SERVER_FAILURES[failure.file_status]!, status: failure.file_status }
    this.stopOrMark(t, { by: 'server', error })
  }

  /** The saved file of a finished transfer: the only paths the hosts open, reveal or serve. */
  savedFile(id: string): { path: string; name: string } {
    const t = this.store.get(id)
    const dir = this.opts.downloadDir
    if (!t || t.state !== 'done' || !t.savedName || !dir) throw new EngineError('bad-input', 'no saved file for this transfer')
    const path = join(dir, t.savedName)
    try {
      // Still a regular file of ours inside the folder (not replaced by a link leading out).
      if (lstatSync(path).isFile() && realpathSync(path).startsWith(realpathSync(dir) + sep)) return { path, name: t.savedName }
    } catch {
      // Gone.
    }
    throw new EngineError('unavailable', 'the saved file is no longer there')
  }

  /** Stops every transfer (logout, quit): they end `failed`, their partial files removed. */
  async stop(): Promise<void> {
    const running = [...this.active.values()]
    for (const a of running) {
      a.reason ??= { by: 'app' }
      a.abort.abort()
    }
    await Promise.all(running.map((a) => a.done))
  }

  private live(id: string, states: ReadonlyArray<TransferRecord['state']>): TransferRecord {
    const t = this.store.get(id)
    if (!t) throw new EngineError('bad-input', 'no such file')
    if (!states.includes(t.state)) throw new EngineError('bad-input', `the file is ${t.state}`)
    return t
  }

  private stopOrMark(t: TransferRecord, reason: StopReason): void {
    const running = this.active.get(t.id)
    if (running) {
      running.reason = reason
      running.abort.abort()
      return
    }
    this.finish(t.id, reason)
  }

  private finish(id: string, reason: StopReason | undefined, error?: unknown): void {
    if (reason?.by === 'me' || reason?.by === 'sender') this.store.update(id, { state: 'cancelled', cancelledBy: reason.by })
    else if (reason?.by === 'timeout') this.store.update(id, { state: 'expired' })
    else if (reason?.by === 'server') this.store.update(id, { state: 'failed', error: reason.error })
    else if (reason?.by === 'app') this.store.update(id, { state: 'failed', error: { kind: 'cancelled', message: 'the app stopped during the transfer' } })
    else this.store.update(id, { state: 'failed', error: toErrorView(error) })
    this.changed(id)
  }

  private changed(id: string, live: { rate?: number; remainingMs?: number } = {}): void {
    const t = this.store.get(id)
    if (t) this.emit('transfer', transferView(t, live))
  }

  private async tellRefused(t: TransferRecord): Promise<void> {
    await this.session.http
      .call(refuseFile2, { cred: this.session.cred, lcid: t.lcid, to: t.peerUin })
      .catch((err: unknown) => this.logger.warn(`refuse_file2: ${(err as Error).message}`))
  }

  private async receive(t: TransferRecord, dir: string, entry: Active): Promise<void> {
    const signal = entry.abort.signal
    let temp: string | undefined
    try {
      const answer = await this.session.http.call(getFile2, { cred: this.session.cred, lcid: t.lcid, name: t.name, to: t.peerUin }, { signal })
      if (answer.kind === 'expired') {
        this.store.update(t.id, { state: 'expired' })
        this.changed(t.id)
        return
      }
      const url = locationUrl(answer.location)
      if (!url) throw new EngineError('malformed', 'get_file2: redirect to something that is not an http(s) URL', { endpoint: 'get_file2' })
      // The file host is file1.web.qq.com (§7.3); an address elsewhere only where the profile allows media hosts.
      if (!isQqHost(url.hostname) && !(await this.session.http.profile.allowsMediaHost(url))) {
        throw new EngineError('malformed', `get_file2: redirect to ${url.host} refused`, { endpoint: 'get_file2' })
      }
      mkdirSync(dir, { recursive: true })
      const tempName = `.${randomBytes(8).toString('hex')}.qqpart`
      temp = join(dir, tempName)
      this.store.update(t.id, { tempName })
      const received = await this.download(t, url, temp, signal)
      const savedName = claim(dir, safeFileName(t.name), temp)
      temp = undefined
      this.store.update(t.id, { state: 'done', received, size: received, savedName, tempName: null })
      this.changed(t.id)
      this.logger.info(`file ${t.id}: saved (${received} B)`)
    } catch (err) {
      if (temp) rmSync(temp, { force: true })
      this.store.update(t.id, { tempName: null })
      const reason = signal.aborted ? entry.reason : undefined
      if (!reason) this.logger.info(`file ${t.id}: failed: ${(err as Error).message}`)
      this.finish(t.id, reason, err)
      if (reason?.by === 'me') await this.tellRefused(t)
    }
  }

  /** Streams the file host's body into `temp`; resolves with the byte count once it matches Content-Length. */
  private async download(t: TransferRecord, url: URL, temp: string, signal: AbortSignal): Promise<number> {
    const req = this.session.http.stream(url, { signal, idleMs: this.opts.idleMs })
    let size: number | undefined
    let received = 0
    // What ended the request: ours (a status, no length) or got's; pipeline itself only says "closed early".
    let failure: unknown
    const refuse = (err: EngineError) => {
      failure = err
      req.destroy(err)
    }
    let lastEmit = 0
    const samples: Array<[number, number]> = [[performance.now(), 0]]
    req.on('response', (res: { statusCode: number; headers: Record<string, string | string[] | undefined> }) => {
      if (res.statusCode !== 200) {
        refuse(new EngineError('http', `file host: HTTP ${res.statusCode}`, { status: res.statusCode }))
        return
      }
      // The file host always said how long the file is (§7.3); without a length a body could
      // fill the disk, and nothing could tell a cut-off file from a whole one.
      const length = Number(res.headers['content-length'] ?? NaN)
      if (!(Number.isSafeInteger(length) && length >= 0)) {
        refuse(new EngineError('malformed', 'file host: no Content-Length'))
        return
      }
      size = length
      this.store.update(t.id, { size })
    })
    req.on('data', (chunk: Buffer) => {
      received += chunk.length
      const now = performance.now()
      if (now - lastEmit < this.opts.progressIntervalMs) return
      lastEmit = now
      samples.push([now, received])
      // The rate over the last few seconds.
      while (samples.length > 2 && now - samples[0]![0] > 3_000) samples.shift()
      const [t0, b0] = samples[0]!
      const rate = now > t0 ? Math.round(((received - b0) * 1000) / (now - t0)) : 0
      this.store.update(t.id, { received })
      this.changed(t.id, { rate, ...(size !== undefined && rate > 0 && { remainingMs: Math.round(((size - received) * 1000) / rate) }) })
    })
    req.on('error', (err) => (failure ??= err))
    try {
      await pipeline(req, createWriteStream(temp, { flags: 'wx', mode: 0o600 }), { signal })
    } catch (err) {
      throw this.session.http.toEngineError('file host', failure ?? err, signal)
    }
    if (size === undefined || received !== size) throw new EngineError('malformed', `file host: ${received} of ${size ?? '?'} bytes`)
    return received
  }

  /** After a restart no transfer is still receiving: those are failed and their partial files removed. */
  private recover(): void {
    for (const t of this.store.receiving()) {
      if (t.tempName && TEMP_NAME.test(t.tempName) && this.opts.downloadDir) rmSync(join(this.opts.downloadDir, t.tempName), { force: true })
      this.store.update(t.id, { state: 'failed', tempName: null, error: { kind: 'cancelled', message: 'the app stopped during the transfer' } })
    }
  }
}

/**
 * Gives the finished temporary file its name without ever replacing a file: a hard link fails
 * on a taken name (`name (1).ext` is tried next); where links are not supported, a rename after
 * a check.
 */
function claim(dir: string, name: string, temp: string): string {
  for (let n = 0; n < 10_000; n++) {
    const candidate = numberedName(name, n)
    const path = join(dir, candidate)
    try {
      linkSync(temp, path)
      unlinkSync(temp)
      return candidate
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code
      if (code === 'EEXIST') continue
      if (existsSync(path)) continue
      renameSync(temp, path)
      return candidate
    }
  }
  throw new EngineError('unavailable', 'no free name for the file')
}
