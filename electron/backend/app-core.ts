import { lookup } from 'node:dns/promises'
import { EventEmitter } from 'node:events'
import { dirname, join } from 'node:path'
import { QQClient } from '../engine/client'
import type { OnlineSession } from '../engine/online/online-session'
import { EngineError } from '../engine/errors'
import { safeFileName } from '../engine/files/safe-name'
import type { CachedFile } from '../engine/media/media-cache'
import { emulatorProfile, tencentProfile, type ServerProfile } from '../engine/http/profile'
import type { Logger } from '../engine/log'
import { privateDir } from '../engine/private-files'
import { NO_VAULT, type SessionVault } from '../engine/ports'
import { firstView, webLink, type ChatMessage, type ImageMime, type ProfileKind } from '../model'
import type { Events, Settings } from '../ipc/contract'
import type { Handlers } from '../ipc/dispatch'
import { loginView } from './login-view'
import { PresencePush } from './presence-push'
import type { EmbeddedServer, HostServices, HostVault, SettingsStore } from './ports'

export interface AppCoreOptions {
  /** Root folder for the app's data (history per profile and account, session vaults). */
  dataDir: string
  settings: SettingsStore
  /** The saved-session vault of a server profile. */
  vault: (profile: ProfileKind) => HostVault
  host: HostServices
  /** The embedded emulator the default profile connects to. */
  embedded: EmbeddedServer
  /** The app's version, for `app.info`. */
  version: string
  logger: Logger
  /** Engine options (tests make it fast). */
  client?: Partial<ConstructorParameters<typeof QQClient>[0]>
}

/**
 * The backend of the app, host-neutral: the engine for the chosen server profile, and every IPC
 * command. Electron's shell and web mode both run one and connect it to their transport; it
 * emits the contract's events. Until `start` it has no engine: `client` is undefined then, and
 * the commands that need one say the app is starting.
 */
export class AppCore extends EventEmitter<{ [E in keyof Events]: [Events[E]] }> {
  private client_: QQClient | undefined
  private vault: HostVault | undefined
  private phoneUrl: string | undefined
  private starting: Promise<void> | undefined
  /** `buddy.status` in batches: one per poll answer, at most one per 0.25 s (issue 13). */
  private readonly presence = new PresencePush((batch) => this.emit('buddy.status', batch))

  constructor(private readonly opts: AppCoreOptions) {
    super()
  }

  /** The engine, once started (undefined while the backend starts or restarts). */
  get client(): QQClient | undefined {
    return this.client_
  }

  private get running(): QQClient {
    if (!this.client_) throw new EngineError('unavailable', 'the app is still starting')
    return this.client_
  }

  /** The logged-in session's parts: `unavailable` while starting, `session-lost` while logged out. */
  private online(): OnlineSession {
    return this.running.online()
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
    const embedded = await this.opts.embedded.start()
    this.phoneUrl = embedded.phoneUrl
    return emulatorProfile({ address: embedded.host, httpPort: embedded.port, httpsPort: embedded.httpsPort, ca: embedded.ca })
  }

  private async boot(): Promise<void> {
    const settings = this.opts.settings.get()
    const profile = await this.profileFor(settings)
    const kind = profile.kind
    const dataDir = join(this.opts.dataDir, 'profiles', kind)
    // Owner-only (private-files.ts), also the folders an older version left 0755.
    for (const dir of [dirname(dataDir), dataDir]) privateDir(dir)
    const vault = (this.vault = this.opts.vault(kind))
    const client = new QQClient({
      profile,
      logger: this.opts.logger,
      dataDir,
      vault: settings.rememberSession ? vault : forgetful(vault),
      downloadDir: this.opts.host.downloadDir,
      sender: { refillMs: settings.sendSpacingSeconds * 1000 },
      ...this.opts.client,
    })
    this.client_ = client
    client.on('login', (v) => this.emit('login.state', loginView(v)))
    // Presence changes queued before a session state or a snapshot go out before it, as the engine made them.
    client.on('session', (v) => {
      this.presence.flush()
      this.emit('session.state', v)
    })
    client.on('contacts', (v) => {
      this.presence.flush()
      this.emit('contacts.changed', v)
    })
    client.on('presence', (v) => this.presence.add(v))
    client.on('message', (v) => this.emit('message.new', v))
    client.on('status', (m) => this.emit('message.status', { id: m.id, status: m.status, conversation: m.conversation, ...(m.error && { error: m.error }) }))
    client.on('conversations', (v) => this.emit('conversations.changed', v))
    client.on('deleted', (v) => this.emit('message.deleted', v))
    client.on('friendRequest', (v) => this.emit('friend.request', v))
    client.on('typing', (v) => this.emit('typing', { conversation: v }))
    client.on('updated', (v) => this.emit('message.updated', v))
    client.on('transfer', (v) => this.emit('file.transfer', v))
    // The QR shows at startup unless the saved session is still alive (§8.1).
    if (!(await client.login.restore()) && client.login.state.kind !== 'failed') void client.login.startQr()
  }

