// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest'
import MessageSegments from '../../../renderer/src/components/chat/MessageSegments.vue'
import { webLink } from '../../../electron/model'
import { openInNewTab } from '../../../renderer/src/lib/links'
import { message } from './fixtures'
import { mountWith, setup } from './harness'

const NEVER = ['javascript:alert(1)', 'JavaScript:alert(document.cookie)', 'file:///etc/passwd', 'data:text/html,<script>alert(1)</script>', 'tencent://message/?uin=10001', 'ms-msdt:/id PCWDiagnostic', 'smb://host/share', 'mailto:a@b.c', 'app://qq/index.html', 'blob:http://127.0.0.1/x', '//example.com', '/relative', 'not a url', '']

describe('which links leave the app', () => {
  it('http and https, normalised by the URL parser', () => {
    expect(webLink('https://example.com/a b?q=1#x')).toBe('https://example.com/a%20b?q=1#x')
    expect(webLink('HTTP://Example.COM')).toBe('http://example.com/')
  })

  it('never javascript:, file:, data: or a custom scheme, nor something that is not a URL', () => {
    for (const url of NEVER) expect(webLink(url), url).toBeUndefined()
  })

  it('a new tab without opener or referrer for a web link; nothing at all for any other', () => {
    const win = { open: vi.fn() }
    for (const url of NEVER) expect(openInNewTab(url, win)).toBe(false)
    expect(win.open).not.toHaveBeenCalled()
    expect(openInNewTab('https://example.com/a?b=1', win)).toBe(true)
    expect(win.open.mock.calls).toEqual([['https://example.com/a?b=1', '_blank', 'noopener,noreferrer']])
  })
})

describe('a link in a message', () => {
  afterEach(() => {
    vi.restoreAllMocks()
    document.body.innerHTML = ''
  })

  const linked = message({ segments: [{ type: 'text', text: '看 https://example.com/a?b=1 和 www.qq.com。' }] })

  it('opens in a new browser tab in web mode, not through the backend', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const h = setup({ host: 'web' })
    const w = mountWith(h, MessageSegments, { props: { message: linked } })
    const links = w.findAll('a.link')
    expect(links.map((l) => l.text())).toEqual(['https://example.com/a?b=1', 'www.qq.com'])
    await links[0]!.trigger('click')
    await links[1]!.trigger('click')
    expect(open.mock.calls).toEqual([
      ['https://example.com/a?b=1', '_blank', 'noopener,noreferrer'],
      ['http://www.qq.com/', '_blank', 'noopener,noreferrer'],
    ])
    expect(h.api.argsOf('link.open')).toEqual([])
  })

  it('goes to the system browser through link.open in Electron; the page opens nothing', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null)
    const h = setup({ host: 'electron' })
    const w = mountWith(h, MessageSegments, { props: { message: linked } })
    await w.get('a.link').trigger('click')
    expect(h.api.argsOf('link.open')).toEqual([{ url: 'https://example.com/a?b=1' }])
    expect(open).not.toHaveBeenCalled()
  })
})
