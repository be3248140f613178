import type { BrowserWindow, WebContents } from 'electron'
import { CHATS_PATH, chatPath, conversationKey, sameConversation, type ChatTabs, type ConversationRef } from '../ipc/contract'
import { alive, reveal } from './app-windows'
import type { SavedWindow } from './window-state'

export interface ChatWindowsDeps {
  /** Makes a chat window showing `route` where `place` says (windows.ts createChatWindow). */
  create(route: string, place: SavedWindow): BrowserWindow
  /** Where each chat window was (window-state.ts ChatWindowPlaces), by conversation key or `chats`. */
  places: { load(name: string): SavedWindow; track(name: string, win: BrowserWindow): void }
  /** The `mergeChatWindows` setting, read at each open: it can change while the app runs. */
  merge(): boolean
  /** Tells the chat windows what is open now (the `chat.tabs` event). */
  publish(tabs: ChatTabs, to: readonly WebContents[]): void
}

interface Merged {
  win: BrowserWindow
  tabs: ConversationRef[]
  active: ConversationRef | null
}

/**
 * The chat windows (issue 11): one per conversation, reused and brought forward when it is open
 * already, each where it was last; or, with `mergeChatWindows` (QQ's 合并会话窗口), one tabbed
 * window (`#/chats`) whose tabs this class keeps. A conversation is open in one place only: a
 * window of its own opened before the setting changed stays its place until closed.
 */
export class ChatWindows {
  private readonly single = new Map<string, { ref: ConversationRef; win: BrowserWindow }>()
  private merged: Merged | undefined

  constructor(private readonly deps: ChatWindowsDeps) {}

  /** Opens that conversation's window or tab, or brings it forward; returns the window. */
  open(ref: ConversationRef): BrowserWindow {
    const own = this.single.get(conversationKey(ref))
    if (own && alive(own.win)) return reveal(own.win)
    const merged = this.liveMerged()
    if (merged?.tabs.some((t) => sameConversation(t, ref))) {
      merged.active = ref
      this.changed()
      return reveal(merged.win)
    }
    if (this.deps.merge()) {
      const m = merged ?? this.openMerged()
      m.tabs.push(ref)
      m.active = ref
      this.changed()
      return reveal(m.win)
    }
    const key = conversationKey(ref)
    const win = this.deps.create(chatPath(ref), this.deps.places.load(key))
    this.deps.places.track(key, win)
    this.single.set(key, { ref, win })
    win.on('closed', () => {
      if (this.single.get(key)?.win === win) this.single.delete(key)
      this.changed()
    })
    this.changed()
    return reveal(win)
  }

  /** Closes that conversation's window, or its tab (the merged window closes with its last tab). */
  close(ref: ConversationRef): void {
    const own = this.single.get(conversationKey(ref))
    if (own && alive(own.win)) return own.win.close()
    const merged = this.liveMerged()
    const at = merged ? merged.tabs.findIndex((t) => sameConversation(t, ref)) : -1
    if (!merged || at < 0) return
    merged.tabs.splice(at, 1)
    if (merged.tabs.length === 0) return merged.win.close()
    // The tab beside the closed one takes its place, as browsers do.
    if (sameConversation(merged.active, ref)) merged.active = merged.tabs[Math.min(at, merged.tabs.length - 1)]!
    this.changed()
  }

  /** Logged out or lost: no chat window outlives the session it belongs to. */
  closeAll(): void {
    for (const { win } of [...this.single.values()]) alive(win)?.close()
    const merged = this.liveMerged()
    if (merged) merged.win.close()
  }

  tabs(): ChatTabs {
    const merged = this.liveMerged()
    const singles = [...this.single.values()].filter((s) => alive(s.win)).map((s) => s.ref)
    return { open: [...(merged?.tabs ?? []), ...singles], tabs: [...(merged?.tabs ?? [])], active: merged?.active ?? null }
  }

  /** The conversation on screen in the focused chat window, if one has the focus. */
  focused(): ConversationRef | undefined {
    const merged = this.liveMerged()
    if (merged?.win.isFocused()) return merged.active ?? undefined
    return [...this.single.values()].find((s) => alive(s.win)?.isFocused())?.ref
  }

  /** The window that conversation is open in, if any. */
  windowOf(ref: ConversationRef): BrowserWindow | undefined {
    const own = this.single.get(conversationKey(ref))
    if (own && alive(own.win)) return own.win
    const merged = this.liveMerged()
    return merged?.tabs.some((t) => sameConversation(t, ref)) ? merged.win : undefined
  }

  /** Every live chat page, for events and the IPC sender check. */
  contents(): WebContents[] {
    const wins = [...[...this.single.values()].map((s) => s.win), this.merged?.win]
    return wins.flatMap((w) => {
      const live = alive(w)
      return live ? [live.webContents] : []
    })
  }

  private openMerged(): Merged {
    const win = this.deps.create(CHATS_PATH, this.deps.places.load(CHATS_PATH))
    this.deps.places.track(CHATS_PATH, win)
    const m: Merged = { win, tabs: [], active: null }
    this.merged = m
    win.on('closed', () => {
      if (this.merged === m) this.merged = undefined
      this.changed()
    })
    return m
  }

  private liveMerged(): Merged | undefined {
    return this.merged && alive(this.merged.win) ? this.merged : undefined
  }

  private changed(): void {
    this.deps.publish(this.tabs(), this.contents())
  }
}