  /**
   * What a page opened now shows first (the model's firstView); undefined until the engine has
   * started (restored the saved session or asked for a QR code): before, a new engine is idle and
   * logged out whatever comes next.
   */
  firstView(): 'main' | 'login' | undefined {
    return this.client_ && !this.starting ? firstView(loginView(this.client_.login.state).kind, this.client_.session.kind) : undefined
  }

  /** Stops the engine (and the embedded emulator when `all`). */
  async stop(all = true): Promise<void> {
    await this.starting?.catch(() => undefined)
    const client = this.client_
    this.client_ = undefined
    this.presence.cancel()
    await client?.shutdown()
    if (all) await this.opts.embedded.stop()
  }

  /** A cached picture or avatar of the logged-in account, by its hash (the hosts' media URLs); undefined when there is none. */
  mediaFile(hash: string): CachedFile | undefined {
    return this.client_?.current?.media.file(hash)
  }

  /** The file a finished transfer saved (web mode's download route); undefined when there is none. */
  savedFile(id: string): { path: string; name: string } | undefined {
    try {
      return this.client_?.current?.files.savedFile(id)
    } catch {
      return undefined
    }
  }

  /** Messages about to be shown: pictures still missing are fetched (after a restart, or evicted). */
  private shown(messages: ChatMessage[]): ChatMessage[] {
    return this.online().pictures.read(messages)
  }

  private async restartFor(settings: Settings, before: Settings): Promise<void> {
    if (JSON.stringify(settings.profile) === JSON.stringify(before.profile) && settings.rememberSession === before.rememberSession) return
    // Another server: another engine. The embedded emulator stays up only while it is used.
    await this.stop(settings.profile.kind !== 'emulator')
    await this.start()
  }

  /** The host's chat windows (Electron); web mode's chats are browser tabs the page opens itself. */
  private get chats(): Required<Pick<HostServices, 'openChat' | 'closeChat' | 'chatTabs'>> {
    const { openChat, closeChat, chatTabs } = this.opts.host
    if (!openChat || !closeChat || !chatTabs) throw new EngineError('bad-input', 'this host opens chats in browser tabs')
    return { openChat, closeChat, chatTabs }
  }

