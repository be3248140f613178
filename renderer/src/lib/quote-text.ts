/** The line QQ put under a quote sent as text, between the quote and the reply. */
export const QUOTE_RULE = '- - - - - - - - - - - - - - -'
/** Characters of the quoted message kept: a quote reminds, it does not repeat a long text. */
export const QUOTE_MAX = 60

/**
 * A quote as QQ sent it to clients without a reply element (SmartQQ has none, §6.3–6.4): the
 * speaker and their words in 「」, a dashed rule, then the reply on the next line.
 */
export function quoteText(name: string, text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim()
  const chars = [...oneLine]
  const kept = chars.length > QUOTE_MAX ? `${chars.slice(0, QUOTE_MAX).join('')}…` : oneLine
  return `「${name}：${kept}」\n${QUOTE_RULE}\n`
}
