// Draws the app and tray icons (a penguin in a red scarf) into this folder:
//   node resources/draw-icons.mjs
// Shapes are signed distances, supersampled 4×4 per pixel for smooth edges. The PNGs are
// committed; this script only needs pngjs (a devDependency) to redraw them.
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PNG } from 'pngjs'

const here = dirname(fileURLToPath(import.meta.url))

/** Distance from (x, y) to an ellipse's edge, negative inside (approximate, fine for drawing). */
const ellipse = (cx, cy, rx, ry) => (x, y) => (Math.hypot((x - cx) / rx, (y - cy) / ry) - 1) * Math.min(rx, ry)
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)))
const cut = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y))

const BLACK = [28, 30, 36]
const WHITE = [250, 250, 250]
const ORANGE = [247, 166, 0]
const RED = [226, 38, 38]

/** The penguin on a 100×100 canvas, painted back to front. */
function penguin() {
  const body = ellipse(50, 56, 34, 40)
  const head = ellipse(50, 34, 28, 27)
  return [
    [ORANGE, union(ellipse(35, 93, 12, 5), ellipse(65, 93, 12, 5))],
    [BLACK, union(body, head, ellipse(19, 62, 8, 18), ellipse(81, 62, 8, 18))],
    [WHITE, union(ellipse(50, 64, 23, 28), ellipse(41, 36, 9, 12), ellipse(59, 36, 9, 12))],
    [BLACK, union(ellipse(43, 37, 3.5, 5), ellipse(57, 37, 3.5, 5))],
    [ORANGE, ellipse(50, 47, 9, 4.5)],
    [RED, union(cut(ellipse(50, 55, 31, 8), ellipse(50, 51, 28, 6)), ellipse(66, 66, 5, 10))],
  ]
}

/** The unread dot: a red disc with a white ring, top right. */
const dot = () => [
  [WHITE, ellipse(80, 20, 20, 20)],
  [RED, ellipse(80, 20, 15, 15)],
]

function draw(size, layers, file) {
  const png = new PNG({ width: size, height: size })
  const n = 4
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0
      let g = 0
      let b = 0
      let a = 0
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = ((px + (sx + 0.5) / n) / size) * 100
          const y = ((py + (sy + 0.5) / n) / size) * 100
          let colour
          for (const [c, shape] of layers) if (shape(x, y) <= 0) colour = c
          if (!colour) continue
          r += colour[0]
          g += colour[1]
          b += colour[2]
          a++
        }
      }
      const i = (py * size + px) * 4
      png.data[i] = a ? Math.round(r / a) : 0
      png.data[i + 1] = a ? Math.round(g / a) : 0
      png.data[i + 2] = a ? Math.round(b / a) : 0
      png.data[i + 3] = Math.round((a / (n * n)) * 255)
    }
  }
  writeFileSync(join(here, file), PNG.sync.write(png))
}

draw(512, penguin(), 'icon.png')
draw(256, penguin(), 'icon-256.png')
draw(16, penguin(), 'tray.png')
draw(32, penguin(), 'tray@2x.png')
draw(16, [...penguin(), ...dot()], 'tray-unread.png')
draw(32, [...penguin(), ...dot()], 'tray-unread@2x.png')
