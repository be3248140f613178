import type { Settings, SettingsPatch } from './settings'

/**
 * The settings' values that need no zod (settings.ts re-exports them): the defaults and the
 * unvalidated patch the renderer applies while the store answers. The page's first chunk reads
 * them without loading zod (issue 13).
 */

export const DEFAULT_SETTINGS: Settings = {
  profile: { kind: 'emulator' },
  language: 'zh-CN',
  theme: 'system',
  notifications: { enabled: true, showPreview: true, sound: true, doNotDisturb: false },
  sendKey: 'enter',
  closeToTray: true,
  mergeChatWindows: true,
  rememberSession: true,
  sendSpacingSeconds: 3,
}

/** The groups of fields a patch changes one by one (the schema's nested objects); anything else, the profile too, is replaced whole. */
export const SETTINGS_GROUPS: ReadonlySet<string> = new Set(['notifications'] satisfies Array<keyof Settings>)

type Fields = Record<string, unknown>
const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The settings after a patch, unvalidated (the renderer's optimistic view until the store
 * answers): what the patch names changes, nested groups field by field; nothing else moves.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const out: Fields = { ...current }
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue
    const was = (current as Fields)[key]
    out[key] = SETTINGS_GROUPS.has(key) && isFields(value) && isFields(was) ? changed(was, value) : value
  }
  return out as Settings
}

function changed(current: Fields, patch: Fields): Fields {
  const out = { ...current }
  for (const [key, value] of Object.entries(patch)) if (value !== undefined) out[key] = value
  return out
}
