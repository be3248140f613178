import type { EventEmitter } from 'node:events'
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { Logger } from '../engine/log'
import { COMMAND_NAMES, EVENT_NAMES, type EventName, type Events } from '../ipc/contract'
import { dispatch, type DispatchResult, type Handlers } from '../ipc/server/dispatch'
import type { AppOrigin } from './app-url'
import { commandChannel, eventChannel } from './channels'

/**
 * The Electron transport of the contract (DESIGN.md "Typed IPC"): one generic handler per
 * command name, each checking who calls before `dispatch` validates the arguments.
 */

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean

/**
 * A call is ours when it comes from the main frame (not an iframe) of one of our windows, and
 * that frame shows one of our pages.
 */
export function appSenders(windows: () => readonly WebContents[], origin: AppOrigin): SenderCheck {
  return (event) => {
    const frame = event.senderFrame
    if (!frame || frame.parent !== null) return false
    if (!windows().some((c) => c.id === event.sender.id)) return false
    return origin.owns(frame.url)
  }
}

export function registerCommands(handlers: Handlers, isOurs: SenderCheck, logger: Logger): void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event, args: unknown): Promise<DispatchResult> => {
      if (!isOurs(event)) {
        logger.warn(`refused ${name} from a frame that is not the app's`)
        return { ok: false, error: { kind: 'bad-input', message: `${name}: the caller is not the app` } }
      }
      return dispatch(handlers, name, args)
    })
  }
}

export function sendEvent<E extends EventName>(to: WebContents, name: E, payload: Events[E]): void {
  post(to, name, payload)
}

function post(to: WebContents, name: EventName, payload: unknown): void {
  if (!to.isDestroyed()) to.send(eventChannel(name), payload)
}

/** Every backend event (the AppCore's, which are the contract's) goes to every app page as it is. */
export function forwardEvents(source: EventEmitter<{ [E in EventName]: [Events[E]] }>, targets: () => readonly WebContents[]): void {
  const emitter: Pick<EventEmitter, 'on'> = source
  for (const name of EVENT_NAMES) {
    emitter.on(name, (payload: unknown) => {
      for (const to of targets()) post(to, name, payload)
    })
  }
}
