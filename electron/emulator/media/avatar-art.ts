import { Raster, circle, ellipse, grow, hex, linear, mix, subtract, union, type Rgb, type Shape } from './raster'

/**
 * The generated avatars getface serves (§7.6): 100×100, a soft two-colour gradient picked by a
 * hash of the QQ or group number, and a white silhouette — head and shoulders for a person,
 * three of them for a group. The same number always gets the same picture.
 */

export const AVATAR_SIZE = 100

/** FNV-1a: a stable spread of the number over hues and angles. */
function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

/** Gradient pairs, light to a little deeper, chosen to sit well behind a white figure. */
const PALETTE: ReadonlyArray<readonly [string, string]> = [
  ['#ffb199', '#ff6f91'],
  ['#ffd3a5', '#fd9b6b'],
  ['#ffe29f', '#ffa07a'],
  ['#a8f0c6', '#3cc6a0'],
  ['#9be8f0', '#3fa7d6'],
  ['#a6c8ff', '#5b8def'],
  ['#d4c1ff', '#8c6fe6'],
  ['#f5b8e8', '#c86dd7'],
  ['#ffc3d0', '#f0749a'],
  ['#8ee4d8', '#2e9e9a'],
  ['#b4c0ff', '#6a74d9'],
  ['#d7f5a1', '#7cc46b'],
  ['#f3d9b1', '#c89b6d'],
  ['#bfd7ea', '#6f93b8'],
]

/** A palette pair and a tilt of the gradient between top-left and top-right, by the number's hash. */
function background(key: string): { from: Rgb; to: Rgb; angle: number } {
  const h = hash(key)
  const [from, to] = PALETTE[h % PALETTE.length]!
  return { from: hex(from), to: hex(to), angle: Math.PI / 4 + (((h >>> 11) % 5) - 2) * 0.22 }
}

/** One person: a head over rounded shoulders; `scale` about the point (cx, top of head). */
function figure(cx: number, cy: number, scale: number): Shape {
  return union(circle(cx, cy, 17 * scale), ellipse(cx, cy + 58 * scale, 33 * scale, 30 * scale))
}

const WHITE: Rgb = [255, 255, 255]

function draw(key: string, silhouette: (r: Raster) => void, colours = background(key)): Buffer {
  const r = new Raster(AVATAR_SIZE, AVATAR_SIZE)
  const gradient = linear(AVATAR_SIZE, AVATAR_SIZE, colours.angle, colours.from, colours.to)
  // A faint light from the top left, so the flat gradient has some depth.
  r.paint((x, y) => mix(gradient(x, y), WHITE, 0.14 * Math.max(0, 1 - Math.hypot(x - 20, y - 15) / 75)))
  silhouette(r)
  return r.png()
}

export function personAvatar(qq: string): Buffer {
  return draw(`person:${qq}`, (r) => r.fill(figure(50, 40, 1), WHITE, 0.92))
}

export function groupAvatar(number: string): Buffer {
  return draw(`group:${number}`, (r) => {
    const front = figure(50, 50, 0.8)
    // The two behind stand apart from the one in front by a thin gap of background.
    const behind = subtract(union(figure(23, 42, 0.6), figure(77, 42, 0.6)), grow(front, 3))
    r.fill(behind, WHITE, 0.62)
    r.fill(front, WHITE, 0.95)
  })
}

/** For a uin nobody knows: a quiet grey person. */
export function defaultAvatar(): Buffer {
  return draw('default', (r) => r.fill(figure(50, 40, 1), WHITE, 0.9), { from: [214, 219, 225], to: [160, 169, 180], angle: Math.PI / 3 })
}
