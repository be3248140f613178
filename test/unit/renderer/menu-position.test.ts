import { describe, expect, it } from 'vitest'
import { clampMenu, isMenuKey, menuPoint } from '../../../renderer/src/lib/menu-position'

const row = { left: 100, top: 200, width: 400, height: 60 }
const key = { shiftKey: false, ctrlKey: false, altKey: false, metaKey: false }

describe('menu position', () => {
  it('opens a right-click menu at the pointer and a keyboard one at the element', () => {
    expect(menuPoint({ clientX: 321, clientY: 234, button: 2 }, row)).toEqual({ x: 321, y: 234 })
    expect(menuPoint({ clientX: 5, clientY: 5, button: 0 }, row)).toEqual({ x: 124, y: 224 })
    expect(menuPoint({ clientX: 321, clientY: 234, button: 0, ctrlKey: true }, row)).toEqual({ x: 321, y: 234 })
  })

  it('keeps the menu inside the window, flipping it to the left of and above the point near the edges', () => {
    const size = { width: 160, height: 120 }
    const view = { width: 800, height: 600 }
    expect(clampMenu({ x: 10, y: 10 }, size, view)).toEqual({ x: 10, y: 10 })
    expect(clampMenu({ x: 790, y: 590 }, size, view)).toEqual({ x: 630, y: 470 })
    // Bigger than the room on the flipped side too: pinned to the margin.
    expect(clampMenu({ x: 100, y: 100 }, { width: 900, height: 700 }, view)).toEqual({ x: 4, y: 4 })
  })

  it('knows the context-menu key and Shift+F10, not F10 alone', () => {
    expect(isMenuKey({ ...key, key: 'ContextMenu' })).toBe(true)
    expect(isMenuKey({ ...key, key: 'F10', shiftKey: true })).toBe(true)
    expect(isMenuKey({ ...key, key: 'F10' })).toBe(false)
    expect(isMenuKey({ ...key, key: 'F10', shiftKey: true, ctrlKey: true })).toBe(false)
  })
})
