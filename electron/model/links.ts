/**
 * The one rule for links that leave the app: parsed with the URL
 * parser, http or https only; undefined for anything else (javascript:, file:, data:, custom
 * schemes, relative or unparsable text). The main process and the renderer both ask here.
 */
export function webLink(raw: string): string | undefined {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return undefined
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
}
