import { Notification } from 'electron'
import { shouldNotify, type ChatMessage, type ConversationRef, type Settings } from '../ipc/contract'
import type { Handlers } from '../ipc/dispatch'
import { previewOf, wordsFor, type ShellWords } from './strings'

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
  /** The conversation on screen in the focused window (main or chat), if an app window has the focus. */
  onScreen(): ConversationRef | undefined
  icon: string
  /** A click: open that conversation's chat window. */
  open(ref: ConversationRef): void
  /**
   * Plays the app's own chime (the bundled sound, in a renderer) when sound is on; the native
   * notification is then silent, so the sound is the same on every OS. Without it, the OS's sound.
   */
  playSound?(): void
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
    const { sound } = settings.notifications
    const n = new Notification({ ...text, silent: !sound || !!this.deps.playSound, icon: this.deps.icon })
    this.keep(n)
    n.on('click', () => {
      this.live.delete(n)
      this.deps.open(message.conversation)
    })
    n.on('close', () => this.live.delete(n))
    n.show()
    if (sound) this.deps.playSound?.()
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
 * Remembers the conversation each page opened last (the renderer calls `conversation.open` when
 * the user picks one), so a message in the chat the user is looking at does not notify. Per
 * page: the main window and the chat windows each show their own.
 */
export function trackOpenConversation(handlers: Handlers): {
  handlersFor(page: Page): Handlers
  current(page: Page | undefined): ConversationRef | undefined
  forget(): void
} {
  const open = new Map<number, ConversationRef>()
  const byPage = new Map<number, Handlers>()
  return {
    handlersFor: (page) => {
      let h = byPage.get(page.id)
      if (!h) {
        h = {
          ...handlers,
          'conversation.open': async (args) => {
            const summary = await handlers['conversation.open'](args)
            open.set(page.id, args.conversation)
            return summary
          },
        }
        byPage.set(page.id, h)
        // A page's id is not reused; its entries go with it.
        page.once('destroyed', () => {
          byPage.delete(page.id)
          open.delete(page.id)
        })
      }
      return h
    },
    current: (page) => (page ? open.get(page.id) : undefined),
    forget: () => open.clear(),
  }
}

/** What trackOpenConversation needs of a page (a WebContents). */
interface Page {
  readonly id: number
  once(event: 'destroyed', listener: () => void): unknown
}
