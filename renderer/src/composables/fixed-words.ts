import { useI18n, type Composer } from 'vue-i18n'

/** Per app (its i18n composer), per language: message key → its words. */
const cache = new WeakMap<object, Map<string, Map<string, string>>>()

/**
 * `t(key)` for the messages that take no parameters (a status, a device, a tooltip), looked up
 * once per language and then read from a map. List rows show such words, and one keystroke in
 * the search box redraws dozens of rows: a vue-i18n lookup each (it resolves and formats the
 * message every time) was much of that keystroke's script. Reading `locale` keeps the caller
 * reactive to a change of language.
 */
export function useFixedWords(): (key: string) => string {
  const i18n = useI18n() as unknown as Composer
  let byLocale = cache.get(i18n)
  if (!byLocale) cache.set(i18n, (byLocale = new Map()))
  const locales = byLocale
  return (key) => {
    const locale = i18n.locale.value
    let words = locales.get(locale)
    if (!words) locales.set(locale, (words = new Map()))
    let word = words.get(key)
    if (word === undefined) words.set(key, (word = i18n.t(key)))
    return word
  }
}
