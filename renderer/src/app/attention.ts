import { watchEffect } from 'vue'
import { useI18n } from 'vue-i18n'
import { conversationKey, faceById, plainText, shouldNotify, type ChatMessage, type ConversationRef, type PreviewNames } from '@contract'
import { useBridge } from '../bridge'
import { noticeWords } from '../i18n/notice-words'
import { chatHash, routeOf } from '../composables/hash-route'
import { useConversationsStore } from '../stores/conversations'
import { useSettingsStore } from '../stores/settings'
import { setFavicon } from './favicon-badge'
import { grantedReader } from './notify-permission-cache'
import { playChime } from './sound'
import { startTabPresence } from './tab-presence'

const MAX_BODY = 200

/**
 * Asking for the user's attention in web mode, with what a browser allows (issue 11): a
 * notification through the Notification API once the user granted it (asked from Settings, never
 * on load) for a message whose conversation is not on screen with the focus, honouring the
 * settings (off, no content, do-not-disturb) and per-conversation mute; a click focuses the tab and
 * opens the conversation; the bundled chime when sound is on. The unread count is drawn on the
 * favicon (App.vue puts it in the title).
 * Electron shows native notifications from the main process instead; this only plays its chime.
 */
export function useAttention(): void {
  const bridge = useBridge()
  if (bridge.host !== 'web') {
    // Electron: the main process showed a (silent) native notification with sound on.
    bridge.api.on('ui.playSound', () => playChime())
    return
  }
  const { t } = useI18n()
  const settings = useSettingsStore()
  const conversations = useConversationsStore()
  const granted = grantedReader()
  const presence = startTabPresence(() => (document.visibilityState === 'visible' && document.hasFocus() ? conversations.active : null))

  // Once the page is idle: the first drawing (a canvas made PNG, ~20 ms) held the QR's first paint
  // back. Not at a frame: a page opened in a background tab draws none, and it needs the badge most.
  const drawIcon = () => watchEffect(() => setFavicon(conversations.unreadTotal))
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(drawIcon, { timeout: 1000 })
  else window.setTimeout(drawIcon, 200)
  // Opening another conversation changes what this tab shows.
  watchEffect(() => {
    void conversations.active
    presence.announce()
  })

  const names = (): PreviewNames => ({
    face: (id) => faceById(id)?.emoji ?? t('attention.face'),
    image: t('message.image'),
    file: (name) => t('message.file', { name }),
    callInvite: t('attention.callInvite'),
    notice: (n) => noticeWords(t, n),
    other: t('attention.other'),
  })

  function text(m: ChatMessage): { title: string; body: string } {
    if (!settings.settings.notifications.showPreview) return { title: t('app.name'), body: t('attention.newMessage') }
    const preview = plainText(m.segments, names())
    const inRoom = m.conversation.kind === 'group' || m.conversation.kind === 'discussion'
    const body = inRoom && m.sender ? t('conversation.senderPrefix', { name: m.sender.name }) + preview : preview
    return { title: conversations.titleOf(m.conversation), body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body }
  }

  /** The click: this tab comes forward and shows that conversation (a chat tab goes to its hash). */
  function openHere(ref: ConversationRef): void {
    window.focus()
    if (routeOf(location.hash) === 'chat') location.hash = chatHash(ref)
    else void conversations.open(ref)
  }

  bridge.api.on('message.new', (m) => {
    if (!presence.isLeader()) return
    const notify = shouldNotify(m, {
      notifications: settings.settings.notifications,
      muted: conversations.summaryOf(m.conversation)?.muted ?? false,
      onScreen: presence.onScreen(m.conversation) ? m.conversation : undefined,
    })
    if (!notify) return
    // The chime is the app's own, also where the browser may show no notification.
    if (settings.settings.notifications.sound) playChime()
    if (!granted()) return
    const { title, body } = text(m)
    // One notification per conversation: the newest replaces the one before (the tag); silent, as the chime played.
    const n = new Notification(title, { body, tag: conversationKey(m.conversation), silent: true })
    n.onclick = () => {
      n.close()
      openHere(m.conversation)
    }
  })
}
