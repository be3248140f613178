// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { useUiStore } from '../../../renderer/src/stores/ui'
import MainView from '../../../renderer/src/views/MainView.vue'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

afterEach(() => {
  document.body.innerHTML = ''
})

/** The button's words while it is shown (it stays in the page, hidden, while the box is empty). */
function button(): string | undefined {
  const el = document.querySelector<HTMLElement>('[data-testid="search-history"]')!
  return el.style.display === 'none' ? undefined : el.textContent!.trim()
}

describe('the search-in-history button', () => {
  it('says the message with the query in its place as the box changes, in each language (its words formatted once per language)', async () => {
    fakeLayout()
    const h = setup()
    mountWith(h, MainView)
    const ui = useUiStore()
    expect(button()).toBeUndefined()
    ui.query = ' Lucky '
    await flushPromises()
    expect(button()).toBe('在聊天记录中搜索“Lucky”')
    ui.query = '小猫'
    await flushPromises()
    expect(button()).toBe('在聊天记录中搜索“小猫”')
    h.i18n.global.locale.value = 'en'
    await flushPromises()
    expect(button()).toBe('Search messages for “小猫”')
    ui.query = ' '
    await flushPromises()
    expect(button()).toBeUndefined()
  })
})
