// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import ContextMenu, { type MenuItem } from '../../../renderer/src/components/common/ContextMenu.vue'
import { flushPromises } from './harness'

const ITEMS: MenuItem[] = [
  { id: 'copy', label: '复制' },
  { id: 'quote', label: '引用', disabled: true },
  { id: 'select', label: '选择' },
  { id: 'delete', label: '删除', danger: true, separated: true },
]

afterEach(() => {
  document.body.innerHTML = ''
})

async function open() {
  const opener = document.createElement('button')
  document.body.append(opener)
  opener.focus()
  const w = mount(ContextMenu, { props: { items: ITEMS, at: { x: 10, y: 10 }, label: '消息' }, attachTo: document.body })
  await flushPromises()
  await nextTick()
  const items = () => Array.from(document.querySelectorAll<HTMLElement>('[role="menuitem"]'))
  return { w, opener, items, key: (key: string) => document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })) }
}

describe('ContextMenu', () => {
  it('is a menu of menuitems with focus on the first; the arrows skip a disabled item and wrap', async () => {
    const { items, key } = await open()
    expect(document.querySelector('[role="menu"]')?.getAttribute('aria-label')).toBe('消息')
    expect(items().map((i) => i.textContent?.trim())).toEqual(['复制', '引用', '选择', '删除'])
    expect(document.activeElement).toBe(items()[0])
    key('ArrowDown')
    expect(document.activeElement).toBe(items()[2])
    key('ArrowDown')
    key('ArrowDown')
    expect(document.activeElement).toBe(items()[0])
    key('End')
    expect(document.activeElement).toBe(items()[3])
    key('ArrowUp')
    expect(document.activeElement).toBe(items()[2])
  })

  it('reports the chosen item, then closes; focus goes back to the opener', async () => {
    const { w, opener, items } = await open()
    items()[2]!.click()
    expect(w.emitted('select')).toEqual([['select']])
    expect(w.emitted('close')).toHaveLength(1)
    expect(document.activeElement).toBe(opener)
  })

  it('never reports a disabled item; Esc closes back to the opener; a click elsewhere closes', async () => {
    const first = await open()
    first.items()[1]!.click()
    expect(first.w.emitted('select')).toBeUndefined()
    first.key('Escape')
    expect(first.w.emitted('close')).toHaveLength(1)
    expect(document.activeElement).toBe(first.opener)
    first.w.unmount()
    const second = await open()
    document.body.dispatchEvent(new Event('pointerdown', { bubbles: true }))
    expect(second.w.emitted('close')).toHaveLength(1)
  })
})
