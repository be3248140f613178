import { mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'

/** Every path under `root`, files and folders, relative to it, sorted. */
export function tree(root: string): string[] {
  const out: string[] = []
  const visit = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      out.push(path.slice(root.length))
      if (statSync(path).isDirectory()) visit(path)
    }
  }
  visit(root)
  return out.sort()
}

/**
 * For "writes stay in their folders" tests: HOME and TMPDIR point into one new temporary parent
 * for the file's tests (restored after), so listing the parent before and after shows every
 * entry the app made. Returns the parent's path once `beforeAll` has run.
 */
export function useSandboxHome(prefix: string): () => string {
  let parent = ''
  const saved = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR }
  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), prefix))
    mkdirSync(join(parent, 'home'))
    mkdirSync(join(parent, 'tmp'))
    process.env.HOME = join(parent, 'home')
    process.env.TMPDIR = join(parent, 'tmp')
  })
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  })
  return () => parent
}
