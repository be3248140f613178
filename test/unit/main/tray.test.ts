import { beforeEach, describe, expect, it } from 'vitest'
import type { ConversationRef, ConversationSummary, SessionView, SettableStatus } from '../../../electron/ipc/contract'
import { Badge } from '../../../electron/main/badge'
import { ConversationCache } from '../../../electron/main/conversation-cache'
import { wordsFor } from '../../../electron/main/strings'
import { AppTray, trayMenu, trayTooltip, TRAY_UNREAD_ITEMS, type TrayState } from '../../../electron/main/tray'
import { app, BrowserWindow, resetElectronFake, Tray, type MenuItemOptions } from '../../stubs/electron'

const ONLINE: SessionView = { kind: 'online', qq: '10001', nick: '我', status: 'busy' }

function conv(key: string, unread: number, time: number, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return { ref: { kind: 'friend', key }, title: key.toUpperCase(), face: 0, unread, pinned: false, muted: false, lastMessage: { preview: 'hi', time, direction: 'in', status: 'received' }, ...over }
}

function actions() {
  const calls: string[] = []
  return {
    calls,
    open: () => calls.push('open'),
    openConversation: (ref: ConversationRef) => calls.push(`conv:${ref.key}`),
    setStatus: (s: SettableStatus) => calls.push(`status:${s}`),
    logout: () => calls.push('logout'),
    quit: () => calls.push('quit'),
  }
}

function state(session: SessionView, list: ConversationSummary[] = []): TrayState {
  const cache = new ConversationCache()
  cache.update(list)
  return { session, unreadTotal: cache.unreadTotal, unread: cache.unread(TRAY_UNREAD_ITEMS), words: wordsFor('zh-CN') }
}

const find = (items: MenuItemOptions[], label: string) => items.find((i) => i.label === label)

beforeEach(() => resetElectronFake())

describe('tray menu', () => {
  it('open, status, log out and quit, with the current status checked', () => {
    const a = actions()
    const menu = trayMenu(state(ONLINE), a) as MenuItemOptions[]
    expect(menu.filter((i) => i.label).map((i) => i.label)).toEqual(['打开主面板', '我的状态', '注销', '退出'])
    const status = find(menu, '我的状态')!.submenu as MenuItemOptions[]
    expect(status.map((s) => s.label)).toEqual(['我在线上', 'Q我吧', '离开', '忙碌', '请勿打扰', '隐身'])
    expect(status.filter((s) => s.checked).map((s) => s.label)).toEqual(['忙碌'])
    status.find((s) => s.label === '隐身')!.click!()
    find(menu, '注销')!.click!()
    find(menu, '退出')!.click!()
    find(menu, '打开主面板')!.click!()
    expect(a.calls).toEqual(['status:hidden', 'logout', 'quit', 'open'])
  })

  it('status and log out are disabled when signed out', () => {
    const menu = trayMenu(state({ kind: 'logged-out' }), actions()) as MenuItemOptions[]
    expect(find(menu, '我的状态')!.enabled).toBe(false)
    expect(find(menu, '注销')!.enabled).toBe(false)
  })

  it('lists up to five unread, unmuted conversations, latest first, each opening its chat', () => {
    const list = [conv('a', 1, 10), conv('b', 2, 70), conv('c', 0, 90), conv('d', 3, 30, { muted: true }), conv('e', 120, 50), conv('f', 1, 20), conv('g', 1, 40), conv('h&i', 1, 60)]
    const a = actions()
    const menu = trayMenu(state(ONLINE, list), a) as MenuItemOptions[]
    const items = menu.filter((i) => i.label && /\(\d+\+?\)$/.test(i.label))
    expect(items.map((i) => i.label)).toEqual(['B (2)', 'H&&I (1)', 'E (99+)', 'G (1)', 'F (1)'])
    items[0]!.click!()
    expect(a.calls).toEqual(['conv:b'])
  })

  it('the tooltip says who is online and how many messages are unread', () => {
    expect(trayTooltip(state(ONLINE, [conv('a', 2, 1), conv('b', 3, 1, { muted: true })]))).toBe('QQ — 我 (10001)\n2 条未读消息')
    expect(trayTooltip(state(ONLINE))).toBe('QQ — 我 (10001)')
    expect(trayTooltip(state({ kind: 'session-lost', reason: 'kicked' }))).toBe('QQ — 未登录')
    expect(trayTooltip({ ...state(ONLINE, [conv('a', 1, 1)]), words: wordsFor('en') })).toBe('QQ — 我 (10001)\n1 unread message')
  })

  it('AppTray switches to the unread icon and back', () => {
    const tray = new AppTray({ normal: '/r/tray.png', unread: '/r/tray-unread.png' }, actions())
    const fake = Tray.all[0]!
    expect(fake.image.path).toBe('/r/tray.png')
    tray.render(state(ONLINE, [conv('a', 4, 1)]))
    expect(fake.image.path).toBe('/r/tray-unread.png')
    expect(fake.tooltip).toContain('4 条未读消息')
    expect(fake.menu?.items.some((i) => i.label === 'A (4)')).toBe(true)
    tray.render(state(ONLINE, [conv('a', 0, 1)]))
    expect(fake.image.path).toBe('/r/tray.png')
  })
})

describe('badge', () => {
  it('sets the OS badge count except on Windows', () => {
    new Badge('linux').setCount(7)
    expect(app.badgeCount).toBe(7)
    new Badge('win32').setCount(3)
    expect(app.badgeCount).toBe(7)
  })

  it('flashes an unfocused window until it gets the focus', () => {
    const badge = new Badge('linux')
    const win = new BrowserWindow()
    badge.flash(win as never)
    badge.flash(win as never)
    expect(win.flashes).toEqual([true])
    win.focus()
    expect(win.flashes).toEqual([true, false])
    badge.flash(win as never)
    expect(win.flashes).toEqual([true, false])
  })
})
