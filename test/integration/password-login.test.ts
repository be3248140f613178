import jpeg from 'jpeg-js'
import { describe, expect, it } from 'vitest'
import { HttpClient } from '../../electron/engine/http/client'
import { loginView } from '../../electron/backend/login-view'
import { Logger } from '../../electron/engine/log'
import { PasswordLogin, type PasswordLoginState } from '../../electron/engine/login/password-login'
import { encodeTripleMd5, encodeUinSalt, salt8 } from '../../electron/smartqq/password'
import { parseJsCallback } from '../../electron/smartqq/ptui'
import { withEmulator } from '../support/emulator'
import { useEmulator } from '../support/use-emulator'
import { raw, setCookieValue } from '../support/raw-http'

/** The legacy password + captcha login (§4): the engine against an era-2013 emulator, and the raw answers. */

const QQ = '2851234567'
const PASSWORD = 'password'
const WRONG_PASSWORD = 'Passw0rd!'

const { emu, phone } = await useEmulator({ era: '2013' })
let nextQq = 3100000001

/** A fresh account, so failure counts of one test do not leak into another. */
async function newAccount(): Promise<string> {
  const qq = String(nextQq++)
  const res = await phone.post('/control/accounts', { qq, nick: `测试${qq.slice(-3)}`, password: PASSWORD })
  expect(res.status).toBe(201)
  return qq
}

function newLogin(on = emu, logLines: string[] = []) {
  const logger = new Logger((level, msg) => logLines.push(`${level} ${msg}`))
  const http = new HttpClient(on.profile, { logger })
  return { http, login: new PasswordLogin(http, logger) }
}

/** Resolves with the next state of that kind (and, optionally, that passes the test). */
function reach<K extends PasswordLoginState['kind']>(
  login: PasswordLogin,
  kind: K,
  test: (s: Extract<PasswordLoginState, { kind: K }>) => boolean = () => true,
): Promise<Extract<PasswordLoginState, { kind: K }>> {
  return new Promise((resolve) => {
    const on = (s: PasswordLoginState) => {
      if (s.kind === kind && test(s as Extract<PasswordLoginState, { kind: K }>)) {
        login.off('state', on)
        resolve(s as Extract<PasswordLoginState, { kind: K }>)
      }
    }
    login.on('state', on)
  })
}

const verifysession = (http: HttpClient) => http.cookie('verifysession', 'https://ssl.ptlogin2.qq.com/')

async function captchaAnswer(session: string): Promise<string> {
  const res = await phone.fetch(`/control/captcha?session=${encodeURIComponent(session)}`)
  expect(res.status).toBe(200)
  return ((await res.json()) as { code: string }).code
}

