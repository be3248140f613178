import { Notification } from 'electron'
import { sameConversation, type ChatMessage, type ConversationRef, type Settings } from '../ipc/contract'
import type { Handlers } from '../ipc/dispatch'
import { previewOf, wordsFor, type ShellWords } from './strings'

/** Whether an incoming message deserves a notification (UX.md: mute, do-not-disturb, focus). */
export function shouldNotify(
  message: ChatMessage,
  ctx: { notifications: Settings['notifications']; muted: boolean; onScreen: ConversationRef | undefined },
): boolean {
  if (message.direction !== 'in') return false
  if (!ctx.notifications.enabled || ctx.notifications.doNotDisturb || ctx.muted) return false
  return !(ctx.onScreen && sameConversation(ctx.onScreen, message.conversation))
}

const MAX_BODY = 200

/** Sender and preview, or only "new message" when previews are off (nothing of the content). */
export function notificationText(message: ChatMessage, title: string | undefined, showPreview: boolean, words: ShellWords): { title: string; body: string } {
  if (!showPreview) return { title: words.appName, body: words.newMessage }
  const preview = previewOf(words, message.segments)
  const sender = message.sender?.name
  const inRoom = message.conversation.kind === 'group' || message.conversation.kind === 'discussion'
  const body = inRoom && sender ? `${sender}: ${preview}` : preview
  return {
    title: title || sender || words.appName,
    body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY - 1)}…` : body,
  }
}

/** Full-width look-alikes of the characters notification markup is made of. */
const LOOK_ALIKE: Record<string, string> = { '<': '＜', '>': '＞', '&': '＆' }

/**
 * Text that no notification daemon can read as markup. On Linux Electron hands title and body
 * to libnotify, and daemons with body-markup render <b>, <a href>, <img> and &entities; from
 * them (some in the title too), while others show the text literally. Names and previews are
 * written by other people, so escaping as &lt; would read wrong on the literal daemons: the
 * look-alikes read the same on both and form no tag.
 */
export function markupInert(text: string): string {
  return text.replace(/[<>&]/g, (c) => LOOK_ALIKE[c]!)
}

export interface NotifierDeps {
  settings(): Settings
  isMuted(ref: ConversationRef): boolean
  title(ref: ConversationRef): string | undefined
  /** The conversation open in the main window while that window has the focus. */
  onScreen(): ConversationRef | undefined
  icon: string
  /** A click: show the main window with that conversation. */
  open(ref: ConversationRef): void
  /** Where markup matters (linux); the running platform unless a test says. */
  platform?: NodeJS.Platform
}

/** Electron drops a notification's click handler once the object is garbage-collected. */
const KEEP = 20

export class Notifier {
  private readonly live = new Set<Notification>()

  constructor(private readonly deps: NotifierDeps) {}

  /** Shows a notification for `message` when it deserves one; says whether it did. */
  onMessage(message: ChatMessage): boolean {
    const settings = this.deps.settings()
    const notify = shouldNotify(message, {
      notifications: settings.notifications,
      muted: message.direction === 'in' && this.deps.isMuted(message.conversation),
      onScreen: this.deps.onScreen(),
    })
    if (!notify || !Notification.isSupported()) return false
    const text = notificationText(message, this.deps.title(message.conversation), settings.notifications.showPreview, wordsFor(settings.language))
    if ((this.deps.platform ?? process.platform) === 'linux') {
      text.title = markupInert(text.title)
      text.body = markupInert(text.body)
    }
    const n = new Notification({ ...text, silent: !settings.notifications.sound, icon: this.deps.icon })
    this.keep(n)
    n.on('click', () => {
      this.live.delete(n)
      this.deps.open(message.conversation)
    })
    n.on('close', () => this.live.delete(n))
    n.show()
    return true
  }

  private keep(n: Notification): void {
    this.live.add(n)
    for (const old of this.live) {
      if (this.live.size <= KEEP) break
      this.live.delete(old)
    }
  }
}

/**
 * Remembers the conversation the renderer opened last (it calls `conversation.open` when the
 * user picks one), so a message in the chat the user is looking at does not notify.
 */
export function trackOpenConversation(handlers: Handlers): { handlers: Handlers; current(): ConversationRef | undefined; forget(): void } {
  let open: ConversationRef | undefined
  return {
    handlers: {
      ...handlers,
      'conversation.open': async (args) => {
        const summary = await handlers['conversation.open'](args)
        open = args.conversation
        return summary
      },
    },
    current: () => open,
    forget: () => (open = undefined),
  }
}
