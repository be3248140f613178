import { shell } from 'electron'
import { EngineError } from '../engine/errors'
import { webLink } from '../model'

/**
 * The one way a URL leaves the app (Element's safeOpenURL): parsed, http(s) only, then the
 * user's browser. Anything else (file:, javascript:, smb: …) throws a `bad-input` EngineError.
 */
export async function openExternalSafely(raw: string): Promise<void> {
  const url = webLink(raw)
  if (!url) throw new EngineError('bad-input', 'only web links open outside the app')
  await shell.openExternal(url)
}
