/** Where the renderer's pictures come from: Electron's media scheme (media-scheme.ts), web mode's own `/media/` route. */
export const ELECTRON_IMAGES = 'qq-media:'
export const WEB_IMAGES = "'self'"

/**
 * The renderer's Content-Security-Policy, one definition for Electron (sent as a header and
 * in the page) and web mode: no remote code, no eval, no inline script; images only from the
 * host's media source (`images`: the cached pictures and avatars) and data: URLs (the QR code
 * and the captcha); connections only back to the app (web mode's WebSocket).
 */
export function contentSecurityPolicy(connect: string[] = [], images: string = WEB_IMAGES): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${images} data:`,
    "font-src 'self' data:",
    `connect-src 'self'${connect.map((c) => ' ' + c).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}
