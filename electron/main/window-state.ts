import { readFileSync } from 'node:fs'
import type { BrowserWindow, Rectangle } from 'electron'
import { z } from 'zod'
import { writePrivateFile } from '../backend/private-write'

/**
 * Where windows were and how big, in small JSON files of their own (not user settings): the main
 * window's (window-state.json) and each chat window's, by conversation (chat-windows.json). A
 * saved position that no display shows any more (a monitor was unplugged) is dropped, so a window
 * never opens off-screen.
 */

const savedSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20_000),
  height: z.number().int().min(200).max(20_000),
  maximized: z.boolean(),
})
type Saved = z.infer<typeof savedSchema>

export interface SavedWindow {
  bounds: { width: number; height: number; x?: number; y?: number }
  maximized: boolean
}

const MAIN_DEFAULT: SavedWindow = { bounds: { width: 960, height: 680 }, maximized: false }
/** A chat window opens at QQ's chat-window size unless it was moved or resized before. */
export const CHAT_DEFAULT: SavedWindow = { bounds: { width: 640, height: 580 }, maximized: false }
/** How much of the window must be on some display for its position to be kept. */
const MIN_VISIBLE = 64
/** How many chat windows' places are kept (the least recently closed go first). */
export const MAX_CHAT_PLACES = 200

type WorkAreas = () => Rectangle[]

export class WindowStateFile {
  constructor(
    private readonly file: string,
    private readonly workAreas: WorkAreas,
  ) {}

  load(): SavedWindow {
    return placed(readJson(this.file), this.workAreas(), MAIN_DEFAULT)
  }

  /** Saves the window's normal (unmaximized) bounds whenever it is closed or hidden to the tray. */
  track(win: BrowserWindow): void {
    win.on('close', () => {
      const saved = snapshot(win)
      if (saved) write(this.file, saved)
    })
  }
}

/** The chat windows' places, one per name (a conversation's key, or the merged window's). */
export class ChatWindowPlaces {
  constructor(
    private readonly file: string,
    private readonly workAreas: WorkAreas,
  ) {}

  load(name: string): SavedWindow {
    return placed(this.all()[name], this.workAreas(), CHAT_DEFAULT)
  }

  /** Saves where `win` is under `name` when it closes. */
  track(name: string, win: BrowserWindow): void {
    win.on('close', () => {
      const saved = snapshot(win)
      if (!saved) return
      const all = this.all()
      delete all[name]
      const names = Object.keys(all)
      for (const old of names.slice(0, Math.max(0, names.length - MAX_CHAT_PLACES + 1))) delete all[old]
      write(this.file, { ...all, [name]: saved })
    })
  }

  private all(): Record<string, unknown> {
    const raw = readJson(this.file)
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>) } : {}
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

function placed(raw: unknown, workAreas: Rectangle[], fallback: SavedWindow): SavedWindow {
  const r = savedSchema.safeParse(raw)
  if (!r.success) return fallback
  const { maximized, ...b } = r.data
  const visible = workAreas.some((a) => overlap(a.x, a.width, b.x, b.width) >= MIN_VISIBLE && overlap(a.y, a.height, b.y, b.height) >= MIN_VISIBLE)
  return { bounds: visible ? b : { width: b.width, height: b.height }, maximized }
}

function snapshot(win: BrowserWindow): Saved | undefined {
  if (win.isDestroyed()) return undefined
  const saved = { ...win.getNormalBounds(), maximized: win.isMaximized() }
  return savedSchema.safeParse(saved).success ? saved : undefined
}

function write(file: string, data: unknown): void {
  try {
    writePrivateFile(file, JSON.stringify(data))
  } catch {
    // Losing a window's place is not worth an error on the way out.
  }
}

function overlap(a: number, aLen: number, b: number, bLen: number): number {
  return Math.min(a + aLen, b + bLen) - Math.max(a, b)
}
