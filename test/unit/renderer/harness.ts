import { flushPromises, mount, type ComponentMountingOptions } from '@vue/test-utils'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import type { Component } from 'vue'
import { setBridge, type AppBridge } from '../../../renderer/src/bridge'
import type { LinkSource } from '../../../renderer/src/bridge/link'
import { mediaUrlsFor } from '../../../renderer/src/bridge/media-urls'
import { createAppI18n, type Locale } from '../../../renderer/src/i18n'
import { useContactsStore } from '../../../renderer/src/stores/contacts'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useMessagesStore } from '../../../renderer/src/stores/messages'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { useSettingsStore } from '../../../renderer/src/stores/settings'
import { FakeApi } from './fake-api'

export interface Harness {
  api: FakeApi
  pinia: Pinia
  i18n: ReturnType<typeof createAppI18n>
}

/**
 * A fresh fake transport, Pinia and i18n, with every store already listening to `api` (as
 * main.ts does before anything can arrive).
 */
export function setup(options: { locale?: Locale; link?: LinkSource; host?: AppBridge['host'] } = {}): Harness {
  const api = new FakeApi()
  const host = options.host ?? 'web'
  setBridge({ api, link: options.link, host, ...mediaUrlsFor(host, 'page-token') })
  const pinia = createPinia()
  setActivePinia(pinia)
  useSettingsStore()
  useSessionStore()
  useContactsStore()
  useConversationsStore()
  useMessagesStore()
  return { api, pinia, i18n: createAppI18n(options.locale ?? 'zh-CN') }
}

export function mountWith<C extends Component>(h: Harness, component: C, options: ComponentMountingOptions<C> = {} as ComponentMountingOptions<C>) {
  return mount(component, { ...options, global: { plugins: [h.pinia, h.i18n], ...options.global }, attachTo: document.body })
}

/**
 * happy-dom does no layout, so every element is 0×0 and a virtual list would render nothing.
 * Give elements a viewport-like size so the lists render their first rows.
 */
export function fakeLayout(height = 800, width = 400): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width })
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => height })
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => width })
}

export { flushPromises }