describe('password login against an era-2013 emulator', () => {
  it('logs in without a captcha', async () => {
    await phone.settings({ captcha: 'after-failure' })
    const logs: string[] = []
    const { login, http } = newLogin(emu, logs)
    const states: string[] = []
    login.on('state', (s) => states.push(s.kind))
    const session = await login.run({ qq: QQ, password: PASSWORD })
    expect(states).toEqual(['checking', 'logging-in', 'confirming', 'online'])
    expect(session.qq).toBe(QQ)
    expect(session.info.nick).toBe('小企鹅')
    expect(session.cred.vfwebqq).toMatch(/^[0-9a-f]{80}$/)
    expect(session.cred.psessionid).toMatch(/^8368[0-9a-f]+$/)
    // WebQQ 3 (seed notes 001, 004): login set the qq.com cookies itself, no check_sig (so no
    // p_skey), and the session's vfwebqq and psessionid are login2's on d.web2 (§4.4).
    expect(await http.cookie('skey', 'http://s.web2.qq.com/')).toMatch(/^@/)
    expect(await http.cookie('p_skey', 'http://s.web2.qq.com/')).toBeUndefined()
    expect(session.cred.vfwebqq).toBe(emu.core.channels.live(QQ)!.login2Vfwebqq)
    expect(session.cred.clientid).toBeGreaterThanOrEqual(10_000_000)
    expect(session.cred.clientid).not.toBe(53999199)
    const state = await phone.state()
    expect(state.online.map((o: { qq: string }) => o.qq)).toContain(QQ)
    expect(logs.join('\n')).not.toContain(PASSWORD)
    for (const s of [session.cred.vfwebqq, session.cred.psessionid, session.cred.ptwebqq]) expect(logs.join('\n')).not.toContain(s)
  })

  it('ends in failed with retcode 3 and the service text on a wrong password', async () => {
    await phone.settings({ captcha: 'never' })
    const qq = await newAccount()
    const { login } = newLogin()
    await expect(login.run({ qq, password: WRONG_PASSWORD })).rejects.toMatchObject({
      kind: 'protocol',
      retcode: 3,
      reason: '您输入的帐号或密码不正确，请重新输入。',
    })
    expect(login.state).toMatchObject({ kind: 'failed', error: { kind: 'protocol', retcode: 3 } })
  })

  it('asks for a captcha after a wrong password, and logs in once it is answered', async () => {
    await phone.settings({ captcha: 'after-failure' })
    const qq = await newAccount()
    await expect(newLogin().login.run({ qq, password: WRONG_PASSWORD })).rejects.toMatchObject({ retcode: 3 })

    const { login, http } = newLogin()
    const done = login.run({ qq, password: PASSWORD })
    await reach(login, 'captcha')
    login.submitCaptcha(await captchaAnswer((await verifysession(http))!))
    const session = await done
    expect(session.qq).toBe(qq)
  })

  it('shows a real captcha picture, a new one after a wrong answer, and logs in with the right one', async () => {
    await phone.settings({ captcha: 'always' })
    const logs: string[] = []
    const { login, http } = newLogin(emu, logs)
    const done = login.run({ qq: QQ, password: PASSWORD })

    const first = await reach(login, 'captcha')
    expect(first.rejected).toBe(false)
    const picture = jpeg.decode(first.image)
    expect([picture.width, picture.height]).toEqual([130, 53])
    // The login window gets it as a data: URL that says what it is.
    expect(loginView({ kind: 'captcha', image: first.image })).toMatchObject({ kind: 'captcha', image: expect.stringMatching(/^data:image\/jpeg;base64,\/9j\//) })
    const firstSession = (await verifysession(http))!
    const right = await captchaAnswer(firstSession)
    expect(right).toMatch(/^[A-Z]{4}$/)

    // A wrong answer: still in captcha, with a new picture and a new verifysession.
    const again = reach(login, 'captcha')
    login.submitCaptcha(right === 'ABCD' ? 'ABCE' : 'ABCD')
    const second = await again
    expect(second.rejected).toBe(true)
    expect(second.image.equals(first.image)).toBe(false)
    const secondSession = (await verifysession(http))!
    expect(secondSession).not.toBe(firstSession)

    // An unreadable picture can be swapped for another.
    const swapped = reach(login, 'captcha')
    login.refreshCaptcha()
    expect((await swapped).rejected).toBe(false)
    const thirdSession = (await verifysession(http))!
    expect(thirdSession).not.toBe(secondSession)

    // Captcha answers are case-insensitive, as the service's were.
    login.submitCaptcha((await captchaAnswer(thirdSession)).toLowerCase())
    const session = await done
    expect(session.qq).toBe(QQ)
    expect(login.state.kind).toBe('online')
    const text = logs.join('\n')
    for (const secret of [PASSWORD, firstSession, secondSession, thirdSession]) expect(text).not.toContain(secret)
  })

  it('accepts captcha input only while a captcha is on show', async () => {
    await phone.settings({ captcha: 'never' })
    const { login } = newLogin()
    expect(() => login.submitCaptcha('ABCD')).toThrow(expect.objectContaining({ kind: 'bad-input' }))
    await login.run({ qq: QQ, password: PASSWORD })
    expect(() => login.refreshCaptcha()).toThrow(expect.objectContaining({ kind: 'bad-input' }))
  })

  it('stops at once when cancelled while waiting for a captcha answer, back in idle', async () => {
    await phone.settings({ captcha: 'always' })
    const { login } = newLogin()
    const ac = new AbortController()
    const done = login.run({ qq: QQ, password: PASSWORD, signal: ac.signal })
    await reach(login, 'captcha')
    ac.abort()
    await expect(done).rejects.toMatchObject({ kind: 'cancelled' })
    expect(login.state.kind).toBe('idle')
  })

  it('refuses bad input before any request', async () => {
    const { login } = newLogin()
    await expect(login.run({ qq: 'me@qq.com', password: PASSWORD })).rejects.toMatchObject({ kind: 'bad-input' })
    await expect(login.run({ qq: QQ, password: '' })).rejects.toMatchObject({ kind: 'bad-input' })
  })
})

describe('password login in era 2018', () => {
  it('is refused with the 2015-09-30 text, while check still answers (5-argument form)', async () => {
    const late = await withEmulator()
    try {
      const res = await raw(late.port, { host: 'ssl.ptlogin2.qq.com', path: `/check?pt_tea=1&uin=${QQ}&appid=501004106&js_ver=10120&js_type=0` })
      expect(res.body).toMatch(/^ptui_checkVC\('0','![A-Z]{3}','(\\x[0-9a-f]{2}){8}','[0-9a-f]{64}','0'\);\r\n$/)
      const { login } = newLogin(late)
      await expect(login.run({ qq: QQ, password: PASSWORD })).rejects.toMatchObject({
        kind: 'protocol',
        endpoint: 'login',
        retcode: 1,
        reason: '登录失败，请稍后再试。',
      })
      expect(login.state.kind).toBe('failed')
    } finally {
      await late.stop()
    }
  })
})

describe('the emulator’s password-login answers', () => {
  const ptlogin = (path: string, cookie?: string) =>
    raw(emu.port, { host: 'ssl.ptlogin2.qq.com', path, headers: cookie ? { cookie } : {} })

  async function checkFor(qq: string): Promise<string[]> {
    const res = await ptlogin(`/check?uin=${qq}&appid=501004106&js_ver=10120&js_type=0&login_sig=&r=0.5`)
    expect(res.status).toBe(200)
    return parseJsCallback(res.body)!.args
  }

  const loginPath = (qq: string, p: string, vc: string, extra = '') =>
    `/login?u=${qq}&p=${p}&verifycode=${encodeURIComponent(vc)}&webqq_type=10&remember_uin=1&login2qq=1&aid=501004106` +
    `&u1=http%3A%2F%2Fw.qq.com%2Fproxy.html%3Flogin2qq%3D1%26webqq_type%3D10&h=1&ptredirect=0&ptlang=2052&daid=164` +
    `&from_ui=1&pttype=1&dumy=&fp=loginerroralert&action=0-23-19230&mibao_css=m_webqq&t=1&g=1&js_type=0&js_ver=10120&login_sig=${extra}`

  it('check answers the 3-argument 2013 form with the uin salt escaped', async () => {
    await phone.settings({ captcha: 'never' })
    const res = await ptlogin(`/check?uin=${QQ}&appid=501004106`)
    expect(res.headers['content-type']).toBe('application/javascript; charset=utf-8')
    expect(res.body).toMatch(/^ptui_checkVC\('0','![A-Z]{3}','\\x00\\x00\\x00\\x00\\xa9\\xf2\\x63\\x07'\);\r\n$/)
  })

  it('check asks for a captcha with a cap_cd; getimage sets verifysession on qq.com', async () => {
    await phone.settings({ captcha: 'always' })
    const [flag, capCd] = await checkFor(QQ)
    expect(flag).toBe('1')
    expect(capCd).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    const img = await raw(emu.port, { host: 'ssl.captcha.qq.com', path: `/getimage?aid=501004106&r=0.3&uin=${QQ}&cap_cd=${capCd}` })
    expect(img.status).toBe(200)
    // A JPEG, as the real getimage sent (seed notes 001, 004).
    expect(img.headers['content-type']).toBe('image/jpeg')
    const picture = jpeg.decode(img.bytes)
    expect([picture.width, picture.height]).toEqual([130, 53])
    expect(img.setCookies).toHaveLength(1)
    expect(img.setCookies[0]).toMatch(/^verifysession=[0-9a-f]{80}; PATH=\/; DOMAIN=qq\.com;$/)
    const control = await phone.fetch(`/control/captcha?qq=${QQ}`)
    expect(((await control.json()) as { session: string }).session).toBe(setCookieValue(img.setCookies, 'verifysession'))
    expect((await phone.fetch('/control/captcha?session=nope')).status).toBe(404)
  })

  it('login checks the captcha against the verifysession it was drawn for', async () => {
    await phone.settings({ captcha: 'always' })
    const qq = await newAccount()
    const [, capCd] = await checkFor(qq)
    const img = await raw(emu.port, { host: 'ssl.captcha.qq.com', path: `/getimage?uin=${qq}&cap_cd=${capCd}` })
    const session = setCookieValue(img.setCookies, 'verifysession')!
    const code = ((await phone.get(`/control/captcha?session=${session}`)) as { code: string }).code
    const p = encodeUinSalt(PASSWORD, salt8(qq), code)
    // Another session's captcha does not count, even with the right letters.
    const wrong = await ptlogin(loginPath(qq, p, code, '&pt_verifysession_v1=' + 'f'.repeat(80)))
    expect(wrong.body).toBe("ptuiCB('4','0','','0','您输入的验证码不正确，请重新输入。', '');\r\n")
    // A wrong answer uses the captcha up: the right letters afterwards need a new picture.
    const other = code === 'ABCD' ? 'ABCE' : 'ABCD'
    const wrongLetters = await ptlogin(loginPath(qq, encodeUinSalt(PASSWORD, salt8(qq), other), other, '&pt_verifysession_v1=' + session))
    expect(wrongLetters.body).toContain("ptuiCB('4','0',")
    const reused = await ptlogin(loginPath(qq, p, code, '&pt_verifysession_v1=' + session))
    expect(reused.body).toContain("ptuiCB('4','0',")
    const img2 = await raw(emu.port, { host: 'ssl.captcha.qq.com', path: `/getimage?uin=${qq}&cap_cd=${capCd}` })
    const session2 = setCookieValue(img2.setCookies, 'verifysession')!
    const code2 = ((await phone.get(`/control/captcha?session=${session2}`)) as { code: string }).code
    // 2013 clients sent only the cookie; that is accepted too.
    const ok = await ptlogin(loginPath(qq, encodeUinSalt(PASSWORD, salt8(qq), code2), code2), `verifysession=${session2}`)
    expect(parseJsCallback(ok.body)!.args[0]).toBe('0')
  })

  it('login succeeds with encoding B or A, answering like ptqrlogin with a check_sig URL and the nickname', async () => {
    await phone.settings({ captcha: 'never' })
    const [, vc] = await checkFor(QQ)
    const ok = await ptlogin(loginPath(QQ, encodeUinSalt(PASSWORD, salt8(QQ), vc!), vc!))
    expect(ok.body).toMatch(
      /^ptuiCB\('0','0','http:\/\/ptlogin4\.web2\.qq\.com\/check_sig\?pttype=1&uin=2851234567&service=login&nodirect=0&ptsigx=[0-9a-f]{128}&s_url=http%3A%2F%2Fw\.qq\.com%2Fproxy\.html%3Flogin2qq%3D1%26webqq_type%3D10&[^']*','0','登录成功！', '小企鹅'\);\r\n$/,
    )
    expect(setCookieValue(ok.setCookies, 'superuin', 'ptlogin2.qq.com')).toBe('o2851234567')
    expect(setCookieValue(ok.setCookies, 'ptwebqq', 'qq.com')).toMatch(/^[0-9a-f]{64}$/)
    const url = new URL(parseJsCallback(ok.body)!.args[2]!)
    const sig = await raw(emu.port, { host: url.host, path: url.pathname + url.search })
    expect(sig.status).toBe(302)

    const [, vc2] = await checkFor(QQ)
    const a = await ptlogin(loginPath(QQ, encodeTripleMd5(PASSWORD, vc2!).toLowerCase(), vc2!.toLowerCase()))
    expect(parseJsCallback(a.body)!.args[0]).toBe('0')
  })

  it('login answers 4 for a wrong verify code or a missing check, 7 for bad parameters', async () => {
    await phone.settings({ captcha: 'never' })
    const qq = await newAccount()
    const noCheck = await ptlogin(loginPath(qq, encodeUinSalt(PASSWORD, salt8(qq), '!AAA'), '!AAA'))
    expect(noCheck.body).toBe("ptuiCB('4','2','','0','页面过期，请重试。*', '');\r\n")
    const [, vc] = await checkFor(qq)
    const other = vc === '!AAA' ? '!AAB' : '!AAA'
    const wrongVc = await ptlogin(loginPath(qq, encodeUinSalt(PASSWORD, salt8(qq), other), other))
    expect(wrongVc.body).toBe("ptuiCB('4','0','','0','您输入的验证码不正确，请重新输入。', '');\r\n")
    const bad = await ptlogin(loginPath(qq, 'not-a-hash', '!AAA'))
    expect(bad.body).toMatch(/^ptuiCB\('7','0','','0','很遗憾，网络连接出现异常，请您稍后再试。\(\d+\)', ''\);\r\n$/)
  })

  it('locks an account with code 8 after five wrong passwords in a row', async () => {
    await phone.settings({ captcha: 'never' })
    const qq = await newAccount()
    const attempt = async (password: string) => {
      const [, vc] = await checkFor(qq)
      return parseJsCallback((await ptlogin(loginPath(qq, encodeUinSalt(password, salt8(qq), vc!), vc!))).body)!.args
    }
    for (let i = 0; i < 5; i++) expect((await attempt(WRONG_PASSWORD))[0]).toBe('3')
    const locked = await attempt(PASSWORD)
    expect(locked[0]).toBe('8')
    expect(locked[4]).toBe('您的操作过于频繁，请稍后再试。')
    // Other accounts are not affected.
    const [, vc] = await checkFor(QQ)
    expect(parseJsCallback((await ptlogin(loginPath(QQ, encodeUinSalt(PASSWORD, salt8(QQ), vc!), vc!))).body)!.args[0]).toBe('0')
  })
})
