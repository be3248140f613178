import { describe, expect, it } from 'vitest'
import { Logger } from '../../../electron/engine/log'
import { NO_VAULT } from '../../../electron/engine/ports'
import { AppCore } from '../../../electron/backend/app-core'
import type { HostServices } from '../../../electron/backend/ports'
import { MemorySettingsStore } from '../../../electron/backend/settings-store'
import type { ChatTabs, ConversationRef } from '../../../electron/ipc/contract'
import { dispatch } from '../../../electron/ipc/dispatch'

/** chat.open / chat.close / chat.tabs reach the host's chat windows (Electron); web mode has none. */

const FRIEND: ConversationRef = { kind: 'friend', key: 'f:q:10002' }

function core(host: Partial<HostServices>): AppCore {
  return new AppCore({
    dataDir: '/nonexistent',
    settings: new MemorySettingsStore(),
    vault: () => NO_VAULT,
    host: { kind: 'web', openExternal: async () => undefined, secretStorage: 'plaintext', downloadDir: '/nonexistent/downloads', ...host },
    embedded: { start: () => Promise.reject(new Error('not in this test')), stop: async () => undefined },
    version: '0.0.0-test',
    logger: new Logger(),
  })
}

describe('chat window commands', () => {
  it('web mode (no chat windows): bad-input, the page opens browser tabs itself', async () => {
    const web = core({})
    for (const [name, args] of [['chat.open', { conversation: FRIEND }], ['chat.close', { conversation: FRIEND }], ['chat.tabs', {}]] as const) {
      expect(await dispatch(web.handlers, name, args)).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
  })

  it('Electron: each goes to the host’s chat windows, with validated arguments only', async () => {
    const calls: string[] = []
    const tabs: ChatTabs = { open: [FRIEND], tabs: [FRIEND], active: FRIEND }
    const electron = core({
      kind: 'electron',
      openChat: (c) => void calls.push(`open ${c.kind} ${c.key}`),
      closeChat: (c) => void calls.push(`close ${c.kind} ${c.key}`),
      chatTabs: () => tabs,
    })
    expect(await dispatch(electron.handlers, 'chat.open', { conversation: FRIEND })).toEqual({ ok: true, value: null })
    expect(await dispatch(electron.handlers, 'chat.close', { conversation: FRIEND })).toEqual({ ok: true, value: null })
    expect(await dispatch(electron.handlers, 'chat.tabs', {})).toEqual({ ok: true, value: tabs })
    for (const bad of [{ conversation: { kind: 'window', key: 'x' } }, { conversation: { kind: 'friend', key: 'k'.repeat(513) } }, { conversation: FRIEND, extra: 1 }, {}]) {
      expect(await dispatch(electron.handlers, 'chat.open', bad)).toMatchObject({ ok: false, error: { kind: 'bad-input' } })
    }
    expect(calls).toEqual(['open friend f:q:10002', 'close friend f:q:10002'])
  })
})
