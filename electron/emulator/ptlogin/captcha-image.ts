import { randomInt } from 'node:crypto'
import jpeg from 'jpeg-js'

/**
 * The captcha picture of getimage (§4.2): four letters drawn with a small bitmap font on a
 * noisy background, the size of the real ones (130×53), sent as a JPEG like the real service's.
 */

/** Letters a captcha uses: no I or O, which read as 1 and 0. */
export const CAPTCHA_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'

const FONT: Record<string, string> = {
  A: '.###. #...# #...# ##### #...# #...# #...#',
  B: '####. #...# #...# ####. #...# #...# ####.',
  C: '.###. #...# #.... #.... #.... #...# .###.',
  D: '####. #...# #...# #...# #...# #...# ####.',
  E: '##### #.... #.... ####. #.... #.... #####',
  F: '##### #.... #.... ####. #.... #.... #....',
  G: '.###. #...# #.... #.### #...# #...# .####',
  H: '#...# #...# #...# ##### #...# #...# #...#',
  J: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  K: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  L: '#.... #.... #.... #.... #.... #.... #####',
  M: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  N: '#...# #...# ##..# #.#.# #..## #...# #...#',
  P: '####. #...# #...# ####. #.... #.... #....',
  Q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
  R: '####. #...# #...# ####. #.#.. #..#. #...#',
  S: '.#### #.... #.... .###. ....# ....# ####.',
  T: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  U: '#...# #...# #...# #...# #...# #...# .###.',
  V: '#...# #...# #...# #...# #...# .#.#. ..#..',
  W: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  X: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  Y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  Z: '##### ....# ...#. ..#.. .#... #.... #####',
}

const WIDTH = 130
const HEIGHT = 53
const SCALE = 4
const GLYPH_ROWS = 7

type Rgb = readonly [number, number, number]

/** A random code of `length` captcha letters. */
export function captchaCode(length = 4, random: (max: number) => number = randomInt): string {
  let code = ''
  for (let i = 0; i < length; i++) code += CAPTCHA_LETTERS[random(CAPTCHA_LETTERS.length)]
  return code
}

/** Quality of the JPEG: letters stay crisp enough to read, as the real ones were. */
const QUALITY = 85

/** Draws `code` (captcha letters only) as a JPEG. */
export function captchaJpeg(code: string, random: (max: number) => number = randomInt): Buffer {
  const data = Buffer.alloc(WIDTH * HEIGHT * 4)
  const plot = (x: number, y: number, [r, g, b]: Rgb) => {
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return
    const i = (y * WIDTH + x) * 4
    data[i] = r
    data[i + 1] = g
    data[i + 2] = b
    data[i + 3] = 255
  }
  const tint = (low: number, span: number): Rgb => [low + random(span), low + random(span), low + random(span)]

  const background = tint(225, 30)
  for (let y = 0; y < HEIGHT; y++) for (let x = 0; x < WIDTH; x++) plot(x, y, background)
  for (let i = 0; i < 300; i++) plot(random(WIDTH), random(HEIGHT), tint(90, 140))

  ;[...code].forEach((letter, n) => {
    const rows = FONT[letter]?.split(' ')
    if (!rows) throw new RangeError(`no glyph for ${letter}`)
    const color = tint(0, 110)
    const left = 12 + n * 28 + random(6)
    const top = 6 + random(14)
    const shear = random(3) - 1
    rows.forEach((row, ry) => {
      const slant = Math.round(((GLYPH_ROWS - 1) / 2 - ry) * shear)
      ;[...row].forEach((cell, rx) => {
        if (cell !== '#') return
        for (let dy = 0; dy < SCALE; dy++) {
          for (let dx = 0; dx < SCALE; dx++) plot(left + rx * SCALE + dx + slant, top + ry * SCALE + dy, color)
        }
      })
    })
  })

  // Lines across the letters, so that the glyphs do not come out as clean blocks.
  for (let i = 0; i < 3; i++) {
    const [y0, y1] = [random(HEIGHT), random(HEIGHT)]
    const color = tint(40, 120)
    for (let x = 0; x < WIDTH; x++) plot(x, Math.round(y0 + ((y1 - y0) * x) / (WIDTH - 1)), color)
  }
  return jpeg.encode({ data, width: WIDTH, height: HEIGHT }, QUALITY).data
}
