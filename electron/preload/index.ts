import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { CommandError, CommandOutcome, QqApi } from '../ipc/contract'
import { COMMAND_CHANNEL, eventChannel } from '../ipc/contract/channels'
import { isEventName } from '../ipc/contract/events'

/**
 * `window.qq`, the renderer's only door out (DESIGN.md): the contract's commands and events,
 * nothing else. Commands go on the one command channel, where the main process checks the caller
 * and refuses what the contract does not hold; events come from the contract's (zod-free) list. Failures reject with a plain `{ error: ErrorView }` (an Error
 * would lose its fields crossing the context bridge).
 */

const refuse = (message: string): CommandError => ({ error: { kind: 'bad-input', message } })

const api: QqApi = {
  async invoke(name, args) {
    if (typeof name !== 'string') throw refuse('a command name is a string')
    const result = (await ipcRenderer.invoke(COMMAND_CHANNEL, name, args)) as CommandOutcome
    if (!result.ok) throw { error: result.error } satisfies CommandError
    return result.value as never
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event).slice(0, 64)}`)
    const channel = eventChannel(event)
    // The IPC event (which holds `ipcRenderer` itself) never reaches the page: only the payload.
    const relay = (_e: IpcRendererEvent, payload: unknown) => listener(payload as Parameters<typeof listener>[0])
    ipcRenderer.on(channel, relay)
    return () => {
      ipcRenderer.removeListener(channel, relay)
    }
  },
}

contextBridge.exposeInMainWorld('qq', api)
