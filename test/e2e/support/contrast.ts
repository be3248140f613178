import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** What one measured text looks like: its colours as painted, and the ratio WCAG computes of them. */
export interface Measured {
  name: string
  text: string
  fg: string
  bg: string
  ratio: number
  /** The ratio WCAG AA asks of this text: 4.5, or 3 for large text (≥ 24 px, or ≥ 18.66 px bold). */
  needed: number
}

/**
 * The contrast of each visible element the selectors match, computed in the page as WCAG 2.1
 * defines it (relative luminance of sRGB): the text colour over the backgrounds painted under it,
 * composited from the element up to the page (translucent layers, `color-mix` results included).
 */
export function measureContrast(page: Page, targets: Record<string, string>): Promise<Measured[]> {
  return page.evaluate((targets) => {
    const { document, getComputedStyle } = globalThis as unknown as InPage
    type Rgba = [number, number, number, number]
    const parse = (css: string): Rgba => {
      const srgb = /^color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)(?: \/ ([\d.e-]+))?\)$/.exec(css)
      if (srgb) return [Number(srgb[1]) * 255, Number(srgb[2]) * 255, Number(srgb[3]) * 255, srgb[4] === undefined ? 1 : Number(srgb[4])]
      const rgb = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(css)
      if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3]), rgb[4] === undefined ? 1 : Number(rgb[4])]
      throw new Error(`a colour this check cannot read: ${css}`)
    }
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3] + under[3] * (1 - top[3])
      if (a === 0) return [0, 0, 0, 0]
      const mix = (i: number) => (top[i]! * top[3] + under[i]! * under[3] * (1 - top[3])) / a
      return [mix(0), mix(1), mix(2), a]
    }
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    const show = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(' ')})`
    const backdrop = (el: InPageElement): Rgba => {
      const layers: Rgba[] = []
      for (let e: InPageElement | null = el; e; e = e.parentElement) layers.push(parse(getComputedStyle(e).backgroundColor))
      return layers.reduceRight<Rgba>((under, top) => over(top, under), [255, 255, 255, 1])
    }
    const out: Measured[] = []
    for (const [name, selector] of Object.entries(targets)) {
      for (const el of Array.from(document.querySelectorAll(selector)).slice(0, 20)) {
        const text = (el.textContent ?? '').trim()
        const box = el.getBoundingClientRect()
        if (!text || box.width === 0 || box.height === 0) continue
        const style = getComputedStyle(el)
        const bg = backdrop(el)
        const fg = over(parse(style.color), bg)
        const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a)
        const size = parseFloat(style.fontSize)
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700)
        out.push({ name, text: text.slice(0, 30), fg: show(fg), bg: show(bg), ratio: Math.round(((hi! + 0.05) / (lo! + 0.05)) * 100) / 100, needed: large ? 3 : 4.5 })
      }
    }
    return out
  }, targets)
}

/** The little of the page's DOM the measuring uses (this program's types have no DOM library). */
interface InPageElement {
  readonly parentElement: InPageElement | null
  readonly textContent: string | null
  getBoundingClientRect(): { width: number; height: number }
}
interface InPage {
  document: { querySelectorAll(selector: string): ArrayLike<InPageElement> }
  getComputedStyle(el: InPageElement): { color: string; backgroundColor: string; fontSize: string; fontWeight: string }
}

export interface AxeViolation {
  id: string
  nodes: Array<{ target: string[]; failureSummary?: string; html: string }>
}

/** axe-core's colour-contrast rule over the whole page (its source evaluated in the page: the page's CSP allows no injected script tag). */
export async function axeContrast(page: Page): Promise<AxeViolation[]> {
  const source = (createRequire(import.meta.url)('axe-core') as { source: string }).source
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(`${source};undefined`)
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as { axe: { run(ctx: unknown, opts: object): Promise<{ violations: AxeViolation[] }> }; document: unknown }
    const result = await axe.run(document, { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary, html: n.html.slice(0, 160) })) }))
  })
}
