import { z } from 'zod'
import { DEFAULT_SETTINGS, applySettingsPatch } from './settings-values'

const notificationsSchema = z.object({
  enabled: z.boolean(),
  showPreview: z.boolean(),
  sound: z.boolean(),
  doNotDisturb: z.boolean(),
})

/** User settings (persisted in settings.json by electron/backend/settings-store.ts, for both hosts). */
export const settingsSchema = z.object({
  profile: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('emulator') }),
    z.object({ kind: z.literal('custom'), host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535) }),
    z.object({ kind: z.literal('tencent') }),
  ]),
  language: z.enum(['zh-CN', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  notifications: notificationsSchema,
  /** Enter sends (Shift+Enter new line), or Ctrl+Enter sends. */
  sendKey: z.enum(['enter', 'ctrl-enter']),
  closeToTray: z.boolean(),
  /** Chat windows share one tabbed window (QQ's 合并会话窗口), or each conversation has its own. */
  mergeChatWindows: z.boolean(),
  /** Auto-login with the saved session at start. */
  rememberSession: z.boolean(),
  /** Seconds between two sends beyond a small allowance (§8.5: ≥ 3 s, or 1202 and a locked account). */
  sendSpacingSeconds: z.number().int().min(3).max(60),
})
export type Settings = z.infer<typeof settingsSchema>

// Without zod, for the page's first chunk (issue 13); the same names as ever from here.
export { DEFAULT_SETTINGS, SETTINGS_GROUPS, applySettingsPatch } from './settings-values'

/**
 * A change names only the fields it changes, nested groups too (`{notifications: {sound: false}}`).
 * No field has a default here: a default would fill in every field the patch leaves out and
 * reset it. The profile is one choice and is replaced whole. Built on the first change: every
 * start read the settings, but zod built this second copy of their schema (~30 schema objects)
 * for the host and for the page before either needed it (issue 13).
 */
export const settingsPatchSchema = z.lazy(() =>
  settingsSchema
    .extend({ notifications: notificationsSchema.partial().strict() })
    .partial()
    .strict(),
)
export type SettingsPatch = z.input<typeof settingsPatchSchema>

type Shape = Readonly<Record<string, z.ZodType>>
type Fields = Record<string, unknown>

const isFields = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The settings after a patch, validated: only what the patch names changes (nested fields too);
 * an invalid patch throws and changes nothing. Both stores (settings-store.ts: the file and the
 * memory one) go through it.
 */
export function mergeSettings(current: Settings, patch: SettingsPatch): Settings {
  return settingsSchema.parse(applySettingsPatch(current, settingsPatchSchema.parse(patch)))
}

/**
 * Settings read back from a file (hand-edited, older or damaged): each valid field is kept, each
 * missing or invalid one — nested ones too — takes its default, so one bad value never costs the
 * others.
 */
export function settingsFromStored(raw: unknown): Settings {
  return fieldByField(settingsSchema.shape, DEFAULT_SETTINGS, raw) as Settings
}

function fieldByField(shape: Shape, defaults: Fields, raw: unknown): Fields {
  const stored = isFields(raw) ? raw : {}
  const out: Fields = {}
  for (const [key, field] of Object.entries(shape)) {
    if (field instanceof z.ZodObject) {
      out[key] = fieldByField(field.shape, defaults[key] as Fields, stored[key])
      continue
    }
    const r = field.safeParse(stored[key])
    out[key] = r.success ? r.data : defaults[key]
  }
  return out
}
