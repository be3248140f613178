import { setTimeout as sleep } from 'node:timers/promises'
import type { EmulatorCore } from '../core'
import { faultOf, nginxPage } from '../faults'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import { bufferBody, redirectLocation, sendBody } from '../media/delivery'
import type { Picture } from '../media/picture-bytes'
import type { Conversation } from '../notify'
import type { LoginSession } from '../state/logins'
import { loginInvalid, requireChannel, requireLogin, vfwebqqMatches } from './guards'

/**
 * Received pictures (§7.1, §7.2): get_offpic2 for a friend's picture (on w.qq.com's path proxy
 * and the d hosts), get_group_pic for a group or discussion custom face, get_cface2 for a
 * friend's custom face. Each answers a 302 to the image server — this emulator's own address,
 * as an IP literal and port like the real ones (`http://103.7.29.36:80/?ver=2173&rkey=…`) —
 * which serves the bytes for the rkey. Whether these CGIs checked the Referer was not recorded
 * [U]: they do not here.
 */
export function pictureRoutes(emu: EmulatorCore): Route[] {
  const pictures = emu.pictures
  const notFound = () => new HttpAnswer(404, nginxPage(404))
  const imageUrl = (picture: Picture) => `http://${emu.imageServer}/?ver=2173&rkey=${pictures.issueRkey(picture)}`
  const toImageServer = (ctx: RequestContext, picture: Picture) => ctx.redirect(redirectLocation(imageUrl(picture), faultOf(ctx)))

  /** A channel call: the cookie login and a live psessionid (clientid too when sent), else 103 (§7.1). */
  const channelLogin = (ctx: RequestContext, pSkey: boolean): LoginSession => {
    const login = requireLogin(emu, ctx, 'd', { pSkey })
    requireChannel(emu, login, { psessionid: ctx.query.get('psessionid') ?? undefined, clientid: ctx.query.get('clientid') ?? undefined })
    return login
  }
  const sender = (login: LoginSession, uin: string | null) => login.ids.qqOf(uin ?? undefined)

  const offpic = (pSkey: boolean) => (ctx: RequestContext) => {
    const login = channelLogin(ctx, pSkey)
    const picture = pictures.offpic(ctx.query.get('file_path'), login.qq, sender(login, ctx.query.get('f_uin')))
    if (!picture) throw loginInvalid('d')
    toImageServer(ctx, picture)
  }

  const cface2 = (ctx: RequestContext) => {
    const login = channelLogin(ctx, true)
    const picture = pictures.buddyCface(ctx.query.get('guid'), login.qq, sender(login, ctx.query.get('to')))
    if (!picture) throw loginInvalid('d')
    toImageServer(ctx, picture)
  }

  /** get_group_pic: the cookie login and its vfwebqq; anything unknown is a plain 404. */
  const groupPic = (ctx: RequestContext) => {
    const q = ctx.query
    let login: LoginSession
    try {
      login = requireLogin(emu, ctx, 's')
    } catch {
      throw notFound()
    }
    if (!vfwebqqMatches(emu, login, emu.channels.live(login.qq), q.get('vfwebqq'))) throw notFound()
    const id = q.get('gid') ?? ''
    // type 0 names the group by its code (what WebQQ put in group_code) or, as SmartQQ's group_code was, its gid.
    const number = login.ids.groupOfCode(id) ?? login.ids.groupOfGid(id)
    const room: Conversation | undefined = q.get('type') === '1' ? { kind: 'discussion', did: id } : number ? { kind: 'group', group: number } : undefined
    const picture = pictures.groupPicture({
      fileId: Number(q.get('fid')),
      name: q.get('pic'),
      server: `${q.get('rip')}:${q.get('rport')}`,
      from: sender(login, q.get('uin')),
      room,
      viewer: login.qq,
    })
    if (!picture) throw notFound()
    toImageServer(ctx, picture)
  }

  const imageServer = async (ctx: RequestContext) => {
    // The emulator's root is also the phone's door: without an rkey a person is sent to the phone page.
    if (!ctx.query.has('rkey')) return ctx.redirect(`/phone${ctx.url.search}`)
    const picture = pictures.byRkey(ctx.query.get('rkey'))
    if (!picture) throw notFound()
    if (emu.config.imageDelayMs > 0) await sleep(emu.config.imageDelayMs, undefined, { ref: false })
    const fault = faultOf(ctx)
    if (fault?.kind === 'redirect-twice') return ctx.redirect(imageUrl(picture))
    await sendBody(ctx, bufferBody(picture.bytes, picture.mime), fault)
  }

  return [
    { name: 'get_offpic2', family: 'w', path: '/d/channel/get_offpic2', methods: ['GET'], handler: offpic(false) },
    { name: 'get_offpic2', family: 'd', path: '/channel/get_offpic2', methods: ['GET'], handler: offpic(true) },
    { name: 'get_cface2', family: 'd', path: '/channel/get_cface2', methods: ['GET'], handler: cface2 },
    { name: 'get_group_pic', family: 'web2', path: '/cgi-bin/get_group_pic', methods: ['GET'], handler: groupPic },
    { name: 'image_server', family: 'local', path: '/', methods: ['GET'], open: (ctx) => ctx.query.has('rkey'), handler: imageServer },
  ]
}
