import { lookup } from 'node:dns/promises'
import { EventEmitter } from 'node:events'
import { join } from 'node:path'
import { startEmulator, type RunningEmulator } from '../../emulator'
import { QQClient } from '../../engine/client'
import { EngineError } from '../../engine/errors'
import { emulatorProfile, tencentProfile, type ServerProfile } from '../../engine/http/profile'
import type { Logger } from '../../engine/log'
import { NO_VAULT, type SessionVault } from '../../engine/ports'
import type { ProfileKind } from '../contract/views'
import type { Events, Settings } from '../contract'
import { version } from '../../../package.json'
import type { Handlers } from './dispatch'
import type { HostServices, SettingsStore } from './ports'

export interface AppCoreOptions {
  /** Root folder for the app's data (history per profile and account, session vaults). */
  dataDir: string
  settings: SettingsStore
  /** The saved-session vault of a server profile. */
  vault: (profile: ProfileKind) => SessionVault
  host: HostServices
  logger: Logger
  /** Options passed to the embedded emulator (tests make it fast). */
  emulator?: Parameters<typeof startEmulator>[0]
  /** Engine options (tests make it fast). */
  client?: Partial<ConstructorParameters<typeof QQClient>[0]>
}

/**
 * The backend of the app, host-neutral: the embedded emulator (default profile), the engine for
 * the chosen server profile, and every IPC command. Electron's shell and web mode both run one
 * and connect it to their transport; it emits the contract's events.
 */
export class AppCore extends EventEmitter<{ [E in keyof Events]: [Events[E]] }> {
  private emulator: RunningEmulator | undefined
  private client_: QQClient | undefined
  private phoneUrl: string | undefined
  private starting: Promise<void> | undefined

  constructor(private readonly opts: AppCoreOptions) {
    super()
  }

  get client(): QQClient {
    if (!this.client_) throw new EngineError('session-lost', 'the app is not started')
    return this.client_
  }

  /** The embedded emulator, when the profile uses it (its phone page is the way to log in). */
  get embedded(): RunningEmulator | undefined {
    return this.emulator
  }

  /** Starts the engine for the configured profile: the saved session if alive, else a QR code. */
  start(): Promise<void> {
    this.starting ??= this.boot().finally(() => (this.starting = undefined))
    return this.starting
  }

  private async profileFor(settings: Settings): Promise<ServerProfile> {
    const p = settings.profile
    if (p.kind === 'tencent') {
      this.phoneUrl = undefined
      return tencentProfile()
    }
    if (p.kind === 'custom') {
      const { address } = await lookup(p.host)
      // Another emulator's phone page asks for the secret that emulator printed at start.
      this.phoneUrl = `http://${p.host.includes(':') ? `[${p.host}]` : p.host}:${p.port}/phone`
      return emulatorProfile({ address, httpPort: p.port }, 'custom')
    }
    this.emulator ??= await startEmulator({ host: '127.0.0.1', port: 0, ...this.opts.emulator })
    this.phoneUrl = this.emulator.phoneUrl
    return emulatorProfile({ address: this.emulator.host, httpPort: this.emulator.port })
  }

  private async boot(): Promise<void> {
    const settings = this.opts.settings.get()
    const profile = await this.profileFor(settings)
    const kind = profile.kind
    const client = new QQClient({
      profile,
      logger: this.opts.logger,
      dataDir: join(this.opts.dataDir, 'profiles', kind),
      vault: settings.rememberSession ? this.opts.vault(kind) : forgetful(this.opts.vault(kind)),
      ...this.opts.client,
    })
    this.client_ = client
    client.on('login', (v) => this.emit('login.state', v))
    client.on('session', (v) => this.emit('session.state', v))
    client.on('contacts', (v) => this.emit('contacts.changed', v))
    client.on('message', (v) => this.emit('message.new', v))
    client.on('status', (m) => this.emit('message.status', { id: m.id, status: m.status, conversation: m.conversation, ...(m.error && { error: m.error }) }))
    client.on('conversations', (v) => this.emit('conversations.changed', v))
    client.on('friendRequest', (v) => this.emit('friend.request', v))
    client.on('typing', (v) => this.emit('typing', { conversation: v }))
    // The QR shows at startup unless the saved session is still alive (§8.1).
    if (!(await client.restore()) && client.login.kind !== 'failed') void client.startQrLogin()
  }