  readonly handlers: Handlers = {
    'app.info': () => ({
      version: this.opts.version,
      host: this.opts.host.kind,
      profile: this.opts.settings.get().profile.kind,
      ...(this.phoneUrl && { phoneUrl: this.phoneUrl }),
      secretStorage: this.opts.host.secretStorage,
      ...(this.vault?.setAside
        ? { sessionSetAside: this.vault.setAside }
        : this.client_?.login.savedLoginExpired && { sessionSetAside: { reason: 'expired' as const } }),
      platform: process.platform,
    }),
    'login.start': () => {
      void this.running.login.startQr()
    },
    'login.cancel': () => this.running.login.cancel(),
    'login.password': ({ qq, password }) => {
      void this.running.login.startPassword(qq, password)
    },
    'login.captcha': ({ text }) => this.running.login.submitCaptcha(text),
    'login.refreshCaptcha': () => this.running.login.refreshCaptcha(),
    logout: () => this.running.login.logout(),
    'session.get': () => (this.client_ ? { session: this.client_.session, login: loginView(this.client_.login.state) } : { session: { kind: 'connecting' }, login: { kind: 'idle' } }),
    // Logged out there is nothing to reconnect, and no conversation to list.
    'session.reconnect': () => this.running.current?.reconnect(),
    'contacts.get': () => this.online().contacts.snapshot,
    'contacts.retry': ({ part }) => this.online().contacts.retry(part),
    'group.members': ({ key, refresh }) => this.online().contacts.groupDetails(key, { refresh }),
    'discussion.members': ({ key, refresh }) => this.online().contacts.discussionDetails(key, { refresh }),
    'friend.profile': ({ key }) => this.online().contacts.friendProfile(key),
    'self.setStatus': ({ status }) => this.online().contacts.setStatus(status),
    'self.setLongNick': ({ text }) => this.online().contacts.setLongNick(text),
    'friendRequest.answer': ({ account, answer }) => this.online().contacts.answerRequest(account, answer),
    'conversations.list': () => this.running.current?.conversations.list() ?? [],
    'conversation.open': ({ conversation }) => this.online().conversations.open(conversation),
    'conversation.read': ({ conversation }) => this.online().conversations.markRead(conversation),
    'conversation.setDraft': ({ conversation, text }) => this.online().conversations.setDraft(conversation, text),
    'conversation.setPinned': ({ conversation, pinned }) => this.online().conversations.setFlag(conversation, 'pinned', pinned),
    'conversation.setMuted': ({ conversation, muted }) => this.online().conversations.setFlag(conversation, 'muted', muted),
    'message.send': ({ conversation, segments }) => {
      const parts = this.online().sender.send(conversation, segments)
      return parts[parts.length - 1]!
    },
    'message.retry': ({ id }) => this.online().sender.retry(id),
    'history.page': ({ conversation, before, limit }) => this.shown(this.online().conversations.page(conversation, before, limit)),
    'history.around': ({ id, limit }) => this.shown(this.online().conversations.around(id, limit)),
    'history.search': ({ query, conversation, limit }) => this.online().conversations.search(query, conversation, limit),
    'media.retry': ({ messageId, index }) => this.online().pictures.retry(messageId, index),
    'media.save': async ({ hash, name }) => {
      const { saveCopy } = this.opts.host
      // Web mode saves through the browser (a download link to the media route).
      if (!saveCopy) throw new EngineError('bad-input', 'this host saves pictures through the browser')
      const file = this.online().media.file(hash)
      if (!file) throw new EngineError('bad-input', 'no such picture')
      await saveCopy(file.path, pictureName(name, file.mime))
    },
    'avatar.get': ({ subject }) => this.client_?.current?.avatars.get(subject) ?? null,
    'file.list': ({ conversation }) => this.online().files.list(conversation),
    'file.accept': ({ id }) => this.online().files.accept(id),
    'file.refuse': ({ id }) => this.online().files.refuse(id),
    'file.cancel': ({ id }) => this.online().files.cancel(id),
    'file.open': async ({ id }) => {
      const { openPath } = this.opts.host
      if (!openPath) throw new EngineError('bad-input', 'this host downloads files through the browser')
      await openPath(this.online().files.savedFile(id).path)
    },
    'file.reveal': ({ id }) => {
      const { revealPath } = this.opts.host
      if (!revealPath) throw new EngineError('bad-input', 'this host downloads files through the browser')
      revealPath(this.online().files.savedFile(id).path)
    },
    'friendRequest.list': () => this.running.current?.contacts.pendingRequests ?? [],
    'conversation.remove': ({ conversation }) => this.online().conversations.remove(conversation),
    'message.delete': ({ id }) => this.online().conversations.deleteMessage(id),
    'chat.open': ({ conversation }) => this.chats.openChat(conversation),
    'chat.close': ({ conversation }) => this.chats.closeChat(conversation),
    'chat.tabs': () => this.chats.chatTabs(),
    'settings.get': () => this.opts.settings.get(),
    'settings.set': async (patch) => {
      const before = this.opts.settings.get()
      const after = this.opts.settings.set(patch)
      this.emit('settings.changed', after)
      if (after.sendSpacingSeconds !== before.sendSpacingSeconds) this.client_?.setSendSpacing(after.sendSpacingSeconds * 1000)
      await this.restartFor(after, before)
      return after
    },
    'phone.open': async () => {
      if (!this.phoneUrl) throw new EngineError('bad-input', 'this server has no simulated phone')
      await this.opts.host.openExternal(this.phoneUrl)
    },
    'link.open': async ({ url }) => {
      const link = webLink(url)
      if (!link) throw new EngineError('bad-input', 'only web links open outside the app')
      await this.opts.host.openExternal(link)
    },
  }
}

/** "Remember session" off: nothing is loaded or saved, and what an earlier run saved is cleared. */
function forgetful(vault: SessionVault): SessionVault {
  return { ...NO_VAULT, clear: () => vault.clear() }
}

const PICTURE_EXTENSIONS: Record<ImageMime, string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/gif': '.gif', 'image/webp': '.webp', 'image/bmp': '.bmp' }

/** The name a save dialog offers for a picture: the renderer's suggestion made safe, with the extension its bytes call for. */
export function pictureName(suggested: string, mime: ImageMime): string {
  const ext = PICTURE_EXTENSIONS[mime]
  const base = safeFileName(suggested.trim() || 'picture').replace(/\.(png|jpe?g|gif|webp|bmp)$/i, '')
  return safeFileName(`${base}${ext}`)
}
