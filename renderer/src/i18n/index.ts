import { createI18n } from 'vue-i18n'
import en from './en'
import zhCN, { type Messages } from './zh-CN'

export type Locale = 'zh-CN' | 'en'

/**
 * Composition-mode vue-i18n. Its message compiler turns messages into an AST that is evaluated
 * directly (no `new Function`), so it runs under the page's CSP without 'unsafe-eval'.
 */
export function createAppI18n(locale: Locale = 'zh-CN') {
  return createI18n<[Messages], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'zh-CN',
    messages: { 'zh-CN': zhCN, en: en as Messages },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
