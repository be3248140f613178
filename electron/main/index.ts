import { setTimeout as sleep } from 'node:timers/promises'
import { join } from 'node:path'
import { app, Menu, screen, session } from 'electron'
import { Logger } from '../engine/log'
import { privateDir } from '../engine/private-files'
import { sameConversation, type CommandArgs, type CommandName, type ConversationRef, type SessionView } from '../ipc/contract'
import { embeddedEmulatorIn } from '../emulator/launcher'
import { AppCore } from '../backend/app-core'
import { dispatch } from '../ipc/dispatch'
import { keepRunningOnUncaught } from '../backend/process-guard'
import { JsonFileSettingsStore } from '../backend/settings-store'
import { applicationMenu } from './app-menu'
import { AppOrigin } from './app-url'
import { AppWindows, needsLogin } from './app-windows'
import { Badge } from './badge'
import { ChatWindows } from './chat-windows'
import { ConversationCache } from './conversation-cache'
import { iconPaths } from './icons'
import { appSenders, forwardEvents, registerCommands, sendEvent } from './ipc'
import { openExternalSafely } from './links'
import { logFileSink } from './log-file'
import { Notifier, trackOpenConversation } from './notifications'
import { registerAppScheme, serveRenderer } from './app-scheme'
import { electronFileServices } from './host-files'
import { serveMedia } from './media-scheme'
import { appCsp, lockDownSession } from './security'
import { wordsFor } from './strings'
import { AppTray, TRAY_UNREAD_ITEMS } from './tray'
import { secretProtection, sessionVault } from './vault'
import { ChatWindowPlaces, WindowStateFile } from './window-state'
import { createChatWindow, createLoginWindow, createMainWindow } from './windows'

/** Windows ties notifications (and their clicks) to this id (UX.md). */
const APP_USER_MODEL_ID = 'com.qqdesktop.app'
/** How long quitting waits for the engine to stop before it gives up. */
const STOP_TIMEOUT_MS = 5_000

registerAppScheme()
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.setAppUserModelId(APP_USER_MODEL_ID)
  app
    .whenReady()
    .then(startShell)
    .catch((err: unknown) => {
      process.stderr.write(`QQ could not start: ${(err as Error).stack ?? String(err)}\n`)
      app.exit(1)
    })
}

