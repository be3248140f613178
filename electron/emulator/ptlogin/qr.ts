import QRCode, { type QRCodeToBufferOptions } from 'qrcode'
import { PROXY_PAGE_URL, oUin } from '../../smartqq/constants'
import { hash33 } from '../../smartqq/hash'
import { formatJsCallback } from '../../smartqq/ptui'
import type { EmulatorCore } from '../core'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { QrCode } from '../state/qr-codes'
import { qrPayload } from '../state/qr-codes'
import type { LoginSession } from '../state/logins'
import { hex, newPtwebqq, newSerial } from '../state/tokens'
import { tencentLoginServer403 } from './pages'
import { scanQr, confirmQr } from './phone-actions'

/** ptqrshow (§3.2) and ptqrlogin (§3.3–3.4). */
export function qrRoutes(emu: EmulatorCore): Route[] {
  return [
    { name: 'ptqrshow', family: 'ptlogin', path: '/ptqrshow', methods: ['GET', 'HEAD'], handler: (ctx) => ptqrshow(emu, ctx) },
    { name: 'ptqrlogin', family: 'ptlogin', path: '/ptqrlogin', methods: ['GET'], handler: (ctx) => ptqrlogin(emu, ctx) },
  ]
}

/** qrcode hands rendererOpts to pngjs, whose filterType its types leave out (4: Paeth, on every row). */
const PAETH_ROWS = { filterType: 4 } as QRCodeToBufferOptions['rendererOpts']

/**
 * A QR code PNG for a phone key; `scale` follows ptqrshow's `s` (module size in px). One mask
 * and one PNG row filter, not the best of each: qrcode scores all 8 masks and pngjs tries all 5
 * filters on every row, which made most of a ptqrshow's CPU (≈ 40–90 ms for the first code a
 * process draws, on the way to the first QR a user sees). Any mask is a valid code every reader
 * decodes (ISO/IEC 18004 §7.8: the choice only evens out light and dark); Paeth keeps the PNG
 * as small as the searched one (≈ 2 KB).
 */
export function qrPng(key: string, scale = 4): Promise<Buffer> {
  return QRCode.toBuffer(qrPayload(key), { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale, maskPattern: 0, rendererOpts: PAETH_ROWS })
}

async function ptqrshow(emu: EmulatorCore, ctx: RequestContext): Promise<void> {
  const code = emu.qr.create()
  const s = Number(ctx.query.get('s'))
  const png = await qrPng(code.key, Number.isInteger(s) && s >= 1 && s <= 10 ? s : 4)
  ctx.setCookie({ name: 'qrsig', value: code.qrsig, domain: 'ptlogin2.qq.com' })
  ctx.bytes(png, 'image/png')
  if (emu.config.autoScanMs !== undefined) scheduleAutoScan(emu, code, emu.config.autoScanMs)
}

function scheduleAutoScan(emu: EmulatorCore, code: QrCode, ms: number): void {
  const account = emu.accounts.default.qq
  emu.later(ms, () => {
    if (scanQr(emu, code, account) === 'ok') emu.later(ms, () => confirmQr(emu, code))
  })
}

const ptuiCB = (args: string[]) => formatJsCallback('ptuiCB', args)

function ptqrlogin(emu: EmulatorCore, ctx: RequestContext): void {
  const qrsig = ctx.cookie('qrsig')
  if (emu.config.eraRules.ptqrtokenRequired) {
    const token = ctx.query.get('ptqrtoken')
    if (!qrsig || token === null || token !== String(hash33(qrsig))) {
      throw new HttpAnswer(403, tencentLoginServer403())
    }
  }
  const code = qrsig ? emu.qr.bySigValue(qrsig) : undefined
  const answer = (body: string) => ctx.text(body + '\r\n', 'application/javascript; charset=utf-8')
  const expired = () => answer(ptuiCB(['65', '0', '', '0', `二维码已失效。(${newSerial()})`, '']))

  if (!code || code.state === 'used' || emu.qr.isExpired(code)) return expired()
  switch (code.state) {
    case 'waiting':
      return answer(ptuiCB(['66', '0', '', '0', `二维码未失效。(${newSerial()})`, '']))
    case 'scanned':
      return answer(ptuiCB(['67', '0', '', '0', `二维码认证中。(${newSerial()})`, '']))
    case 'refused':
      return answer(ptuiCB(['68', '0', '', '0', '本次登录已被拒绝', '']))
    case 'confirmed': {
      const account = code.account ? emu.accounts.get(code.account) : undefined
      if (!account) return expired()
      code.state = 'used'
      const login = newLogin(emu, account.qq)
      const ptsigx = emu.logins.issueTicket(login)
      setPtloginCookies(ctx, account.qq, account.nick, login)
      const sUrl = ctx.query.get('u1') ?? PROXY_PAGE_URL
      return answer(ptuiCB(['0', '0', checkSigUrl(emu, account.qq, ptsigx, sUrl), '0', '登录成功！', account.nick]))
    }
  }
}

/** A ptlogin login of an account, with the ptwebqq its era handed out (64 hex, or 2018's "", §3.10). */
export function newLogin(emu: EmulatorCore, qq: string): LoginSession {
  return emu.logins.create(qq, { ptwebqq: emu.config.eraRules.issuesPtwebqq ? newPtwebqq() : '' })
}

/** The cookies ptlogin sets on a successful login (§2.5, §3.4). */
export function setPtloginCookies(
  ctx: RequestContext,
  qq: string,
  nick: string,
  login: { ptwebqq: string; superkey: string; supertoken: string },
): void {
  const pt = 'ptlogin2.qq.com'
  ctx.setCookie({ name: 'pt_recent_uins', value: hex(48), domain: pt, httpOnly: true })
  ctx.setCookie({ name: 'pt_guid_sig', value: hex(32), domain: pt, httpOnly: true })
  ctx.setCookie({ name: 'superuin', value: oUin(qq), domain: pt })
  ctx.setCookie({ name: 'superkey', value: login.superkey, domain: pt, httpOnly: true })
  ctx.setCookie({ name: 'supertoken', value: login.supertoken, domain: pt })
  ctx.setCookie({ name: `ptnick_${qq}`, value: Buffer.from(nick, 'utf8').toString('hex'), domain: pt })
  ctx.setCookie({ name: 'ptisp', value: 'ctc', domain: 'qq.com' })
  ctx.setCookie({ name: 'RK', value: hex(5), domain: 'qq.com' })
  ctx.setCookie({ name: 'uin', value: oUin(qq), domain: 'qq.com' })
  ctx.setCookie({ name: 'ptwebqq', value: login.ptwebqq, domain: 'qq.com' })
}

/** The check_sig URL a finished ptlogin hands out, on its era's host and scheme. */
export function checkSigUrl(emu: EmulatorCore, qq: string, ptsigx: string, sUrl: string): string {
  const q = new URLSearchParams({
    pttype: '1',
    uin: qq,
    service: 'ptqrlogin',
    nodirect: '0',
    ptsigx,
    s_url: sUrl,
    f_url: '',
    ptlang: '2052',
    ptredirect: '100',
    aid: '501004106',
    daid: '164',
    j_later: '0',
    low_login_hour: '0',
    regmaster: '0',
    pt_login_type: '3',
    pt_aid: '0',
    pt_aaid: '16',
    pt_light: '0',
    pt_3rd_aid: '0',
  })
  return `${emu.config.eraRules.checkSigBase}?${q.toString()}`
}
