import { Raster, below, circle, ellipse, grow, hex, intersect, linear, mix, polygon, ring, roundedRect, segment, union, type Rgb } from './raster'
import type { Picture } from './picture-bytes'

/**
 * The bundled sample pictures the phone page (and 小助手) send: a landscape, a cartoon cat and
 * a chart, drawn once when first asked for.
 */

export const SAMPLE_NAMES = ['landscape', 'cat', 'chart'] as const
export type SampleName = (typeof SAMPLE_NAMES)[number]

const drawn = new Map<SampleName, Picture>()

export function samplePicture(name: SampleName): Picture {
  let picture = drawn.get(name)
  if (!picture) {
    picture = { bytes: DRAW[name](), mime: 'image/png' }
    drawn.set(name, picture)
  }
  return picture
}

const DRAW: Record<SampleName, () => Buffer> = { landscape, cat, chart }

/** A ridge through the given peaks and valleys (straight slopes between them). */
function ridge(points: ReadonlyArray<readonly [number, number]>): (x: number) => number {
  return (x) => {
    for (let i = 1; i < points.length; i++) {
      const [x0, y0] = points[i - 1]!
      const [x1, y1] = points[i]!
      if (x <= x1) return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0)
    }
    return points.at(-1)![1]
  }
}

function landscape(): Buffer {
  const [w, h] = [480, 320]
  const r = new Raster(w, h)
  const [top, horizon, glow] = [hex('#6cb4ee'), hex('#ffe1b8'), hex('#fff4d6')]
  const sun = [352, 118] as const
  r.paint((x, y) => mix(mix(top, horizon, y / 230), glow, 0.75 * Math.max(0, 1 - Math.hypot(x - sun[0], y - sun[1]) / 120) ** 2))
  r.fill(circle(sun[0], sun[1], 26), hex('#fff8e1'), 1, [sun[0] - 27, sun[1] - 27, sun[0] + 27, sun[1] + 27])
  const cloud = (cx: number, cy: number, s: number) =>
    union(circle(cx - 22 * s, cy + 4 * s, 15 * s), circle(cx, cy - 6 * s, 21 * s), circle(cx + 22 * s, cy + 3 * s, 16 * s), roundedRect(cx - 38 * s, cy, cx + 38 * s, cy + 18 * s, 9 * s))
  r.fill(cloud(112, 78, 1), [255, 255, 255], 0.88, [70, 46, 154, 100])
  r.fill(cloud(262, 52, 0.6), [255, 255, 255], 0.8, [236, 32, 288, 66])
  // Farther mountains are paler (the air between), with snow on the highest peak.
  const far = ridge([[0, 186], [58, 152], [120, 182], [196, 112], [262, 170], [330, 136], [404, 178], [480, 150]])
  r.fill(below(far), hex('#a9bfdc'))
  r.fill(intersect(below(far), (_x, y) => y - 134, polygon([[150, 150], [196, 100], [240, 150]])), [250, 252, 255], 0.95, [150, 100, 240, 136])
  r.fill(below(ridge([[0, 222], [80, 176], [150, 212], [250, 168], [330, 206], [420, 172], [480, 200]])), hex('#7d9cc4'))
  r.fill(below((x) => 248 + 10 * Math.sin(x / 58 + 0.6)), linear(w, h, Math.PI / 2, hex('#9fd08a'), hex('#5e9f5e')))
  r.fill(below((x) => 284 + 7 * Math.sin(x / 41 + 2)), hex('#4c8a4e'))
  const pine = (x: number, base: number, s: number) => {
    const bounds = [x - 24 * s, base - 78 * s, x + 24 * s, base] as const
    r.fill(roundedRect(x - 3 * s, base - 14 * s, x + 3 * s, base, 1), hex('#6b4a2b'), 1, bounds)
    const tiers = [0, 1, 2].map((i) => grow(polygon([[x - (22 - i * 5) * s, base - (12 + i * 16) * s], [x, base - (44 + i * 16) * s], [x + (22 - i * 5) * s, base - (12 + i * 16) * s]]), 1))
    r.fill(union(...tiers), hex('#2f6b3f'), 1, bounds)
  }
  pine(58, 296, 1.1)
  pine(92, 300, 0.8)
  pine(418, 292, 1)
  return r.png()
}

