/**
 * The renderer's Content-Security-Policy, one definition for Electron (sent as a header and
 * in the page) and web mode: no remote code, no eval, no inline script; images only from the
 * app itself and data/blob URLs; connections only back to the app (web mode's WebSocket).
 */
export function contentSecurityPolicy(connect: string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((c) => ' ' + c).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
