import type { CommandName, EventName } from '../ipc/contract/names'

/**
 * The Electron transport's channel names, derived from the contract's names: the preload and
 * the main process both build them here, so no raw channel string exists anywhere else.
 */
export const commandChannel = (name: CommandName): string => `qq:cmd:${name}`
export const eventChannel = (name: EventName): string => `qq:evt:${name}`
