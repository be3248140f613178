import type { EmulatorCore } from '../core'
import { faultOf } from '../faults'
import type { RequestContext } from '../http/context'
import type { Route } from '../http/router'
import { bufferBody, sendBody } from '../media/delivery'
import type { Picture } from '../media/picture-bytes'
import type { LoginSession } from '../state/logins'
import { loginFromCookies } from './guards'

/**
 * getface on face1 … face10.web.qq.com (§7.6): `type=1` a person by this login's uin, `type=4` a
 * group by its gid (or code). The uins are per login, so the login is found from the request —
 * its qq.com cookies (uin + skey; these hosts get no p_skey) or its vfwebqq; a uin it does not
 * know gets the default avatar, as the real service answered any number with some picture.
 */
export function avatarRoutes(emu: EmulatorCore): Route[] {
  const loginOf = (ctx: RequestContext): LoginSession | undefined => {
    const byCookie = loginFromCookies(emu, ctx, { pSkey: false })
    if (byCookie) return byCookie
    const vf = ctx.query.get('vfwebqq')
    return vf ? emu.channels.allLive().find((c) => c.login.vfwebqq === vf)?.login : undefined
  }

  const avatarOf = (login: LoginSession | undefined, type: string | null, uin: string | undefined): Picture => {
    const ids = login?.ids
    if (type === '4') {
      const number = ids?.groupOfGid(uin) ?? ids?.groupOfCode(uin)
      if (number && emu.world.groups.has(number)) return emu.avatars.of({ kind: 'group', number })
    } else {
      const qq = ids?.qqOf(uin)
      if (qq && emu.world.person(qq)) return emu.avatars.of({ kind: 'person', qq })
    }
    return emu.avatars.unknown()
  }

  return [
    {
      name: 'getface',
      family: 'face',
      path: '/cgi/svr/face/getface',
      methods: ['GET'],
      handler: async (ctx) => {
        const picture = avatarOf(loginOf(ctx), ctx.query.get('type'), ctx.query.get('uin') ?? undefined)
        ctx.res.setHeader('Cache-Control', 'max-age=86400')
        await sendBody(ctx, bufferBody(picture.bytes, picture.mime), faultOf(ctx))
      },
    },
  ]
}
