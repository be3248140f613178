import { randomBytes } from 'node:crypto'
import type { EmulatorCore } from '../core'
import { faultOf } from '../faults'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { Conversation } from '../notify'
import type { LoginSession } from '../state/logins'
import { parseSendContent } from './content'
import { fromQuery, fromR, web2Routes, type ChannelCall, type Params } from './guarded-routes'
import { loginInvalid, retcode } from './guards'
import { SendLimiter } from './rate-limit'

/** The send APIs (§6.4) and temporary sessions (§6.7). */

type SendKind = Conversation['kind']

/** `{"errmsg":"error!!!","retcode":N}` with the key order of the captures (§6.4). */
function errorBang(code: number): HttpAnswer {
  return new HttpAnswer(200, JSON.stringify({ errmsg: 'error!!!', retcode: code }), 'application/json; charset=utf-8')
}

/**
 * An unknown recipient (§9 item 43, [U]): a bad group id answered 100001 on send_qun_msg2
 * (§6.4); for friends, discussions and temporary sessions we answer 1202, the code clients
 * already treat as "maybe not delivered", since nothing better was recorded.
 */
const unknownRecipient = (kind: SendKind) => (kind === 'group' ? retcode(100001) : retcode(1202, { errmsg: '' }))

interface SessionSig {
  owner: string
  serviceType: 0 | 1
  /** Group number or discussion id. */
  via: string
  member: string
}

export function sendRoutes(emu: EmulatorCore): Route[] {
  const world = emu.world
  const limiter = new SendLimiter()
  /** get_c2cmsg_sig2's signatures, stable per (account, group or discussion, member). */
  const sigs = new Map<string, SessionSig>()
  const sigByKey = new Map<string, string>()

  /** The target of a send in world terms, from the sender's per-login ids. */
  const target = (kind: SendKind, login: LoginSession, r: Params): Conversation => {
    const ids = login.ids
    const me = login.qq
    switch (kind) {
      case 'friend': {
        const qq = ids.qqOf(String(r.to))
        if (qq && world.friendOf(me, qq)) return { kind, to: qq }
        break
      }
      case 'group': {
        const number = ids.groupOfGid(String(r.group_uin))
        const group = number === undefined ? undefined : world.groups.get(number)
        if (group && world.member(group, me)) return { kind, group: group.number }
        break
      }
      case 'discussion': {
        const disc = world.discussions.get(String(r.did))
        if (disc?.members.includes(me)) return { kind, did: disc.id }
        break
      }
      case 'session': {
        // The signature names the group or discussion; `to` and service_type must agree with it.
        const sig = typeof r.group_sig === 'string' ? sigs.get(r.group_sig) : undefined
        const qq = ids.qqOf(String(r.to))
        if (sig && sig.owner === me && sig.member === qq && Number(r.service_type) === sig.serviceType) {
          return { kind, to: qq, serviceType: sig.serviceType, via: sig.via }
        }
        break
      }
    }
    throw unknownRecipient(kind)
  }

  const send = (kind: SendKind) => (ctx: RequestContext, { login, channel, params: r }: ChannelCall<Params>) => {
    const fault = faultOf(ctx)
    if (fault?.kind === 'kick' || fault?.kind === 'expire') {
      emu.endChannel(channel, fault.kind === 'kick' ? 'kicked' : 'expired')
      throw loginInvalid('d')
    }
    // Blocked from 2016-02 on: "腾讯已经屏蔽了临时消息", sends failed (§6.7).
    if (kind === 'session' && emu.config.eraRules.tempSessionsBlocked) throw errorBang(1202)
    const conv = target(kind, login, r)
    const content = parseSendContent(r.content)
    if (!content) throw retcode(100001)
    if (!limiter.take(login.qq, emu.now(), emu.config.rateLimit)) throw errorBang(1202)
    // No dedupe by msg_id: a re-posted body is delivered again (§6.4, §9 item 39).
    const msgId = Number(r.msg_id)
    emu.notify.message(
      { from: login.qq, conv, content, ...(Number.isFinite(msgId) && { msgId }) },
      { echo: emu.config.eraRules.echoOwnGroupMessages },
    )
    // Delivered, and still an error code (100100 from 2017-01, sometimes 1202; §6.4).
    if (fault?.kind === 'delivered-retcode') throw errorBang(fault.retcode)
    if (emu.config.eraRules.sendSuccess === 'errcode-send-ok') ctx.json({ errCode: 0, msg: 'send ok' })
    else ctx.json({ retcode: 0, result: 'ok' })
  }

  /** get_c2cmsg_sig2 (§6.7): the signature a temporary session with a fellow member needs. */
  const c2cSig = (ctx: RequestContext, { login, params: q }: ChannelCall<Record<string, string>>) => {
    const ids = login.ids
    const serviceType = q.service_type === '1' ? 1 : q.service_type === '0' ? 0 : undefined
    const member = ids.qqOf(q.to_uin)
    const me = login.qq
    let via: string | undefined
    if (serviceType === 0) {
      const group = world.groups.get(ids.groupOfGid(q.id) ?? '')
      if (group && world.member(group, me) && member && world.member(group, member)) via = group.number
    } else if (serviceType === 1) {
      const disc = world.discussions.get(q.id ?? '')
      if (disc?.members.includes(me) && member && disc.members.includes(member)) via = disc.id
    }
    if (serviceType === undefined || via === undefined || member === undefined) throw retcode(100001)
    const flags = { text: 1, pic: 1, file: 1, audio: 1, video: 1 }
    // An empty value means "not allowed" (§6.7).
    if (emu.config.eraRules.tempSessionsBlocked) return ctx.json({ retcode: 0, result: { type: serviceType, value: '', flags } })
    const key = `${me}|${serviceType}|${via}|${member}`
    let value = sigByKey.get(key)
    if (!value) {
      value = randomBytes(56).toString('hex')
      sigByKey.set(key, value)
      sigs.set(value, { owner: me, serviceType, via, member })
    }
    ctx.json({ retcode: 0, result: { type: serviceType, value, flags } })
  }

  const route = web2Routes(emu)
  const sendGuard = { params: fromR, needsAttach: true }
  return [
    route.channel('send_buddy_msg2', ['POST'], sendGuard, send('friend')),
    route.channel('send_qun_msg2', ['POST'], sendGuard, send('group')),
    route.channel('send_discu_msg2', ['POST'], sendGuard, send('discussion')),
    route.channel('send_sess_msg2', ['POST'], sendGuard, send('session')),
    route.channel('get_c2cmsg_sig2', ['GET'], { params: fromQuery }, c2cSig),
  ]
}
