import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { firstView } from '../../electron/model'
import { startWebServer } from '../../electron/web/server'
import { testBackend } from '../support/backend'
import { tempDir } from '../support/client'
import { raw } from '../support/raw-http'

const HINT = '<meta name="qq-leads-to" content="main">'

/**
 * Web mode's page says when it will show the main view first (a saved session being restored),
 * so that it fetches that view's script with its first files (App.vue, issue 13: restart → lists).
 */
describe('web mode tells a page opening now what it shows first', () => {
  it('adds the hint to the built page only when the host says so, with the page’s own headers; HEAD has no body', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html><head><title>QQ</title></head><body></body></html>')
    const { core } = testBackend()
    let main = false
    const web = await startWebServer(core, { rendererDir: dir, leadsToMain: () => main })
    try {
      const page = async () => {
        const res = await fetch(web.url)
        return { status: res.status, csp: res.headers.get('content-security-policy'), type: res.headers.get('content-type'), body: await res.text() }
      }
      expect(await page()).toMatchObject({ status: 200, body: '<!doctype html><html><head><title>QQ</title></head><body></body></html>' })
      main = true
      const hinted = await page()
      expect(hinted).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', csp: expect.stringContaining("script-src 'self'") })
      expect(hinted.body).toBe(`<!doctype html><html><head>\n  ${HINT}<title>QQ</title></head><body></body></html>`)
      // Still the token's page only.
      expect((await fetch(`http://127.0.0.1:${web.port}/`)).status).toBe(403)
      const head = await raw(web.port, { host: `127.0.0.1:${web.port}`, path: `/?token=${web.token}`, method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.body).toBe('')
    } finally {
      await web.close()
      await core.stop()
    }
  })

  it('the backend says nothing until its engine has started, then a login for no saved session', async () => {
    const { core } = testBackend()
    try {
      expect(core.firstView()).toBeUndefined()
      const started = core.start()
      expect(core.firstView()).toBeUndefined()
      await started
      expect(core.firstView()).toBe('login')
    } finally {
      await core.stop()
    }
  })

  it('the main view for a session there or being restored, a login for none, nothing known while the engine starts', () => {
    expect(firstView('idle', 'connecting')).toBeUndefined()
    expect(firstView('restoring', 'connecting')).toBe('main')
    expect(firstView('idle', 'online')).toBe('main')
    expect(firstView('idle', 'reconnecting')).toBe('main')
    expect(firstView('qr', 'logged-out')).toBe('login')
    expect(firstView('idle', 'logged-out')).toBe('login')
    expect(firstView('qr', 'connecting')).toBe('login')
  })
})
