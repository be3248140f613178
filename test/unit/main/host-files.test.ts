import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { pictureName } from '../../../electron/backend/app-core'
import { electronFileServices } from '../../../electron/main/host-files'
import { app, dialog, resetElectronFake, shell } from '../../stubs/electron'

beforeEach(() => resetElectronFake())

describe('the shell’s file services', () => {
  it('uses the OS downloads folder', () => {
    expect(electronFileServices().downloadDir).toBe(app.getPath('downloads'))
  })

  it('saves a copy where the save dialog says, offering the default name in the downloads folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qq-save-'))
    const cached = join(dir, 'cached')
    writeFileSync(cached, 'picture bytes')
    dialog.savePath = join(dir, 'chosen.png')
    await electronFileServices().saveCopy!(cached, 'cat.png')
    expect(dialog.asked).toEqual([{ defaultPath: join(app.getPath('downloads'), 'cat.png') }])
    expect(readFileSync(join(dir, 'chosen.png'), 'utf8')).toBe('picture bytes')
  })

  it('writes nothing when the dialog is cancelled', async () => {
    dialog.savePath = undefined
    await expect(electronFileServices().saveCopy!('/nonexistent/cached', 'x.png')).resolves.toBeUndefined()
  })

  it('opens and reveals through the OS; a file that does not open is an error', async () => {
    const s = electronFileServices()
    await s.openPath!('/downloads/a.pdf')
    s.revealPath!('/downloads/a.pdf')
    expect(shell.openedPaths).toEqual(['/downloads/a.pdf'])
    expect(shell.revealed).toEqual(['/downloads/a.pdf'])
    shell.openPathResult = 'no application'
    await expect(s.openPath!('/downloads/b.bin')).rejects.toMatchObject({ kind: 'unavailable' })
  })
})

describe('the name a picture is saved under (pictureName)', () => {
  it('is the suggestion made safe with the extension its bytes call for', () => {
    expect(pictureName('cat.png', 'image/png')).toBe('cat.png')
    expect(pictureName('cat.png', 'image/jpeg')).toBe('cat.jpg')
    expect(pictureName('../../evil.exe', 'image/gif')).toBe('_.._evil.exe.gif')
    expect(pictureName('', 'image/webp')).toBe('picture.webp')
    expect(pictureName('CON', 'image/bmp')).toBe('_CON.bmp')
  })
})
