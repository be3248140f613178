const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/** Tab and Shift+Tab go round inside `container` (a modal dialog): the page behind it cannot take focus. */
export function trapTab(e: KeyboardEvent, container: HTMLElement): void {
  if (e.key !== 'Tab') return
  const items = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)]
  const first = items[0]
  const last = items.at(-1)
  if (!first || !last) {
    e.preventDefault()
    container.focus()
    return
  }
  const at = document.activeElement
  const inside = at instanceof Node && container.contains(at) && at !== container
  if (e.shiftKey && (at === first || !inside)) {
    e.preventDefault()
    last.focus()
  } else if (!e.shiftKey && (at === last || !inside)) {
    e.preventDefault()
    first.focus()
  }
}
