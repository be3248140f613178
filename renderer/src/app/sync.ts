import { watch } from 'vue'
import { useBridge } from '../bridge'
import { useAvatarsStore } from '../stores/avatars'
import { useContactsStore } from '../stores/contacts'
import { useConversationsStore } from '../stores/conversations'
import { useFilesStore } from '../stores/files'
import { useSessionStore } from '../stores/session'
import { useSettingsStore } from '../stores/settings'
import { useUiStore } from '../stores/ui'

/**
 * Keeps the stores in step with the main process: the first load, the session's data whenever
 * it comes online, and a full resync after web mode's socket reconnects (events sent while it
 * was down are lost, so the current state is asked for again). Electron's login window
 * (`chats: false`) needs only the session and settings, and leaves conversations to the main window.
 */
export function startSync({ chats }: { chats: boolean }): void {
  const bridge = useBridge()
  const session = useSessionStore()
  const settings = useSettingsStore()
  const contacts = useContactsStore()
  const conversations = useConversationsStore()
  const avatars = useAvatarsStore()
  const files = useFilesStore()
  const ui = useUiStore()

  const loadSessionData = (): Promise<unknown> => (chats ? Promise.all([contacts.load(), conversations.load().catch(ui.reportError)]) : Promise.resolve())
  const loadAll = async (): Promise<void> => {
    // Coming online is the watcher's to handle; a session that stayed online is reloaded here.
    const wasOnline = session.online
    await Promise.all([settings.load(), session.init()]).catch(ui.reportError)
    if (wasOnline && session.online) {
      // Events sent while the socket was down are lost: the avatars it could not ask for, the files' states.
      avatars.retryFailed()
      await Promise.all([loadSessionData(), files.reload().catch(ui.reportError)])
    }
  }

  watch(
    () => session.online,
    (online) => {
      if (!online) return
      // Maybe another login: its uins are new (§2.4), so are the avatars asked for by them.
      avatars.newLogin()
      void loadSessionData()
      // The files' states may have moved while the session was away (an offer expired, the sender cancelled).
      files.reload().catch(ui.reportError)
    },
  )

  if (chats) bridge.api.on('friend.request', ui.addFriendRequest)

  let wasDown = false
  bridge.link?.onLink((state) => {
    if (state.kind === 'open' && wasDown) void loadAll()
    wasDown = state.kind === 'waiting' || (wasDown && state.kind === 'connecting')
  })

  document.addEventListener('visibilitychange', () => conversations.markReadIfVisible())
  window.addEventListener('beforeunload', () => conversations.flushAllDrafts())
  void loadAll()
}
