import { z } from 'zod'

/** User settings (persisted with electron-store in the app, in a JSON file in web mode). */
export const settingsSchema = z.object({
  profile: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('emulator') }),
      z.object({ kind: z.literal('custom'), host: z.string().min(1).max(255), port: z.number().int().min(1).max(65535) }),
      z.object({ kind: z.literal('tencent') }),
    ])
    .default({ kind: 'emulator' }),
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  notifications: z
    .object({
      enabled: z.boolean().default(true),
      showPreview: z.boolean().default(true),
      sound: z.boolean().default(true),
      doNotDisturb: z.boolean().default(false),
    })
    .default({ enabled: true, showPreview: true, sound: true, doNotDisturb: false }),
  /** Enter sends (Shift+Enter new line), or Ctrl+Enter sends. */
  sendKey: z.enum(['enter', 'ctrl-enter']).default('enter'),
  closeToTray: z.boolean().default(true),
  /** Auto-login with the saved session at start. */
  rememberSession: z.boolean().default(true),
})
export type Settings = z.infer<typeof settingsSchema>
export const settingsPatchSchema = settingsSchema.partial()
export type SettingsPatch = z.input<typeof settingsPatchSchema>
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({})
