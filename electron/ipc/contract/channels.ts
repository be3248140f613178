/**
 * The Electron transport's channel names: the preload and the main process both take them from
 * here, so no raw channel string exists anywhere else. Every command travels on the one command
 * channel as (name, args): the main process checks the caller, then `dispatch` refuses a name
 * the contract does not hold, as web mode's WebSocket does.
 */
export const COMMAND_CHANNEL = 'qq:cmd'

export function eventChannel(name: string): string {
  return `qq:evt:${name}`
}
