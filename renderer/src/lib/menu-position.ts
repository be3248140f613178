/** Where a context menu opens: the pointer for a right-click, the element's corner for the keyboard. */
export interface MenuPoint {
  x: number
  y: number
}

interface Rect {
  left: number
  top: number
  width: number
  height: number
}

/** Under the top-left part of the element a keyboard user opened the menu on. */
export function pointAt(target: Rect): MenuPoint {
  return { x: target.left + Math.min(24, target.width / 2), y: target.top + Math.min(target.height, 24) }
}

/**
 * The point for a `contextmenu` event: a right-click (button 2) carries the pointer. The
 * context-menu key and Shift+F10 fire the event as well, with button 0 and the pointer wherever
 * the mouse happens to be: then the menu opens at the focused element instead.
 */
export function menuPoint(e: { clientX: number; clientY: number; button: number; ctrlKey?: boolean }, target: Rect): MenuPoint {
  const pointer = e.button === 2 || (e.button === 0 && e.ctrlKey === true) // macOS: Ctrl+click is a right-click
  return pointer ? { x: e.clientX, y: e.clientY } : pointAt(target)
}

/** Keeps a menu of `size` wholly inside the `view`: flipped to the left of / above the point when it would run off. */
export function clampMenu(at: MenuPoint, size: { width: number; height: number }, view: { width: number; height: number }, margin = 4): MenuPoint {
  const x = at.x + size.width + margin > view.width ? at.x - size.width : at.x
  const y = at.y + size.height + margin > view.height ? at.y - size.height : at.y
  const fit = (v: number, extent: number, room: number) => Math.max(margin, Math.min(v, room - extent - margin))
  return { x: fit(x, size.width, view.width), y: fit(y, size.height, view.height) }
}

/** The context-menu key or Shift+F10: open the focused element's menu. */
export function isMenuKey(e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }): boolean {
  return e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey && !e.ctrlKey && !e.altKey && !e.metaKey)
}
