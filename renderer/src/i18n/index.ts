import { createI18n } from 'vue-i18n'
import type { Settings } from '@contract'
import en from './en'
import zhCN, { type Messages } from './zh-CN'

/** The languages the UI speaks are the ones the settings can hold. */
export type Locale = Settings['language']

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
