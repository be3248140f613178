import { beforeEach, describe, expect, it } from 'vitest'
import { webLink } from '../../../electron/model'
import { openExternalSafely } from '../../../electron/main/links'
import { resetElectronFake, shell } from '../../stubs/electron'

beforeEach(() => resetElectronFake())

describe('openExternalSafely', () => {
  it('opens http and https links (normalised by the URL parser)', async () => {
    await openExternalSafely('https://example.com/a b?q=1#x')
    await openExternalSafely('HTTP://Example.COM')
    expect(shell.opened).toEqual(['https://example.com/a%20b?q=1#x', 'http://example.com/'])
  })

  it('refuses every other scheme and non-URLs, opening nothing', async () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'data:text/html,<b>x', 'ms-msdt:/id', 'mailto:a@b.c', 'app://qq/index.html', '//example.com', 'not a url']) {
      await expect(openExternalSafely(url)).rejects.toMatchObject({ kind: 'bad-input' })
      expect(webLink(url)).toBeUndefined()
    }
    expect(shell.opened).toEqual([])
  })
})
