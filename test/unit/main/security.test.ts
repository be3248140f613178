import { beforeEach, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from '../../../electron/backend/csp'
import { AppOrigin } from '../../../electron/main/app-url'
import { appCsp, lockDownSession } from '../../../electron/main/security'
import { FakeEvent, resetElectronFake, session } from '../../stubs/electron'
import { recordingLogger } from './helpers'

beforeEach(() => resetElectronFake())

function headersFor(url: string, origin = new AppOrigin()) {
  lockDownSession(session.defaultSession as never, origin, recordingLogger().logger)
  let out: Record<string, string[]> | undefined
  session.defaultSession.headersListener!({ url, resourceType: 'mainFrame', responseHeaders: { 'content-type': ['text/html'] } }, (r) => (out = r.responseHeaders))
  return out
}

describe('session policy', () => {
  it('adds the CSP header to our pages only', () => {
    expect(headersFor('app://qq/index.html')).toEqual({ 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy([], 'qq-media:')] })
    expect(headersFor('https://w.qq.com/')).toBeUndefined()
  })

  it('lets the dev server page reach its hot-reload socket, and nothing else', () => {
    const dev = new AppOrigin('http://localhost:5173')
    expect(appCsp(dev)).toContain("connect-src 'self' ws://localhost:5173")
    expect(appCsp(new AppOrigin())).toContain("connect-src 'self';")
    expect(headersFor('http://localhost:5173/index.html', dev)?.['Content-Security-Policy']).toEqual([appCsp(dev)])
  })

  it('denies every permission request and check', () => {
    lockDownSession(session.defaultSession as never, new AppOrigin(), recordingLogger().logger)
    const ses = session.defaultSession
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined
      ses.permissionRequestHandler!({}, permission, (g) => (granted = g), {})
      expect(granted, permission).toBe(false)
      expect(ses.permissionCheckHandler!({}, permission, 'app://qq', {})).toBe(false)
    }
    expect(ses.devicePermissionHandler!({})).toBe(false)
  })

  it('cancels every download a page starts, and logs it without the query', () => {
    const { logger, lines } = recordingLogger()
    lockDownSession(session.defaultSession as never, new AppOrigin(), logger)
    const event = new FakeEvent()
    const item = { getURL: () => 'https://evil.example/payload.exe?token=secret' }
    session.defaultSession.emit('will-download', event, item, {})
    expect(event.defaultPrevented).toBe(true)
    expect(lines).toEqual([expect.stringContaining('refused a download a page started: https://evil.example/payload.exe')])
    expect(lines.join()).not.toContain('secret')
  })
})
