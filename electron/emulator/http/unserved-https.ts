import type { EmulatorCore } from '../core'
import { hostFamily, type RouteHook } from './router'

/**
 * A host the era did not serve over https (Era.sWeb2Https): the connection is closed without an
 * answer, as a client of the time saw it, so a client that tries https first must fall back to http.
 */
export function unservedHttpsHook(core: EmulatorCore): RouteHook {
  return (_route, ctx) => {
    if (ctx.scheme === 'https' && hostFamily(ctx.host) === 's' && !core.config.eraRules.sWeb2Https) ctx.req.socket.destroy()
  }
}
