import type { EmulatorCore } from '../core'
import type { RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { ChannelSession } from '../state/channels'
import type { LoginSession } from '../state/logins'
import { checkReferer, requireChannel, requireLogin, retcode, type Cgi } from './guards'

/** A web2 call's parameters (§2.1). */
export type Params = Record<string, unknown>

/** The query string's parameters (the GET calls). */
export const fromQuery = (ctx: RequestContext): Record<string, string> => Object.fromEntries(ctx.query)

/** The POST's `r` object (or `?r=`); undefined when absent or not a JSON object. */
export const fromR = (ctx: RequestContext): Promise<Params | undefined> => ctx.r()

/** Both, `r` winning: clients sent some POST APIs as GET (§2.1, §5.3) and both were accepted. */
export const fromQueryAndR = async (ctx: RequestContext): Promise<Params> => ({ ...fromQuery(ctx), ...((await ctx.r()) ?? {}) })

/** What a channel route's handler is handed once its guard passed. */
export interface ChannelCall<P extends Params> {
  login: LoginSession
  channel: ChannelSession
  /** The call's parameters, which named the channel. */
  params: P
}

/** How a channel route finds its channel session (§9 item 22). */
export interface ChannelGuard<P extends Params> {
  /** Where the call's parameters, psessionid and clientid among them, come from. */
  params: (ctx: RequestContext) => P | undefined | Promise<P | undefined>
  /** The retcode when there are none (no `r`, or not a JSON object): 100001; poll2's is 100006 (§2.6). */
  malformed?: number
  /** Strict mode also wants the session attached by get_online_buddies2 (§8.3). */
  needsAttach?: boolean
  /**
   * What an ended session, named by its psessionid under that login's own cookies, gets instead
   * of the dead-login answer: its cookies died with it, yet poll2 still reached what was left
   * for it (§8.4, §9 items 19 and 21).
   */
  ended?: (ctx: RequestContext, channel: ChannelSession) => Promise<void>
}

type Answer = Promise<void> | void

const CGI_PATH: Record<Cgi, string> = { s: '/api/', d: '/channel/' }

/**
 * The web2 API routes of one emulator. A route declares its CGI (s.web2's `/api/…`, d1.web2's
 * `/channel/…`) and what it needs; its guard runs first (the Referer, §2.2; the cookie login,
 * §3.5; for a channel route the channel session, §9 item 22), answers a failure the way that
 * CGI did (§9 item 4), and hands the handler what it proved.
 */
export function web2Routes(emu: EmulatorCore) {
  const route = (cgi: Cgi, name: string, methods: readonly string[], handler: Route['handler']): Route => ({
    name,
    family: cgi,
    path: CGI_PATH[cgi] + name,
    methods,
    handler,
  })

  const loginRoute =
    (cgi: Cgi) =>
    (
      name: string,
      methods: readonly string[],
      handler: (ctx: RequestContext, login: LoginSession) => Answer,
      /** Runs before the guard: a refusal that came before any check (login2 on the legacy host). */
      before?: (ctx: RequestContext) => void,
    ): Route =>
      route(cgi, name, methods, async (ctx) => {
        before?.(ctx)
        checkReferer(emu, ctx)
        await handler(ctx, requireLogin(emu, ctx, cgi))
      })

  return {
    /** A static-CGI route: the handler gets the login. */
    s: loginRoute('s'),
    /** A dynamic-CGI route that needs the login only (login2, which makes the channel). */
    d: loginRoute('d'),
    /** A dynamic-CGI route that acts on a channel session: the handler gets the login, the channel and the parameters. */
    channel: <P extends Params>(name: string, methods: readonly string[], guard: ChannelGuard<P>, handler: (ctx: RequestContext, call: ChannelCall<P>) => Answer): Route =>
      route('d', name, methods, async (ctx) => {
        checkReferer(emu, ctx)
        if (guard.ended) {
          const sent = await guard.params(ctx)
          const named = emu.channels.find(typeof sent?.psessionid === 'string' ? sent.psessionid : undefined)
          if (named?.ended && ctx.cookieValues('skey').includes(named.login.skey ?? '\0')) return guard.ended(ctx, named)
        }
        const login = requireLogin(emu, ctx, 'd')
        const params = await guard.params(ctx)
        if (!params) throw retcode(guard.malformed ?? 100001)
        const channel = requireChannel(emu, login, params, { needsAttach: guard.needsAttach })
        await handler(ctx, { login, channel, params })
      }),
  }
}
