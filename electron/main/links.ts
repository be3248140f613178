import { shell } from 'electron'
import { safeUrl } from '../ipc/server/app-core'

/**
 * The one way a URL leaves the app (Element's safeOpenURL): parsed, http(s) only, then the
 * user's browser. Anything else (file:, javascript:, smb: …) throws a `bad-input` EngineError.
 */
export async function openExternalSafely(raw: string): Promise<void> {
  await shell.openExternal(safeUrl(raw))
}