/** Wires the host-neutral backend (AppCore) to windows, tray, badge and notifications. */
async function startShell(): Promise<void> {
  const userData = app.getPath('userData')
  // The user's chats, session and logs are theirs alone: owner-only from the top (private-files.ts).
  privateDir(userData)
  const log = logFileSink(join(userData, 'logs'), { verbose: !app.isPackaged, stderr: process.stderr.isTTY === true })
  const logger = new Logger(log.sink)
  keepRunningOnUncaught(logger)
  const origin = new AppOrigin(app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL)
  const icons = iconPaths({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath })

  lockDownSession(session.defaultSession, origin, logger)
  serveRenderer(join(__dirname, '../renderer'), { 'Content-Security-Policy': appCsp(origin) })

  // The file electron-store wrote (name 'settings'): conf is its engine, so users keep their settings.
  const settings = new JsonFileSettingsStore(join(userData, 'settings.json'))
  const protection = secretProtection()
  logger.info(`saved sessions: ${protection.secretStorage}`)
  const core = new AppCore({
    dataDir: userData,
    settings,
    vault: (profile) => sessionVault(join(userData, 'profiles', profile, 'session.bin'), protection, logger),
    host: {
      kind: 'electron',
      openExternal: openExternalSafely,
      secretStorage: protection.secretStorage,
      ...electronFileServices(),
      // The chat windows are made below, once the windows' dependencies are.
      openChat: (conversation) => openChat(conversation),
      closeChat: (conversation) => chats.close(conversation),
      chatTabs: () => chats.tabs(),
    },
    // The embedded server keeps the sessions it issued (a restart needs no new scan) and its TLS certificates there.
    embedded: embeddedEmulatorIn(join(userData, 'emulator')),
    version: app.getVersion(),
    logger,
  })

  serveMedia((hash) => core.mediaFile(hash))

  const windowDeps = { preload: join(__dirname, '../preload/index.js'), origin, icon: icons.app, openLink: openExternalSafely, logger }
  const windowState = new WindowStateFile(join(userData, 'window-state.json'), () => screen.getAllDisplays().map((d) => d.workArea))
  const windows = new AppWindows({
    createLogin: () => createLoginWindow(windowDeps),
    createMain: () => {
      const win = createMainWindow(windowDeps, windowState.load())
      windowState.track(win)
      return win
    },
    closeToTray: () => settings.get().closeToTray,
    quit: () => app.quit(),
  })
  const chatPlaces = new ChatWindowPlaces(join(userData, 'chat-windows.json'), () => screen.getAllDisplays().map((d) => d.workArea))
  const chats = new ChatWindows({
    create: (route, place) => createChatWindow(windowDeps, route, place),
    places: chatPlaces,
    merge: () => settings.get().mergeChatWindows,
    // A page still loading asks `chat.tabs` itself once it listens.
    publish: (tabs, to) => to.forEach((page) => sendEvent(page, 'chat.tabs', tabs)),
  })
  // Chat windows are app windows too: they call commands and hear every event.
  const pages = () => [...windows.contents(), ...chats.contents()]

  const opened = trackOpenConversation(core.handlers)
  registerCommands(opened.handlersFor, appSenders(pages, origin), logger)
  forwardEvents(core, pages)

  let current: SessionView = { kind: 'logged-out' }
  const conversations = new ConversationCache()
  const badge = new Badge()
  // The engine is absent while the backend (re)starts.
  const isMuted = (ref: ConversationRef) => core.client?.current?.conversations.isMuted(ref) ?? false
  // The list arrives debounced: a brand-new conversation's first message is not in it yet.
  const titleOf = (ref: ConversationRef) => (conversations.find(ref) ?? core.client?.current?.conversations.list().find((c) => sameConversation(c.ref, ref)))?.title

  /** Double-click / Enter, a notification's click, the tray's unread list: that conversation's chat window. */
  function openChat(conversation: ConversationRef): void {
    if (needsLogin(current)) return void windows.showCurrent()
    chats.open(conversation)
  }
  /** The conversation on screen in the focused window: a chat window's, or the main window's open chat. */
  const onScreen = () => chats.focused() ?? (windows.mainWindow?.isFocused() ? opened.current(windows.mainWindow.webContents) : undefined)
  /** The chime plays in one page: the main window's (hidden in the tray it still plays), else a chat window's. */
  const playSound = () => {
    const page = windows.mainWindow?.webContents ?? chats.contents()[0]
    if (page) sendEvent(page, 'ui.playSound', { sound: 'message' })
  }
  const run = <N extends CommandName>(name: N, args: CommandArgs<N>) =>
    void dispatch(core.handlers, name, args).then((r) => {
      if (!r.ok) logger.warn(`${name} from the tray failed: ${r.error.kind} ${r.error.message}`)
    })

  const tray = new AppTray(
    { normal: icons.tray, unread: icons.trayUnread },
    {
      open: () => windows.showCurrent(),
      openConversation: openChat,
      setStatus: (status) => run('self.setStatus', { status }),
      logout: () => run('logout', {}),
      quit: () => app.quit(),
    },
  )
  const notifier = new Notifier({
    settings: () => settings.get(),
    isMuted,
    title: titleOf,
    onScreen,
    icon: icons.app,
    open: openChat,
    playSound,
  })

  const refresh = () => {
    const words = wordsFor(settings.get().language)
    tray.render({ session: current, unreadTotal: conversations.unreadTotal, unread: conversations.unread(TRAY_UNREAD_ITEMS), words })
    badge.setCount(conversations.unreadTotal)
  }
  const setMenu = () =>
    Menu.setApplicationMenu(applicationMenu(wordsFor(settings.get().language), { mac: process.platform === 'darwin', devTools: !app.isPackaged, quit: () => app.quit() }))

  core.on('session.state', (s) => {
    current = s
    if (needsLogin(s)) {
      conversations.update([])
      opened.forget()
      chats.closeAll()
    }
    windows.follow(s)
    refresh()
  })
  core.on('conversations.changed', (list) => {
    conversations.update(list)
    refresh()
  })
  core.on('settings.changed', () => {
    refresh()
    setMenu()
  })
  core.on('message.new', (message) => {
    if (message.direction !== 'in' || isMuted(message.conversation)) return
    notifier.onMessage(message)
    // The frame flashes until focused: the conversation's chat window, else the main window.
    badge.flash(chats.windowOf(message.conversation) ?? windows.mainWindow)
  })

  app.on('second-instance', () => windows.showCurrent())
  app.on('activate', () => windows.showCurrent())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', () => {
    windows.quitting = true
  })
  let stopped = false
  app.on('will-quit', (event) => {
    if (stopped) return
    event.preventDefault()
    void Promise.race([core.stop().catch((err: unknown) => logger.error(`stopping: ${(err as Error).message}`)), sleep(STOP_TIMEOUT_MS, undefined, { ref: false })]).finally(() => {
      stopped = true
      tray.destroy()
      log.close()
      app.quit()
    })
  })

  refresh()
  setMenu()
  windows.showLogin()
  await core.start().catch((err: unknown) => logger.error(`the engine did not start: ${(err as Error).message}`))
}
