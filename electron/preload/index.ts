import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CommandError, QqApi } from '../ipc/contract'
import { COMMAND_NAMES, EVENT_NAMES, type EventName } from '../ipc/contract/names'
import type { DispatchResult } from '../ipc/server/dispatch'
import { commandChannel, eventChannel } from '../main/channels'

/**
 * `window.qq`, the renderer's only door out (DESIGN.md): the contract's commands and events,
 * nothing else. Names come from allow-lists built from the contract; failures reject with a
 * plain `{ error: ErrorView }` (an Error would lose its fields crossing the context bridge).
 */

const commands = new Set<string>(COMMAND_NAMES)
const events = new Set<string>(EVENT_NAMES)

const refuse = (message: string): CommandError => ({ error: { kind: 'bad-input', message } })

const api: QqApi = {
  async invoke(name, args) {
    if (!commands.has(name)) throw refuse(`unknown command ${String(name).slice(0, 64)}`)
    const result = (await ipcRenderer.invoke(commandChannel(name), args)) as DispatchResult
    if (!result.ok) throw { error: result.error } satisfies CommandError
    return result.value as never
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`unknown event ${String(event).slice(0, 64)}`)
    const channel = eventChannel(event as EventName)
    // The IPC event (which holds `ipcRenderer` itself) never reaches the page: only the payload.
    const relay = (_e: IpcRendererEvent, payload: unknown) => listener(payload as Parameters<typeof listener>[0])
    ipcRenderer.on(channel, relay)
    return () => {
      ipcRenderer.removeListener(channel, relay)
    }
  },
}

contextBridge.exposeInMainWorld('qq', api)
