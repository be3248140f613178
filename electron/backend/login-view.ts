import type { LoginState } from '../engine/login/login-flow'
import type { LoginView } from '../model/views'

/** A picture the login window shows, as the data: URL an <img> takes: a JPEG captcha (as getimage sent), else PNG (the QR code). */
function dataUrl(picture: Buffer): string {
  const mime = picture[0] === 0xff && picture[1] === 0xd8 ? 'image/jpeg' : 'image/png'
  return `data:${mime};base64,${picture.toString('base64')}`
}

/** The engine's login state as the model's LoginView: the QR code and the captcha as data: URLs. */
export function loginView(state: LoginState): LoginView {
  switch (state.kind) {
    case 'qr':
      return { kind: 'qr', image: dataUrl(state.png), expiresAt: state.expiresAt, refreshes: state.refreshes }
    case 'scanned':
      return { kind: 'scanned', image: dataUrl(state.png), expiresAt: state.expiresAt }
    case 'captcha':
      return { kind: 'captcha', image: dataUrl(state.image) }
    default:
      return state
  }
}
