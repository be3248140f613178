// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick, type VNode } from 'vue'
import VirtualRow from '../../../renderer/src/components/common/virtual-row'
import CountedRows, { type Item } from './CountedRows.vue'
import { fakeLayout, flushPromises } from './harness'

/**
 * VirtualList lays its rows out from their heights alone and draws a row again only when what it
 * shows changed: a list update that changes rows out of view (a presence batch on 5,000 friends)
 * draws none.
 */

afterEach(() => {
  document.body.innerHTML = ''
})

const ITEMS: Item[] = Array.from({ length: 1_000 }, (_, n) => ({ key: `k${n}`, name: `Item ${n}`, tall: n % 10 === 0 }))

function mountList(items: readonly Item[] = ITEMS, recycle = false) {
  fakeLayout(400)
  const drawn: string[] = []
  const w = mount(CountedRows, { props: { items, recycle, drawn: (key: string) => drawn.push(key) }, attachTo: document.body })
  return { w, drawn }
}

const shownKeys = () => [...document.querySelectorAll<HTMLElement>('.vlist-row .name')].map((r) => r.dataset.key)
const scroller = () => document.querySelector<HTMLElement>('[data-testid="counted"]')!

async function scrollTo(top: number): Promise<void> {
  scroller().scrollTop = top
  scroller().dispatchEvent(new Event('scroll'))
  await flushPromises()
}

describe('VirtualList', () => {
  for (const recycle of [false, true]) {
    it(`draws no row again when only rows out of view change, and only the changed row when one in view does${recycle ? ' (recycled rows)' : ''}`, async () => {
      const { w, drawn } = mountList(ITEMS, recycle)
      await flushPromises()
      // 400 px from the top: rows 0 (80 px) and 1…8 (40 px), then row 9 at 400: rows 0–8 and 2 of overscan.
      expect(shownKeys()).toEqual(Array.from({ length: 11 }, (_, n) => `k${n}`))
      drawn.length = 0

      const outOfView = ITEMS.slice()
      outOfView[700] = { ...ITEMS[700]!, name: 'Changed far away' }
      await w.setProps({ items: outOfView })
      await flushPromises()
      expect(drawn).toEqual([])

      const inView = outOfView.slice()
      inView[3] = { ...ITEMS[3]!, name: 'Changed in view' }
      await w.setProps({ items: inView })
      await flushPromises()
      expect(drawn).toEqual(['k3'])
      expect(document.querySelector('[data-key="k3"]')!.textContent).toBe('Changed in view')
    })
  }

  it('draws no parked row (recycled, none to show) while what every row shows changes, and draws it when it is needed again', async () => {
    const { w, drawn } = mountList(ITEMS, true)
    await flushPromises()
    await w.setProps({ items: ITEMS.slice(0, 2) })
    await flushPromises()
    expect(shownKeys()).toEqual(['k0', 'k1'])
    drawn.length = 0
    await w.setProps({ suffix: '!' })
    await flushPromises()
    expect(drawn.sort()).toEqual(['k0', 'k1'])
    expect(document.querySelector('[data-key="k1"]')!.textContent).toBe('Item 1!')
    await w.setProps({ items: ITEMS })
    await scrollTo(0)
    expect(shownKeys()).toHaveLength(11)
    expect(document.querySelector('[data-key="k5"]')!.textContent).toBe('Item 5!')
  })

  it('places each row by the heights of the rows above it and draws the rows the scroll offset brings into view', async () => {
    mountList()
    await flushPromises()
    // Every tenth row is 80 px, the others 40: rows 0–9 end at 440, rows 10–19 at 880.
    expect(document.querySelector<HTMLElement>('.vlist-inner')!.style.height).toBe(`${100 * 440}px`)
    await scrollTo(880)
    // Row 20 at the top, two of overscan above it; row 0 holds the Tab stop, so it stays.
    expect(shownKeys().slice(0, 2)).toEqual(['k0', 'k18'])
    expect(shownKeys()).toContain('k20')
    const row20 = document.querySelector<HTMLElement>('.vlist-row:has([data-key="k20"])')!
    expect(row20.style.transform).toBe('translateY(880px)')
    expect(row20.style.height).toBe('80px')
    expect(document.querySelector('[data-key="k5"]')).toBeNull()
  })

  it('draws the last rows when a list that got shorter is still scrolled past its new end', async () => {
    const { w } = mountList()
    await flushPromises()
    await scrollTo(30_000)
    await w.setProps({ items: ITEMS.slice(0, 20) })
    await nextTick()
    await flushPromises()
    expect(shownKeys()).toContain('k19')
  })

  it('draws as many rows as its view holds when it is resized, and keeps its rows while hidden (a height of 0)', async () => {
    const observed: Array<(entries: Array<{ contentRect: { height: number } }>) => void> = []
    vi.stubGlobal('ResizeObserver', class {
      constructor(callback: (entries: Array<{ contentRect: { height: number } }>) => void) {
        observed.push(callback)
      }
      observe(): void {}
      disconnect(): void {}
    })
    try {
      mountList()
      await flushPromises()
      const resize = async (height: number) => {
        for (const callback of observed) callback([{ contentRect: { height } }])
        await flushPromises()
      }
      expect(shownKeys()).toHaveLength(11)
      // 200 px: rows 0 (80 px) and 1 … 3, 2 more of overscan.
      await resize(200)
      expect(shownKeys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5'])
      await resize(0)
      expect(shownKeys()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5'])
      await resize(400)
      expect(shownKeys()).toHaveLength(11)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it("draws a row's content as <slot> would: its compiled blocks are patched, not its whole tree compared", async () => {
    const { w } = mountList()
    await flushPromises()
    const row = w.findAllComponents(VirtualRow)[0]!
    // dynamicChildren is Vue's internal field (not in its public types).
    const content = (row.vm.$.subTree.children as Array<VNode & { dynamicChildren: VNode[] | null }>)[0]!
    // Called as a plain function, a compiled slot builds its vnodes with block tracking off (no dynamicChildren).
    expect(content.dynamicChildren).not.toBeNull()
  })
})
