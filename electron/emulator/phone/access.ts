import { secretMatches } from '../../smartqq/secret'
import { HttpAnswer } from '../http/context'
import { hostFamily, type RouteHook } from '../http/router'
import { jsonError } from './control-api'

/** The header that carries the run's secret on every control API call. */
export const SECRET_HEADER = 'x-emulator-secret'

/**
 * The phone page and the control API write to the user as any contact and read what the user
 * sent, so any web page the user visits must not reach them. The router serves them only
 * under the emulator's own address (hostFamily: a DNS-rebinding page sends its own name);
 * here a request from another origin is refused, and every one must carry the run's secret:
 * the phone page in its URL (`/phone?secret=…`, the URL the app opens), the API in a header
 * (which a cross-origin page cannot even send without a preflight the emulator refuses).
 * The protocol hosts are untouched: the real service had no such thing; so is the image server
 * on this address, whose rkeys authorise (route.open).
 */
export function localAccessHook(secret: string): RouteHook {
  return (route, ctx) => {
    if (hostFamily(ctx.host) !== 'local' || route.open?.(ctx)) return
    const api = ctx.url.pathname.startsWith('/control/')
    const origin = ctx.header('origin')
    if (origin !== undefined && origin !== ctx.url.origin) throw refusal(api, 'request from another origin')
    const given = api ? ctx.header(SECRET_HEADER) : ctx.query.get('secret')
    if (!secretMatches(given, secret)) throw refusal(api, `missing or wrong secret (${api ? `${SECRET_HEADER} header` : '?secret='})`)
  }
}

function refusal(api: boolean, why: string): HttpAnswer {
  return api ? jsonError(403, why) : new HttpAnswer(403, refusedPage(why))
}

function refusedPage(why: string): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>403 · 模拟手机</title></head><body>
<p>这个页面需要模拟器本次运行的密钥：请在应用里点“打开模拟手机”，或使用 <code>npm run emulator</code> 打印的地址。</p>
<p lang="en">This page needs the emulator's secret for this run: open it with “Open simulated phone” in the app, or use the URL <code>npm run emulator</code> prints.</p>
<p class="muted">${why}</p></body></html>`
}