function cat(): Buffer {
  const [w, h] = [320, 320]
  const r = new Raster(w, h)
  r.paint(linear(w, h, Math.PI / 3, hex('#ffeedd'), hex('#ffd0b5')))
  for (const [x, y, rad] of [[52, 60, 26], [270, 84, 18], [286, 250, 30], [30, 236, 16]] as const) r.fill(circle(x, y, rad), [255, 255, 255], 0.35)
  const fur = hex('#f4a261')
  const light = hex('#f7b37a')
  const dark = hex('#e07b39')
  const ink: Rgb = hex('#2b2d42')
  // The body a shade deeper than the head, so the head stands out from it.
  r.fill(ellipse(160, 300, 96, 72), hex('#eb9550'))
  // Ears with rounded tips, then the head over their bases.
  r.fill(grow(polygon([[70, 128], [92, 38], [146, 92]]), 7), fur, 1, [60, 28, 156, 138])
  r.fill(grow(polygon([[250, 128], [228, 38], [174, 92]]), 7), fur, 1, [164, 28, 260, 138])
  r.fill(grow(polygon([[90, 112], [100, 62], [128, 96]]), 3), hex('#f7b2a8'), 1, [84, 56, 134, 118])
  r.fill(grow(polygon([[230, 112], [220, 62], [192, 96]]), 3), hex('#f7b2a8'), 1, [186, 56, 236, 118])
  r.fill(ellipse(160, 172, 102, 86), linear(w, h, Math.PI / 2, light, fur))
  for (const [x0, y0, x1, y1] of [[160, 92, 160, 118], [138, 97, 143, 116], [182, 97, 177, 116]] as const) r.fill(segment(x0, y0, x1, y1, 7), dark)
  r.fill(ellipse(160, 210, 44, 30), hex('#fff3e6'))
  for (const x of [120, 200]) {
    r.fill(ellipse(x, 165, 13, 16), ink)
    r.fill(circle(x + 4, 159, 4.5), [255, 255, 255])
    r.fill(circle(x - 4, 171, 2), [255, 255, 255], 0.8)
  }
  r.fill(circle(98, 202, 15), hex('#f4978e'), 0.45)
  r.fill(circle(222, 202, 15), hex('#f4978e'), 0.45)
  r.fill(grow(polygon([[151, 192], [169, 192], [160, 201]]), 2.5), hex('#e76f7e'), 1, [146, 187, 174, 206])
  // The "ω" mouth: the lower halves of two small rings.
  r.fill(intersect(union(ring(151, 204, 9, 3), ring(169, 204, 9, 3)), (_x, y) => 204 - y), ink, 1, [138, 200, 182, 218])
  for (const [x0, y0, x1, y1] of [[116, 206, 52, 196], [116, 214, 54, 218], [204, 206, 268, 196], [204, 214, 266, 218]] as const) {
    r.fill(segment(x0, y0, x1, y1, 2.2), hex('#6d4c41'), 0.7, [Math.min(x0, x1) - 2, Math.min(y0, y1) - 2, Math.max(x0, x1) + 2, Math.max(y0, y1) + 2])
  }
  for (const x of [122, 198]) {
    r.fill(ellipse(x, 304, 28, 18), light)
    for (const dx of [-8, 0, 8]) r.fill(segment(x + dx, 298, x + dx, 308, 2), dark, 0.5)
  }
  return r.png()
}

function chart(): Buffer {
  const [w, h] = [480, 320]
  const r = new Raster(w, h)
  r.paint(() => hex('#eef2f8'))
  r.fill(grow(roundedRect(20, 20, 460, 300, 14), 2), [0, 0, 0], 0.05)
  r.fill(roundedRect(18, 16, 462, 298, 14), [255, 255, 255])
  const [left, right, base] = [64, 436, 262]
  for (let y = base - 45; y > 50; y -= 45) r.fill(segment(left, y, right, y, 1), hex('#e3e8ef'))
  r.fill(segment(left, base, right, base, 2), hex('#9aa5b1'))
  // A legend: two swatches and their bars of "text".
  r.fill(roundedRect(40, 34, 52, 46, 3), hex('#5b8def'))
  r.fill(roundedRect(58, 37, 110, 43, 3), hex('#cfd6e0'))
  r.fill(circle(134, 40, 6), hex('#ff7a59'))
  r.fill(roundedRect(146, 37, 190, 43, 3), hex('#cfd6e0'))
  const bars = [92, 128, 110, 158, 140, 184]
  const line = [68, 102, 96, 136, 122, 168]
  const step = (right - left) / bars.length
  const xs = bars.map((_, i) => left + step * (i + 0.5))
  bars.forEach((v, i) => {
    const x = xs[i]!
    const bar = intersect(roundedRect(x - 18, base - v, x + 18, base + 10, 6), (_x, y) => y - base)
    r.fill(bar, linear(w, h, Math.PI / 2, hex('#8fb3ff'), hex('#4a7de0')))
  })
  const pts = line.map((v, i) => [xs[i]!, base - v - 16] as const)
  r.fill(union(...pts.slice(1).map(([x, y], i) => segment(pts[i]![0], pts[i]![1], x, y, 3.5))), hex('#ff7a59'), 1, [left, 40, right, base])
  for (const [x, y] of pts) {
    r.fill(circle(x, y, 6.5), hex('#ff7a59'))
    r.fill(circle(x, y, 3), [255, 255, 255])
  }
  for (const x of xs) r.fill(roundedRect(x - 14, base + 14, x + 14, base + 20, 3), hex('#cfd6e0'))
  return r.png()
}
