import { describe, expect, it } from 'vitest'
import { locationUrl } from '../../../electron/engine/files/file-url'
import { numberedName, safeFileName } from '../../../electron/engine/files/safe-name'

const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

describe('saved file names (safeFileName)', () => {
  it('keeps an ordinary name, Chinese and emoji included', () => {
    expect(safeFileName('report.pdf')).toBe('report.pdf')
    expect(safeFileName('年终总结 2015.docx')).toBe('年终总结 2015.docx')
    expect(safeFileName('👨‍👩‍👧 family.jpg')).toBe('👨‍👩‍👧 family.jpg')
  })

  it('never yields a path: separators and traversal become plain names', () => {
    for (const hostile of ['../../.bashrc', '..\\..\\Windows\\win.ini', '/etc/passwd', 'a/../../b', 'C:\\boot.ini']) {
      const name = safeFileName(hostile)
      expect(name, hostile).not.toMatch(/[/\\:]/)
      expect(name.startsWith('.'), hostile).toBe(false)
    }
    expect(safeFileName('../../.bashrc')).toBe('_.._.bashrc')
  })

  it('drops control, bidi and other invisible characters', () => {
    expect(safeFileName('invoice\u202Efdp.exe')).toBe('invoicefdp.exe')
    expect(safeFileName('a\u2066b\u2069c\u200Ed\u061Ce.txt')).toBe('abcde.txt')
    expect(safeFileName('line\nbreak\u0000.txt')).toBe('linebreak.txt')
    expect(safeFileName('zero\uFEFFwidth.txt')).toBe('zerowidth.txt')
  })

  it('makes Windows device names harmless with any extension', () => {
    for (const dev of ['CON', 'con.txt', 'PRN.tar.gz', 'aux', 'NUL.', 'COM1.log', 'lpt9.doc', 'COM¹.txt']) {
      expect(safeFileName(dev).startsWith('_'), dev).toBe(true)
    }
    expect(safeFileName('console.txt')).toBe('console.txt')
    expect(safeFileName('CON.txt')).toBe('_CON.txt')
  })

  it('strips trailing dots and spaces and leading dots', () => {
    expect(safeFileName('name.txt. . ')).toBe('name.txt')
    expect(safeFileName('...hidden')).toBe('hidden')
  })

  it('names an empty, "." or ".." offer `file`', () => {
    for (const n of ['', '.', '..', '   ', '\u202E', '...']) expect(safeFileName(n), JSON.stringify(n)).toBe('file')
  })

  it('keeps at most 200 UTF-8 bytes, the extension kept and no character split', () => {
    const long = safeFileName(`${'文'.repeat(300)}.tar.gz`)
    expect(bytes(long)).toBeLessThanOrEqual(200)
    expect(long.endsWith('.gz')).toBe(true)
    expect(long).not.toContain('\uFFFD')
    expect(bytes(safeFileName('a'.repeat(1000)))).toBe(200)
  })

  it('numbers a clash as `name (n).ext` within the limit', () => {
    expect(numberedName('report.pdf', 1)).toBe('report (1).pdf')
    expect(numberedName('README', 12)).toBe('README (12)')
    const long = safeFileName(`${'x'.repeat(400)}.bin`)
    expect(bytes(numberedName(long, 3))).toBeLessThanOrEqual(200)
    expect(numberedName(long, 3).endsWith(' (3).bin')).toBe(true)
  })
})

describe('a file host redirect (locationUrl)', () => {
  it('re-encodes the raw UTF-8 bytes Node read as latin1', () => {
    const raw = Buffer.from('http://file1.web.qq.com/v2/1/2/3/0/0/0/0/1/f/1/报告 final.pdf?psessionid=x', 'utf8').toString('latin1')
    const url = locationUrl(raw)!
    expect(decodeURIComponent(url.pathname)).toBe('/v2/1/2/3/0/0/0/0/1/f/1/报告 final.pdf')
    expect(url.search).toBe('?psessionid=x')
  })

  it('refuses what is no http(s) URL', () => {
    for (const raw of ['file:///etc/passwd', 'javascript:alert(1)', '/relative/path', 'http://user:pw@file1.web.qq.com/x', 'http://a\u0001b/']) expect(locationUrl(raw), raw).toBeUndefined()
  })
})
