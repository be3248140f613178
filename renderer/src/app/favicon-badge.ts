/**
 * Web mode's favicon with the unread count drawn on it (issue 11: what the browser allows for a
 * badge). A canvas drawing, handed to the page's <link rel="icon"> as a data: URL (the CSP's
 * img-src allows data:).
 */
const SIZE = 64

/** What the badge says: nothing, the count, or 99+ (above 99 every count looks the same). */
export function badgeLabel(count: number): string {
  return count <= 0 ? '' : count > 99 ? '99+' : String(count)
}

export function drawFavicon(count: number): string {
  const canvas = document.createElement('canvas')
  canvas.width = canvas.height = SIZE
  const g = canvas.getContext('2d')
  if (!g) return 'data:,'
  // The app's mark: a blue rounded square with a white Q.
  g.fillStyle = '#0e62cc'
  g.beginPath()
  g.roundRect(2, 2, SIZE - 4, SIZE - 4, 14)
  g.fill()
  g.fillStyle = '#ffffff'
  g.font = `bold ${SIZE * 0.62}px system-ui, sans-serif`
  g.textAlign = 'center'
  g.textBaseline = 'middle'
  g.fillText('Q', SIZE / 2, SIZE / 2 + 2)
  const text = badgeLabel(count)
  if (text) {
    const r = SIZE * 0.3
    g.font = `bold ${text.length > 2 ? SIZE * 0.3 : SIZE * 0.4}px system-ui, sans-serif`
    const width = Math.max(2 * r, g.measureText(text).width + 12)
    g.fillStyle = '#bf2a30'
    g.beginPath()
    g.roundRect(SIZE - width, 0, width, 2 * r, r)
    g.fill()
    g.fillStyle = '#ffffff'
    g.fillText(text, SIZE - width / 2, r + 1)
  }
  return canvas.toDataURL('image/png')
}

/**
 * Puts the drawing on the page's icon link (made when the page has none); drawn again only when
 * the badge would read differently (a busy group's 100th, 101st… unread draw nothing).
 */
export function setFavicon(count: number): void {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]')
  if (!link) {
    link = document.createElement('link')
    link.rel = 'icon'
    document.head.append(link)
  }
  const label = badgeLabel(count)
  if (link.dataset.label !== label || !link.href) link.href = drawFavicon(count)
  link.dataset.label = label
  link.dataset.count = String(count)
}
