import { PNG } from 'pngjs'

/**
 * A small vector painter for the emulator's generated pictures (avatars, the phone's sample
 * photos): shapes are signed distance functions (negative inside, in pixels), so every edge
 * comes out anti-aliased at any size, and composing shapes is min / max.
 */

export type Rgb = readonly [number, number, number]
/** Signed distance from a point to a shape's edge: < 0 inside. */
export type Shape = (x: number, y: number) => number
type Paint = Rgb | ((x: number, y: number) => Rgb)

export class Raster {
  private readonly rgb: Float32Array

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgb = new Float32Array(width * height * 3)
  }

  /** Every pixel from a colour function (backgrounds, gradients). */
  paint(color: (x: number, y: number) => Rgb): this {
    return this.fill(() => -1, color)
  }

  /** Blends `color` (with `alpha`) into the pixels inside `shape`, its edge covering partial pixels. */
  fill(shape: Shape, color: Paint, alpha = 1, bounds: readonly [number, number, number, number] = [0, 0, this.width, this.height]): this {
    const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v))
    const [x0, y0] = [clamp(Math.floor(bounds[0]) - 1, this.width), clamp(Math.floor(bounds[1]) - 1, this.height)]
    const [x1, y1] = [clamp(Math.ceil(bounds[2]) + 1, this.width), clamp(Math.ceil(bounds[3]) + 1, this.height)]
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const cx = x + 0.5
        const cy = y + 0.5
        const cover = Math.min(1, Math.max(0, 0.5 - shape(cx, cy))) * alpha
        if (cover <= 0) continue
        const c = typeof color === 'function' ? color(cx, cy) : color
        const i = (y * this.width + x) * 3
        for (let k = 0; k < 3; k++) this.rgb[i + k] = this.rgb[i + k]! + (c[k]! - this.rgb[i + k]!) * cover
      }
    }
    return this
  }

  png(): Buffer {
    const png = new PNG({ width: this.width, height: this.height, colorType: 2 })
    for (let p = 0; p < this.width * this.height; p++) {
      for (let k = 0; k < 3; k++) png.data[p * 4 + k] = Math.round(Math.min(255, Math.max(0, this.rgb[p * 3 + k]!)))
      png.data[p * 4 + 3] = 255
    }
    return PNG.sync.write(png, { colorType: 2 })
  }
}

export const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - r

/** An ellipse (the distance is exact on the axes and close enough between them for soft shapes). */
export const ellipse =
  (cx: number, cy: number, rx: number, ry: number): Shape =>
  (x, y) => {
    const k = Math.hypot((x - cx) / rx, (y - cy) / ry)
    return (k - 1) * Math.min(rx, ry)
  }

export const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    const hx = (x1 - x0) / 2 - r
    const hy = (y1 - y0) / 2 - r
    const dx = Math.abs(x - (x0 + x1) / 2) - hx
    const dy = Math.abs(y - (y0 + y1) / 2) - hy
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r
  }

/** A stroke from a to b, `width` thick, with round caps. */
export const segment =
  (ax: number, ay: number, bx: number, by: number, width: number): Shape =>
  (x, y) => {
    const [vx, vy, wx, wy] = [bx - ax, by - ay, x - ax, y - ay]
    const t = Math.max(0, Math.min(1, (wx * vx + wy * vy) / (vx * vx + vy * vy || 1)))
    return Math.hypot(wx - vx * t, wy - vy * t) - width / 2
  }

/** A closed polygon (points in order). */
export const polygon =
  (points: ReadonlyArray<readonly [number, number]>): Shape =>
  (x, y) => {
    let d = Infinity
    let inside = false
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [ax, ay] = points[j]!
      const [bx, by] = points[i]!
      d = Math.min(d, segment(ax, ay, bx, by, 0)(x, y))
      if (ay > y !== by > y && x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside
    }
    return inside ? -d : d
  }

/** Everything below the curve y = top(x) (ridges, hills, water lines; gentle slopes keep it a fair distance). */
export const below =
  (top: (x: number) => number): Shape =>
  (x, y) =>
    top(x) - y

/** A ring of `width` around a circle's edge. */
export const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - cx, y - cy) - r) - width / 2

export const union =
  (...shapes: Shape[]): Shape =>
  (x, y) => {
    let d = Infinity
    for (const s of shapes) d = Math.min(d, s(x, y))
    return d
  }
export const intersect =
  (...shapes: Shape[]): Shape =>
  (x, y) => {
    let d = -Infinity
    for (const s of shapes) d = Math.max(d, s(x, y))
    return d
  }
export const subtract =
  (shape: Shape, cut: Shape): Shape =>
  (x, y) =>
    Math.max(shape(x, y), -cut(x, y))
/** The shape grown (or shrunk, negative) by `by` pixels; also rounds a polygon's corners. */
export const grow =
  (shape: Shape, by: number): Shape =>
  (x, y) =>
    shape(x, y) - by

export function hex(color: string): Rgb {
  const n = parseInt(color.replace('#', ''), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = Math.max(0, Math.min(1, t))
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k]
}

/** HSL (hue in degrees, saturation and lightness 0–1) to RGB. */
export function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)))
  }
  return [f(0), f(8), f(4)]
}

/** A linear gradient from `a` to `b` along the direction at `angle` (radians) across a w×h box. */
export function linear(w: number, h: number, angle: number, a: Rgb, b: Rgb): (x: number, y: number) => Rgb {
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)]
  const half = (Math.abs(dx) * w + Math.abs(dy) * h) / 2
  return (x, y) => mix(a, b, ((x - w / 2) * dx + (y - h / 2) * dy + half) / (2 * half))
}
