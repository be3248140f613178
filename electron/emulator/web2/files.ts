import type { EmulatorCore } from '../core'
import { faultOf, nginxPage } from '../faults'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Route } from '../http/router'
import { redirectLocation, sendBody } from '../media/delivery'
import type { FileOffer } from '../media/files'
import type { ChannelSession } from '../state/channels'
import { requireChannel, requireLogin, retcode } from './guards'

/**
 * Online files (§7.3): get_file2 accepts an offer with a 302 to file1.web.qq.com, whose URL
 * names the account, the sender's uin, the lcid and the login2 index and port (a 2015
 * capture's shape) and streams the file; refuse_file2 turns it down. Whether these checked the
 * Referer was not recorded [U]: they do not here.
 */
export function fileRoutes(emu: EmulatorCore): Route[] {
  const files = emu.files
  const notFound = () => new HttpAnswer(404, nginxPage(404))

  /** A channel call's login and channel (cookies with p_skey, a live psessionid), else 103. */
  const channelOf = (ctx: RequestContext): ChannelSession => {
    const login = requireLogin(emu, ctx, 'd')
    return requireChannel(emu, login, { psessionid: ctx.query.get('psessionid') ?? undefined, clientid: ctx.query.get('clientid') ?? undefined })
  }

  /** The offer the call names (lcid) from the sender it names (to, this login's uin for them). */
  const offerOf = (ctx: RequestContext, channel: ChannelSession): FileOffer | undefined => {
    const lcid = ctx.query.get('lcid') ?? ''
    const offer = /^\d{1,4}$/.test(lcid) ? files.find(channel.login.qq, Number(lcid)) : undefined
    return offer && channel.login.ids.qqOf(ctx.query.get('to') ?? undefined) === offer.from ? offer : undefined
  }

  const fileUrl = (offer: FileOffer, channel: ChannelSession) => {
    const peer = channel.login.ids.uin(offer.from)
    const path = [offer.owner, peer, offer.lcid, channel.index, channel.port, 0, 0, 1, 'f', offer.n, encodeURIComponent(offer.name)].join('/')
    return `http://file1.web.qq.com/v2/${path}?psessionid=${channel.psessionid}`
  }

  const getFile2 = (ctx: RequestContext) => {
    const channel = channelOf(ctx)
    const offer = offerOf(ctx, channel)
    // `guid` (the name) is not checked: the official page put it in without URL-encoding it (§7.3).
    if (!offer || offer.type !== 101 || (offer.state !== 'offered' && offer.state !== 'accepted')) throw retcode(102, { errmsg: '' })
    if (offer.state === 'offered') files.accept(offer)
    ctx.redirect(redirectLocation(fileUrl(offer, channel), faultOf(ctx)))
  }

  const refuseFile2 = (ctx: RequestContext) => {
    const channel = channelOf(ctx)
    const offer = offerOf(ctx, channel)
    if (offer && (offer.state === 'offered' || offer.state === 'accepted')) files.refuse(offer)
    ctx.json({ retcode: 0, result: 'ok' })
  }

  /** file1.web.qq.com/v2/<self>/<peer>/<lcid>/<index>/<port>/0/0/1/f/<n>/<name>?psessionid= */
  const fileServer = async (ctx: RequestContext) => {
    const [self, peer, lcid, index, port, ...rest] = ctx.url.pathname.slice('/v2/'.length).split('/')
    const channel = emu.channels.find(ctx.query.get('psessionid') ?? undefined)
    const offer = channel && !channel.ended && channel.login.qq === self && /^\d{1,4}$/.test(lcid ?? '') ? files.find(self, Number(lcid)) : undefined
    if (!offer || !channel || offer.state !== 'accepted' || channel.login.ids.qqOf(peer) !== offer.from) throw notFound()
    // The transfer is named by what comes before the name. The name is not checked: a URL parser
    // removes a `.` or `..` segment (and `%2e` forms) with the one before it, so a file named
    // `..` arrives as …/1/f/ — the server must still serve it.
    const [zero1, zero2, one, f, n] = rest
    if (index !== String(channel.index) || port !== String(channel.port) || `${zero1}/${zero2}/${one}/${f}` !== '0/0/1/f' || (n && n !== String(offer.n))) throw notFound()
    const fault = faultOf(ctx)
    if (fault?.kind === 'redirect-twice') return ctx.redirect(fileUrl(offer, channel))
    files.downloading(offer, ctx.res)
    let written = 0
    const complete = await sendBody(ctx, files.body(offer), fault, (n) => {
      written += n
      offer.bytesSent = written
    })
    if (complete && written === offer.size) files.finished(offer)
  }

  return [
    { name: 'get_file2', family: 'd', path: '/channel/get_file2', methods: ['GET'], handler: getFile2 },
    { name: 'refuse_file2', family: 'd', path: '/channel/refuse_file2', methods: ['GET'], handler: refuseFile2 },
    { name: 'file_server', family: 'file', path: '/v2/*', methods: ['GET'], handler: fileServer },
  ]
}
