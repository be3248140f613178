import { LOGIN_PAGE_URL } from '../../smartqq/constants'

/** HTML the ptlogin front end served: error pages and the login page shells. */

/** ptlogin's refusal page (HTTP 403, "Tencent Login Server", §2.3). */
export function tencentLoginServer403(): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>403 Forbidden</title></head>' +
    '<body><h1>403 Forbidden</h1><p>You don\'t have permission to access the URL on this server.</p>' +
    '<hr><address>Tencent Login Server</address></body></html>'
  )
}

/** The (iframe) login page; clients only want its pt_login_sig cookie (§3.1). */
export function loginPage(): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>QQ帐号安全登录</title></head>' +
    '<body><div id="login">请使用手机QQ扫描二维码登录</div></body></html>'
  )
}

/** proxy.html of w.qq.com / s.web2 / d1.web2: a page that sets document.domain (§2.2, §3.5). */
export function proxyPage(): string {
  return '<!DOCTYPE html><html><head><meta charset="utf-8"><script>document.domain="qq.com";</script></head><body></body></html>'
}

/**
 * w.qq.com itself: the SmartQQ page, which framed the ptlogin login page (§3.1). A client's first
 * request was often `GET http://w.qq.com/` (for its cookies and as a Referer); it must get a page.
 */
export function smartqqPage(): string {
  return (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>SmartQQ</title></head>' +
    `<body><iframe id="ptlogin_iframe" src="${LOGIN_PAGE_URL.replace(/&/g, '&amp;')}" width="100%" height="360" frameborder="0"></iframe></body></html>`
  )
}
