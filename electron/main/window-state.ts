import { readFileSync } from 'node:fs'
import type { BrowserWindow, Rectangle } from 'electron'
import { z } from 'zod'
import { writePrivateFile } from '../backend/private-write'

/**
 * The main window's place and size, in a small JSON file of its own (not a user setting).
 * A saved position that no display shows any more (a monitor was unplugged) is dropped, so the
 * window never opens off-screen.
 */

const savedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
})

export interface SavedWindow {
  bounds: { width: number; height: number; x?: number; y?: number }
  maximized: boolean
}

const DEFAULT: SavedWindow = { bounds: { width: 960, height: 680 }, maximized: false }
/** How much of the window must be on some display for its position to be kept. */
const MIN_VISIBLE = 64

export class WindowStateFile {
  constructor(
    private readonly file: string,
    private readonly workAreas: () => Rectangle[],
  ) {}

  load(): SavedWindow {
    let raw: unknown
    try {
      raw = JSON.parse(readFileSync(this.file, 'utf8'))
    } catch {
      return DEFAULT
    }
    const r = savedSchema.safeParse(raw)
    if (!r.success) return DEFAULT
    const { maximized, ...b } = r.data
    const visible = this.workAreas().some((a) => overlap(a.x, a.width, b.x, b.width) >= MIN_VISIBLE && overlap(a.y, a.height, b.y, b.height) >= MIN_VISIBLE)
    return { bounds: visible ? b : { width: b.width, height: b.height }, maximized }
  }

  /** Saves the window's normal (unmaximized) bounds whenever it is closed or hidden to the tray. */
  track(win: BrowserWindow): void {
    win.on('close', () => this.save(win))
  }

  private save(win: BrowserWindow): void {
    if (win.isDestroyed()) return
    const saved = { ...win.getNormalBounds(), maximized: win.isMaximized() }
    if (!savedSchema.safeParse(saved).success) return
    try {
      writePrivateFile(this.file, JSON.stringify(saved))
    } catch {
      // Losing the window's place is not worth an error on the way out.
    }
  }
}

function overlap(a: number, aLen: number, b: number, bLen: number): number {
  return Math.min(a + aLen, b + bLen) - Math.max(a, b)
}
