import { afterEach, describe, expect, it, vi } from 'vitest'
import { CookieJar } from 'tough-cookie'
import { memoCookieHeaders } from '../../../electron/engine/http/cookie-memo'

/** The Cookie header got sends, kept per URL (issue 13): always what tough-cookie itself would send now. */

const URL_ = 'https://d1.web2.qq.com/channel/poll2'
afterEach(() => vi.useRealTimers())

describe('cookie headers kept per URL', () => {
  it('follows every change of the jar: got\'s Set-Cookie, the engine\'s own setCookie, a removal', async () => {
    const jar = new CookieJar()
    const memo = memoCookieHeaders(jar)
    await jar.setCookie('ptwebqq=a; Domain=qq.com; Path=/', 'http://w.qq.com/')
    expect(await memo.getCookieString(URL_)).toBe('ptwebqq=a')
    expect(await memo.getCookieString(URL_)).toBe(await jar.getCookieString(URL_))
    await memo.setCookie('p_skey=k; Domain=web2.qq.com; Path=/', URL_)
    expect(await memo.getCookieString(URL_)).toBe(await jar.getCookieString(URL_))
    await jar.setCookie('ptwebqq=b; Domain=qq.com; Path=/', 'http://w.qq.com/')
    expect(await memo.getCookieString(URL_)).toBe(await jar.getCookieString(URL_))
    expect(await memo.getCookieString(URL_)).toContain('ptwebqq=b')
    await jar.removeAllCookies()
    expect(await memo.getCookieString(URL_)).toBe('')
  })

  it('drops a cookie from the header once it has expired, with no change of the jar', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const jar = new CookieJar()
    const memo = memoCookieHeaders(jar)
    await jar.setCookie('uin=o1; Domain=qq.com; Path=/', 'http://w.qq.com/')
    await jar.setCookie('skey=s; Domain=qq.com; Path=/; Max-Age=60', 'http://w.qq.com/')
    expect(await memo.getCookieString(URL_)).toBe('uin=o1; skey=s')
    vi.advanceTimersByTime(61_000)
    expect(await memo.getCookieString(URL_)).toBe('uin=o1')
  })
})
