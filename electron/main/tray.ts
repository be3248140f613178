import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron'
import { SETTABLE_STATUSES, type ConversationRef, type ConversationSummary, type SessionView, type SettableStatus } from '../ipc/contract'
import { needsLogin } from './app-windows'
import type { ShellWords } from './strings'

export interface TrayActions {
  open(): void
  openConversation(ref: ConversationRef): void
  setStatus(status: SettableStatus): void
  logout(): void
  quit(): void
}

export interface TrayState {
  session: SessionView
  unreadTotal: number
  /** The unread conversations to list (at most a few, latest first). */
  unread: readonly ConversationSummary[]
  words: ShellWords
}

/** How many unread conversations the menu lists (UX.md: "tray menu of unread chats"). */
export const TRAY_UNREAD_ITEMS = 5

export function trayTooltip(state: TrayState): string {
  const { words, session } = state
  if (needsLogin(session)) return `${words.appName} — ${words.notSignedIn}`
  const head = session.kind === 'online' ? `${words.appName} — ${session.nick} (${session.qq})` : words.appName
  return state.unreadTotal > 0 ? `${head}\n${words.unread(state.unreadTotal)}` : head
}

export function trayMenu(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  const { words, session } = state
  const unread: MenuItemConstructorOptions[] = state.unread.slice(0, TRAY_UNREAD_ITEMS).map((c) => ({
    label: `${menuText(c.title)} (${c.unread > 99 ? '99+' : c.unread})`,
    click: () => actions.openConversation(c.ref),
  }))
  return [
    { label: words.open, click: () => actions.open() },
    ...(unread.length ? [{ type: 'separator' as const }, ...unread] : []),
    { type: 'separator' },
    {
      label: words.status,
      enabled: session.kind === 'online',
      submenu: SETTABLE_STATUSES.map((status) => ({
        label: words.statuses[status],
        type: 'radio' as const,
        checked: session.kind === 'online' && session.status === status,
        click: () => actions.setStatus(status),
      })),
    },
    { label: words.logout, enabled: !needsLogin(session), click: () => actions.logout() },
    { type: 'separator' },
    { label: words.quit, click: () => actions.quit() },
  ]
}

/** A contact's name as a menu label: short, and `&` is not a mnemonic marker (Windows). */
function menuText(title: string): string {
  const short = title.length > 24 ? `${title.slice(0, 23)}…` : title
  return short.replaceAll('&', '&&')
}

export class AppTray {
  private readonly tray: Tray
  private readonly images: { normal: NativeImage; unread: NativeImage }

  constructor(
    icons: { normal: string; unread: string },
    private readonly actions: TrayActions,
  ) {
    this.images = { normal: nativeImage.createFromPath(icons.normal), unread: nativeImage.createFromPath(icons.unread) }
    this.tray = new Tray(this.images.normal)
    // Windows and macOS report clicks on the icon; Linux indicators only open the menu.
    this.tray.on('click', () => actions.open())
  }

  render(state: TrayState): void {
    this.tray.setImage(state.unreadTotal > 0 ? this.images.unread : this.images.normal)
    this.tray.setToolTip(trayTooltip(state))
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenu(state, this.actions)))
  }

  destroy(): void {
    this.tray.destroy()
  }
}