  /** Stops the engine (and the embedded emulator when `all`). */
  async stop(all = true): Promise<void> {
    await this.starting?.catch(() => undefined)
    const client = this.client_
    this.client_ = undefined
    await client?.shutdown()
    if (all) {
      await this.emulator?.stop()
      this.emulator = undefined
    }
  }

  private async restartFor(settings: Settings, before: Settings): Promise<void> {
    if (JSON.stringify(settings.profile) === JSON.stringify(before.profile) && settings.rememberSession === before.rememberSession) return
    // Another server: another engine. The embedded emulator stays up only while it is used.
    await this.stop(settings.profile.kind !== 'emulator')
    await this.start()
  }

  readonly handlers: Handlers = {
    'app.info': () => ({
      version,
      host: this.opts.host.kind,
      profile: this.opts.settings.get().profile.kind,
      ...(this.phoneUrl && { phoneUrl: this.phoneUrl }),
      secretStorage: this.opts.host.secretStorage,
      platform: process.platform,
    }),
    'login.start': () => {
      void this.client.startQrLogin()
    },
    'login.cancel': () => this.client.cancelLogin(),
    'login.password': ({ qq, password }) => {
      void this.client.startPasswordLogin(qq, password)
    },
    'login.captcha': ({ text }) => this.client.submitCaptcha(text),
    'login.refreshCaptcha': () => this.client.refreshCaptcha(),
    logout: () => this.client.logout(),
    'session.get': () => (this.client_ ? { session: this.client_.session, login: this.client_.login } : { session: { kind: 'connecting' }, login: { kind: 'idle' } }),
    'session.reconnect': () => this.client.reconnect(),
    'contacts.get': () => this.client.contacts(),
    'contacts.retry': ({ part }) => this.client.retryContacts(part),
    'group.members': ({ key, refresh }) => this.client.groupMembers(key, refresh),
    'discussion.members': ({ key, refresh }) => this.client.discussionMembers(key, refresh),
    'friend.profile': ({ key }) => this.client.friendProfile(key),
    'self.setStatus': ({ status }) => this.client.setStatus(status),
    'self.setLongNick': ({ text }) => this.client.setLongNick(text),
    'friendRequest.answer': ({ account, answer }) => this.client.answerFriendRequest(account, answer),
    'conversations.list': () => this.client.conversations(),
    'conversation.open': ({ conversation }) => this.client.openConversation(conversation),
    'conversation.read': ({ conversation }) => this.client.markRead(conversation),
    'conversation.setDraft': ({ conversation, text }) => this.client.setDraft(conversation, text),
    'conversation.setPinned': ({ conversation, pinned }) => this.client.setFlag(conversation, 'pinned', pinned),
    'conversation.setMuted': ({ conversation, muted }) => this.client.setFlag(conversation, 'muted', muted),
    'message.send': ({ conversation, segments }) => {
      const parts = this.client.send(conversation, segments)
      return parts[parts.length - 1]!
    },
    'message.retry': ({ id }) => this.client.retry(id),
    'history.page': ({ conversation, before, limit }) => this.client.page(conversation, before, limit),
    'history.around': ({ id, limit }) => this.client.around(id, limit),
    'history.search': ({ query, conversation, limit }) => this.client.search(query, conversation, limit),
    // No file offers exist until file transfer lands: every id is unknown.
    'file.accept': () => noSuchFile(),
    'file.refuse': () => noSuchFile(),
    'file.reveal': () => noSuchFile(),
    'settings.get': () => this.opts.settings.get(),
    'settings.set': async (patch) => {
      const before = this.opts.settings.get()
      const after = this.opts.settings.set(patch)
      this.emit('settings.changed', after)
      await this.restartFor(after, before)
      return after
    },
    'phone.open': async () => {
      if (!this.phoneUrl) throw new EngineError('bad-input', 'this server has no simulated phone')
      await this.opts.host.openExternal(this.phoneUrl)
    },
    'link.open': async ({ url }) => {
      await this.opts.host.openExternal(safeUrl(url))
    },
  }
}

/** "Remember session" off: nothing is loaded or saved, and what an earlier run saved is cleared. */
function forgetful(vault: SessionVault): SessionVault {
  return { ...NO_VAULT, clear: () => vault.clear() }
}

function noSuchFile(): never {
  throw new EngineError('bad-input', 'no such file offer')
}

/** Only http(s) URLs leave the app (DEVELOPERS.md: shell.openExternal only for http(s)). */
export function safeUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new EngineError('bad-input', 'not a URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new EngineError('bad-input', `refusing to open a ${url.protocol} link`)
  return url.href
}
