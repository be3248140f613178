import type { EventEmitter } from 'node:events'
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron'
import type { Logger } from '../engine/log'
import { EVENT_NAMES, type CommandOutcome, type EventName, type Events } from '../ipc/contract'
import { dispatch, type Handlers } from '../ipc/dispatch'
import type { AppOrigin } from './app-url'
import { COMMAND_CHANNEL, eventChannel } from '../ipc/contract/channels'

/**
 * The Electron transport of the contract (DESIGN.md "Typed IPC"): one generic handler for every
 * command, checking who calls before `dispatch` validates the name and the arguments.
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

/** The handlers, or the handlers for the page that calls (some commands are about the window they come from). */
export type HandlersFor = Handlers | ((page: WebContents) => Handlers)

export function registerCommands(handlers: HandlersFor, isOurs: SenderCheck, logger: Logger): void {
  ipcMain.handle(COMMAND_CHANNEL, async (event, name: unknown, args: unknown): Promise<CommandOutcome> => {
    if (!isOurs(event)) {
      logger.warn(`refused a command from a frame that is not the app's`)
      return { ok: false, error: { kind: 'bad-input', message: 'the caller is not the app' } }
    }
    return dispatch(typeof handlers === 'function' ? handlers(event.sender) : handlers, name, args)
  })
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
