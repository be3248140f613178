import { isStatusName } from '../../smartqq/status'
import type { EmulatorCore } from '../core'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { ChannelSession } from '../state/channels'
import type { LoginSession } from '../state/logins'
import { web2Routes } from './guarded-routes'
import { retcode } from './guards'

/** getvfwebqq (§3.6) and channel/login2 (§3.7, relink §8.2). */
export function sessionRoutes(emu: EmulatorCore): Route[] {
  const route = web2Routes(emu)
  return [
    route.s('getvfwebqq', ['GET'], (ctx, login) => getvfwebqq(emu, ctx, login)),
    route.d('login2', ['POST'], (ctx, login) => login2(emu, ctx, login), (ctx) => refuseOnLegacyHost(emu, ctx)),
  ]
}

/** Strict: the ptwebqq a client sends must be the current one; lenient also takes "" (2018 clients). */
function ptwebqqMatches(emu: EmulatorCore, login: LoginSession, sent: unknown): boolean {
  if (typeof sent !== 'string') return false
  return sent === login.ptwebqq || (!emu.config.strict && sent === '')
}

function getvfwebqq(emu: EmulatorCore, ctx: RequestContext, login: LoginSession): void {
  if (!ptwebqqMatches(emu, login, ctx.query.get('ptwebqq') ?? '')) throw retcode(100000)
  ctx.json({ retcode: 0, result: { vfwebqq: login.vfwebqq } })
}

/** After 2015-12-09 the legacy dynamic host refused login2 outright, before any check (§1.1). */
function refuseOnLegacyHost(emu: EmulatorCore, ctx: RequestContext): void {
  if (ctx.host === 'd.web2.qq.com' && emu.config.eraRules.login2OnlyOnD1) {
    throw new HttpAnswer(403, '<html><head><title>403 Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>')
  }
}

async function login2(emu: EmulatorCore, ctx: RequestContext, login: LoginSession): Promise<void> {
  const r = await ctx.r()
  if (!r) throw retcode(100001)
  if (!ptwebqqMatches(emu, login, r.ptwebqq)) throw retcode(100002)
  const clientid = r.clientid === undefined || r.clientid === null ? '' : String(r.clientid)
  if (!/^\d+$/.test(clientid)) throw retcode(100001)

  const psessionid = typeof r.psessionid === 'string' ? r.psessionid : ''
  if (psessionid !== '') {
    // Relink: same channel, fresh psessionid; a dead one cannot be relinked (§8.2).
    const channel = emu.channels.find(psessionid)
    if (!channel || channel.ended || channel.login !== login) throw retcode(103, { errmsg: '' })
    const state = r.state ?? r.status
    if (isStatusName(state)) {
      channel.status = state
      emu.setPresence(login.qq, state)
    }
    emu.channels.relink(channel)
    return answer(ctx, channel)
  }

  const status = isStatusName(r.status) ? r.status : 'online'
  const { channel, replaced } = emu.channels.create(login, clientid, status)
  if (replaced) emu.endChannel(replaced, 'kicked')
  emu.setPresence(login.qq, status, 41)
  answer(ctx, channel)
}

function answer(ctx: RequestContext, c: ChannelSession): void {
  ctx.json({
    retcode: 0,
    result: {
      cip: c.cip,
      f: 0,
      index: c.index,
      port: c.port,
      psessionid: c.psessionid,
      status: c.status,
      uin: Number(c.login.qq),
      user_state: 0,
      vfwebqq: c.login2Vfwebqq,
    },
  })
}
